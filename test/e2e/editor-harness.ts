// Drives the editor as a user would: the real renderer build, served by the test host with the
// real IPC handlers and engine, in Debian's Chromium through playwright-core. Screenshots of each
// step go to test-results/e2e/<test>/.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { _electron, chromium, type Page } from 'playwright-core';
import { buildTestHost } from '../../src/test-host/build';
import { startTestHost } from '../../src/test-host/server';
import { SAVE_DIALOG_KINDS, type DialogKind } from '../../src/main/ipc/dialogs';
import { repoRoot } from '../fixtures/paths';

export const CHROMIUM = process.env['TIMBREFOLD_CHROMIUM'] ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Playback and recording without a person to click "allow": a fake microphone, no prompt.
  '--autoplay-policy=no-user-gesture-required',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
];

/**
 * Why the suite cannot run here, or null. In CI a missing Chromium is an error (.ci/run installs
 * it); on a developer's machine the suite skips with this message.
 */
export function missingChromium(): string | null {
  if (existsSync(CHROMIUM)) return null;
  const message = `Chromium is not installed at ${CHROMIUM} (apt-get install chromium), so the editor's end-to-end suite cannot run.`;
  if (process.env['CI']) throw new Error(message);
  return message;
}

let built: Promise<string> | undefined;
const buildDir = join(repoRoot, 'test-results', `e2e-build-${process.pid}`);

/** Builds the renderer and the page bridge once per test process. */
function buildOnce(): Promise<string> {
  built ??= buildTestHost(buildDir).then(() => {
    process.once('exit', () => rmSync(buildDir, { recursive: true, force: true }));
    return buildDir;
  });
  return built;
}

export type EditorTarget = 'test-host' | 'electron';

export interface EditorSession {
  target: EditorTarget;
  page: Page;
  /** A scratch folder of this session (the editor's data folder). */
  dataDir: string;
  /** Saves a screenshot of the editor as test-results/e2e/<test>/<nn>-<step>.png. */
  screenshot(step: string): Promise<string>;
  /** Queues the answer of the next file dialog of a kind (as if the user picked these paths). */
  answerDialog(kind: DialogKind, paths: string[] | null): Promise<void>;
  /** Messages the page logged as errors (console errors and uncaught exceptions). */
  pageErrors: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  target?: EditorTarget;
  demo?: boolean;
  dataDir?: string;
  concurrency?: number;
  /** The browser host's in-page file chooser answers dialogs instead of the tests' queue. */
  pageDialogs?: boolean;
}

