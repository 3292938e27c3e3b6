// Golden-audio helper: renders through the public command line (`node bin/timbrefold.js ...` in a
// child process, never an import of src/, whose layout may change), reads WAVs with wavefile (an
// independent reader) and compares a render with its stored reference in dB.
//
//   error (dB) = 20 log10(||result - reference|| / ||reference||)
//
// over every sample of every channel, after asserting the same sample rate, channel count and
// length. References live in test/golden/references/ as 32-bit float WAVs written here (wavefile),
// so they do not depend on how the product encodes its output.
//
// Refreshing on purpose: TIMBREFOLD_REFRESH_GOLDEN=1 node scripts/run-tests.js test/golden
// renders every case, checks the render is valid (exit 0, expected rate/channels/length, finite,
// not silent), rewrites its reference, and marks the test skipped with "refreshed ..." so that a
// refresh never reads as a pass.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';
import wavefile from 'wavefile';
import { corpusFile, repoRoot } from '../fixtures/paths';

/**
 * The error every golden must stay under. Measured on the 2-core dev machine (numbers per case in
 * each test file; test/golden/measure.ts reproduces them):
 *  - run to run, and between 1, 2 and 4 wasm threads, every case renders bit for bit the same
 *    (error -inf);
 *  - swapping the whole compute backend (--backend cpu instead of wasm: other kernels, another
 *    summation order) moves the transfers by -79 to -102 dB, which is the size of the change a
 *    harmless rewrite (same maths, operations reordered) can make;
 *  - a meaningful change lands at -31 dB or higher: one more phase iteration -20 to -31 dB, one
 *    more optimiser iteration -5 to -15 dB, the next seed +3 to +4 dB, one more resynth
 *    iteration -23 to -29 dB.
 * -60 dB sits about 20 dB above float-reordering noise and about 30 dB below the smallest
 * meaningful change.
 */
export const THRESHOLD_DB = -60;

export const referencesDir = join(dirname(fileURLToPath(import.meta.url)), 'references');
export const refreshing = process.env.TIMBREFOLD_REFRESH_GOLDEN === '1';

/** A scratch folder for one golden file's renders and derived inputs. */
export function scratchDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `timbrefold-golden-${name}-`));
}

export interface Audio {
  sampleRate: number;
  /** Planar samples in [-1, 1] (float64, so that sums of squares do not lose precision). */
  channels: Float64Array[];
}

/** Reads a WAV with wavefile: PCM is scaled to [-1, 1], float is taken as it is. */
export function readAudio(path: string): Audio {
  const wav = new wavefile.WaveFile(readFileSync(path));
  const fmt = wav.fmt as { numChannels: number; sampleRate: number };
  const bitDepth = (wav as unknown as { bitDepth: string }).bitDepth;
  const float = bitDepth === '32f' || bitDepth === '64';
  const bits = Number(bitDepth);
  // wavefile gives 8-bit PCM unsigned (0..255), wider PCM signed.
  const offset = bits === 8 ? 128 : 0;
  const scale = float ? 1 : 1 / 2 ** (bits - 1);
  const raw = wav.getSamples(false, Float64Array) as unknown as Float64Array | Float64Array[];
  const channels = fmt.numChannels > 1 ? (raw as Float64Array[]) : [raw as Float64Array];
  return {
    sampleRate: fmt.sampleRate,
    channels: channels.map((c) => (float ? c : c.map((v) => (v - offset) * scale))),
  };
}

/** Writes planar audio as a 32-bit float WAV (wavefile). */
export function writeFloatWav(path: string, audio: Audio): void {
  const wav = new wavefile.WaveFile();
  wav.fromScratch(
    audio.channels.length,
    audio.sampleRate,
    '32f',
    audio.channels.map((c) => Float32Array.from(c)),
  );
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, wav.toBuffer());
}

/** Seconds [start, end) of a corpus clip's channel 0, in float64 (exact copies of its samples). */
export function corpusExcerpt(name: string, start: number, end: number): Audio {
  const clip = readAudio(corpusFile(name));
  const from = Math.round(start * clip.sampleRate);
  const to = Math.round(end * clip.sampleRate);
  return { sampleRate: clip.sampleRate, channels: [clip.channels[0]!.slice(from, to)] };
}

/** error = 20 log10(||result - reference|| / ||reference||) over all samples and channels. */
export function errorDb(result: Audio, reference: Audio): number {
  assert.equal(result.sampleRate, reference.sampleRate, 'sample rate');
  assert.equal(result.channels.length, reference.channels.length, 'channel count');
  let difference = 0;
  let energy = 0;
  for (const [c, ref] of reference.channels.entries()) {
    const out = result.channels[c]!;
    assert.equal(out.length, ref.length, `length of channel ${c + 1}`);
    for (let i = 0; i < ref.length; i++) {
      const d = out[i]! - ref[i]!;
      difference += d * d;
      energy += ref[i]! * ref[i]!;
    }
  }
  assert.ok(energy > 0, 'the reference is silent');
  // Identical renders give -Infinity; report that as such (it is below any threshold).
  return 10 * Math.log10(difference / energy);
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  wallSeconds: number;
}

/**
 * Runs `node bin/timbrefold.js ARGS` as a user's shell would. The model cache is an empty
 * temporary folder (so a user's own models never hide the shipped demo ones) and the backend
 * environment overrides are cleared; `env` adds to that (e.g. TIMBREFOLD_WASM_THREADS).
 */
export function runTimbrefold(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const started = performance.now();
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    TIMBREFOLD_DEBUG: '',
    TIMBREFOLD_BACKEND: '',
    TIMBREFOLD_WASM_THREADS: '',
    TIMBREFOLD_DATA_DIR: scratchDir('data'),
    ...env,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'timbrefold.js'), ...args], {
      cwd: repoRoot,
      env: childEnv,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code: code ?? -1,
        stdout,
        stderr,
        wallSeconds: (performance.now() - started) / 1000,
      }),
    );
  });
}

export interface GoldenCase {
  /** The reference's file name without .wav. */
  name: string;
  /** Command-line arguments, without the output path (`render` adds it). */
  args: (out: string) => string[];
  /** What the render must be, checked in refresh mode too. */
  expect: { sampleRate: number; channels: number; frames: number };
}

/** Renders a case into `dir`; asserts exit 0 and returns the written audio. */
export async function render(
  golden: GoldenCase,
  dir: string,
  env: Record<string, string> = {},
): Promise<{ audio: Audio; run: CliRun }> {
  const out = join(dir, `${golden.name}-${Math.random().toString(36).slice(2)}.wav`);
  const run = await runTimbrefold(golden.args(out), env);
  assert.equal(run.code, 0, `timbrefold ${golden.args(out).join(' ')}\n${run.stderr}`);
  return { audio: readAudio(out), run };
}

/** Checks that a render is a plausible result: expected shape, finite, not silent. */
export function assertValidRender(audio: Audio, expect: GoldenCase['expect']): void {
  assert.equal(audio.sampleRate, expect.sampleRate, 'sample rate');
  assert.equal(audio.channels.length, expect.channels, 'channel count');
  for (const [c, samples] of audio.channels.entries()) {
    assert.equal(samples.length, expect.frames, `length of channel ${c + 1}`);
    assert.ok(
      samples.every((v) => Number.isFinite(v)),
      `channel ${c + 1} has a non-finite sample`,
    );
    assert.ok(
      samples.some((v) => Math.abs(v) > 1e-3),
      `channel ${c + 1} is silent`,
    );
  }
}

/**
 * Renders a case and compares it with its reference: the error must be at most `thresholdDb`.
 * With TIMBREFOLD_REFRESH_GOLDEN=1 it rewrites the reference instead and marks the test skipped.
 */
export async function checkGolden(
  t: TestContext,
  golden: GoldenCase,
  dir: string,
  thresholdDb: number,
): Promise<void> {
  const referencePath = join(referencesDir, `${golden.name}.wav`);
  const { audio, run } = await render(golden, dir);
  assertValidRender(audio, golden.expect);
  if (refreshing) {
    writeFloatWav(referencePath, audio);
    t.diagnostic(`render took ${run.wallSeconds.toFixed(1)} s`);
    t.skip(`refreshed ${relative(repoRoot, referencePath)} (TIMBREFOLD_REFRESH_GOLDEN=1)`);
    return;
  }
  assert.ok(
    existsSync(referencePath),
    `${relative(repoRoot, referencePath)} is missing: make it on purpose with ` +
      'TIMBREFOLD_REFRESH_GOLDEN=1 node scripts/run-tests.js test/golden',
  );
  const error = errorDb(audio, readAudio(referencePath));
  const shown = error === -Infinity ? '-inf dB (bit-identical)' : `${error.toFixed(1)} dB`;
  t.diagnostic(
    `${golden.name}: error ${shown} (threshold ${thresholdDb} dB), render ${run.wallSeconds.toFixed(1)} s`,
  );
  assert.ok(
    error <= thresholdDb,
    `${golden.name}: ${error.toFixed(1)} dB from its reference, above the ${thresholdDb} dB threshold`,
  );
}