function screenshots(page: Page, testName: string): (name: string) => Promise<string> {
  const shots = join(repoRoot, 'test-results', 'e2e', testName.replace(/[^\w-]+/g, '-'));
  mkdirSync(shots, { recursive: true });
  let step = 0;
  return async (name) => {
    const path = join(shots, `${String(++step).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path });
    return path;
  };
}

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

/**
 * The Electron binary, or why it is not there. Looked up from the electron package's own
 * path.txt rather than by requiring the package, which would try to download a missing binary.
 */
export function electronBinary(): { path: string } | { missing: string } {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  if (existsSync(pathFile)) {
    const name = readFileSync(pathFile, 'utf8').trim();
    const dist = process.env['ELECTRON_OVERRIDE_DIST_PATH'] ?? join(packageDir, 'dist');
    const path = join(dist, name);
    if (existsSync(path)) return { path };
  }
  return {
    missing:
      'The Electron binary is not installed here (its download is skipped without network), so the suite does not run against the desktop app.',
  };
}

export async function openEditor(
  testName: string,
  options: OpenOptions = {},
): Promise<EditorSession> {
  if (options.target === 'electron') return openElectron(testName, options);
  const dir = await buildOnce();
  const host = await startTestHost({
    port: 0,
    buildDir: dir,
    ...(options.demo !== undefined && { demo: options.demo }),
    ...(options.dataDir !== undefined && { dataDir: options.dataDir }),
    ...(options.concurrency !== undefined && { concurrency: options.concurrency }),
    ...(options.pageDialogs === true && { dialogs: 'page' as const }),
  });
  const profile = await mkdtemp(join(tmpdir(), 'timbrefold-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: false,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors = collectErrors(page);
  await page.goto(host.url);
  return {
    target: 'test-host',
    page,
    dataDir: host.dataDir,
    pageErrors,
    screenshot: screenshots(page, testName),
    answerDialog(kind, paths) {
      host.dialogs.enqueue(kind, paths);
      return Promise.resolve();
    },
    async close() {
      await context.close();
      await host.close();
      await rm(profile, { recursive: true, force: true });
      if (!options.dataDir) await rm(host.dataDir, { recursive: true, force: true });
    },
  };
}

/** The same session against the desktop app, through Playwright's Electron launcher. */
async function openElectron(testName: string, options: OpenOptions): Promise<EditorSession> {
  const binary = electronBinary();
  if ('missing' in binary) throw new Error(binary.missing);
  const dir = await buildOnce();
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'timbrefold-app-')));
  const app = await _electron.launch({
    executablePath: binary.path,
    args: [
      join(dir, 'main', 'index.js'),
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
    ],
    env: {
      ...process.env,
      TIMBREFOLD_DATA_DIR: dataDir,
      TIMBREFOLD_DEMO: options.demo ? '1' : '0',
    },
  });
  const page = await app.firstWindow();
  await page.setViewportSize({ width: 1440, height: 900 });
  const pageErrors = collectErrors(page);
  return {
    target: 'electron',
    page,
    dataDir,
    pageErrors,
    screenshot: screenshots(page, `${testName}-electron`),
    // The native dialog answers once with these paths, as if the user picked them.
    answerDialog: (kind, paths) =>
      app.evaluate(
        ({ dialog }, [save, answer]) => {
          const method = save ? 'showSaveDialog' : 'showOpenDialog';
          const original = dialog[method];
          const reply = save
            ? { canceled: answer === null, filePath: answer?.[0] ?? '' }
            : { canceled: answer === null, filePaths: answer ?? [] };
          (dialog as unknown as Record<string, unknown>)[method] = () => {
            (dialog as unknown as Record<string, unknown>)[method] = original;
            return Promise.resolve(reply);
          };
        },
        [SAVE_DIALOG_KINDS.includes(kind), paths] as const,
      ),
    async close() {
      await app.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The little of a page canvas the checks use (typed here: the Node side has no DOM types). */
interface PageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  } | null;
}

/** Share of painted (non-transparent) pixels in a canvas, and how many distinct colours. */
export async function canvasInk(
  page: Page,
  selector: string,
): Promise<{ painted: number; colours: number }> {
  return page.locator(selector).evaluate((node) => {
    const canvas = node as unknown as PageCanvas;
    const context = canvas.getContext('2d');
    if (!context) return { painted: 0, colours: 0 };
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3]! > 0) {
        painted++;
        if (colours.size < 1000) colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      }
    }
    return { painted: painted / (data.length / 4), colours: colours.size };
  });
}

/** Share of a waveform lane's zoom view drawn in the given colour (peaks.js draws on Konva canvases). */
export async function waveformInk(
  page: Page,
  trackName: string,
  rgb: [number, number, number],
): Promise<number> {
  return page
    .getByRole('img', { name: `Waveform of ${trackName}`, exact: true })
    .locator('.zoomview canvas')
    .evaluateAll((nodes, colour: number[]) => {
      const canvases = nodes as unknown as PageCanvas[];
      let hits = 0;
      let total = 0;
      for (const canvas of canvases) {
        const context = canvas.getContext('2d');
        if (!context || canvas.width === 0 || canvas.height === 0) continue;
        const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
        total = Math.max(total, data.length / 4);
        for (let i = 0; i < data.length; i += 4) {
          const near =
            Math.abs(data[i]! - colour[0]!) < 24 &&
            Math.abs(data[i + 1]! - colour[1]!) < 24 &&
            Math.abs(data[i + 2]! - colour[2]!) < 24 &&
            data[i + 3]! > 128;
          if (near) hits++;
        }
      }
      return total === 0 ? 0 : hits / total;
    }, rgb);
}

export function assertNoPageErrors(errors: string[]): void {
  if (errors.length > 0) throw new Error(`The page reported errors:\n${errors.join('\n')}`);
}
