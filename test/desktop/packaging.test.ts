// electron-builder.ts against real trees: the app is built (electron-vite, as `npm run dist`
// does) into a temporary project, every path the config ships is checked there, and then
// electron-builder packs it for real (the `dir` target for Linux) around a stand-in Electron
// whose executable carries Electron's fuse wire; the real binary needs a download. What comes
// out is read back: app.asar, app.asar.unpacked, the extra resources, the fuses, and
// resourcePaths run on the packed layout. Installers (AppImage, deb, nsis, dmg) are not built
// here: they need tools downloaded at build time.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { after, before, describe, test } from 'node:test';
import asar from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { Arch, build as pack, Platform } from 'electron-builder';
import { build as buildApp } from 'electron-vite';
import config, { notShipped } from '../../electron-builder';
import { resourcePaths } from '../../src/main/app/resource-paths';
import { repoRoot } from '../fixtures/paths';

const work = mkdtempSync(join(tmpdir(), 'timbrefold-packaging-'));
const project = join(work, 'project');
const output = join(work, 'dist');
const appOut = join(output, 'linux-unpacked');
const resourcesOut = join(appOut, 'resources');
const archive = join(resourcesOut, 'app.asar');
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ENABLE = '1'.charCodeAt(0);
const DISABLE = '0'.charCodeAt(0);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

const sha256 = (path: string): string =>
  createHash('sha256').update(readFileSync(path)).digest('hex');

/**
 * An unpacked Electron for Linux as far as electron-builder looks at it: the executable with
 * Electron's fuse wire (sentinel, version 1, eight fuses in Electron's default states), the
 * licence, the version file and a locale.
 */
function standInElectron(dir: string): void {
  mkdirSync(join(dir, 'locales'), { recursive: true });
  const wire = Buffer.from([1, 8, ...Buffer.from('10110001')]);
  writeFileSync(
    join(dir, 'electron'),
    Buffer.concat([Buffer.from('#!/bin/sh\n# '), Buffer.from(FUSE_SENTINEL), wire]),
    { mode: 0o755 },
  );
  writeFileSync(join(dir, 'LICENSE'), 'MIT');
  writeFileSync(join(dir, 'version'), '45.4.1');
  writeFileSync(join(dir, 'locales', 'en-US.pak'), '');
}

/** Bare package names the built main process and its workers import. */
function importedPackages(outMain: string): string[] {
  const names = new Set<string>();
  for (const file of filesUnder(outMain).filter((f) => f.endsWith('.js'))) {
    const code = readFileSync(join(outMain, file), 'utf8');
    const statements = /^\s*(?:import|export)\s(?:[^;"']*?\sfrom\s*)?["']([^"']+)["']/gm;
    const dynamic = /\bimport\(\s*["']([^"']+)["']\s*\)/g;
    for (const match of [...code.matchAll(statements), ...code.matchAll(dynamic)]) {
      const specifier = match[1]!;
      if (specifier.startsWith('.') || isBuiltin(specifier) || specifier === 'electron') continue;
      const parts = specifier.split('/');
      names.add(specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!);
    }
  }
  return [...names].sort();
}

/** The installed folder of package `name` as Node finds it from `from`. */
function packageDir(name: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === dirname(dir)) throw new Error(`${name} is not installed above ${from}`);
  }
}

/** `names` and every package they depend on (peer and optional ones where installed). */
function dependencyClosure(names: string[]): string[] {
  const seen = new Set<string>();
  const visit = (name: string, from: string, required: boolean): void => {
    if (seen.has(name)) return;
    let dir: string;
    try {
      dir = packageDir(name, from);
    } catch (error) {
      if (required) throw error;
      return;
    }
    seen.add(name);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<
      'dependencies' | 'peerDependencies' | 'optionalDependencies',
      Record<string, string> | undefined
    >;
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, dir, true);
    for (const dep of Object.keys({ ...pkg.peerDependencies, ...pkg.optionalDependencies }))
      visit(dep, dir, false);
  };
  for (const name of names) visit(name, repoRoot, true);
  return [...seen].sort();
}

describe('packaging (electron-builder.ts)', { timeout: 300000 }, () => {
  before(async () => {
    // The project as `npm run dist` sees it, with the app built into its out/.
    mkdirSync(project);
    for (const file of ['package.json', 'package-lock.json', 'electron-builder.ts'])
      copyFileSync(join(repoRoot, file), join(project, file));
    symlinkSync(join(repoRoot, 'node_modules'), join(project, 'node_modules'), 'junction');
    symlinkSync(join(repoRoot, 'resources'), join(project, 'resources'), 'junction');
    await buildApp({
      root: repoRoot,
      configFile: join(repoRoot, 'electron.vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: join(project, 'out'), emptyOutDir: true },
    });
  });

  // The links to node_modules and resources/ are removed, not followed.
  after(() => rmSync(work, { recursive: true, force: true }));

  test('every path the config ships exists in the built tree', () => {
    const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { main: string };
    assert.ok(existsSync(join(project, pkg.main)), `package.json main ${pkg.main} was not built`);
    for (const entry of ['main/engine-worker.js', 'main/media-worker.js', 'preload/index.cjs'])
      assert.ok(existsSync(join(project, 'out', entry)), `out/${entry} was not built`);
    assert.ok(existsSync(join(project, 'out', 'renderer', 'index.html')));
    for (const resource of config.extraResources as { from: string; to: string }[]) {
      const from = join(project, resource.from);
      assert.ok(filesUnder(from).length > 0, `extraResources ${resource.from} is empty or missing`);
    }
    for (const pattern of config.asarUnpack as string[]) {
      const base = pattern.slice(0, pattern.indexOf('*'));
      const wasm = filesUnder(join(project, base)).filter((f) => f.endsWith('.wasm'));
      assert.ok(wasm.length > 0, `asarUnpack ${pattern} matches no .wasm`);
    }
  });

  test('electron-builder packs the app: archive, unpacked wasm, resources, fuses', async () => {
    standInElectron(join(work, 'electron-dist'));
    const arch = process.arch === 'arm64' ? Arch.arm64 : Arch.x64;
    await pack({
      projectDir: project,
      targets: Platform.LINUX.createTarget('dir', arch),
      publish: 'never',
      config: { electronDist: join(work, 'electron-dist'), directories: { output } },
    });
    assert.ok(existsSync(join(appOut, 'timbrefold')), 'the executable was not renamed for the app');

    // The archive holds the build and the packages the main process imports, with their own
    // dependencies; not the page's libraries nor the development tools.
    const listed = asar.listPackage(archive, { isPack: false }).map((p) => p.replaceAll('\\', '/'));
    for (const file of filesUnder(join(project, 'out')).filter((f) => !f.endsWith('.map')))
      assert.ok(listed.includes(`/out/${file}`), `out/${file} is not in app.asar`);
    const packed = JSON.parse(asar.extractFile(archive, 'package.json').toString()) as {
      main: string;
    };
    assert.ok(listed.includes(`/${packed.main.replace(/^\.\//, '')}`));
    const imported = importedPackages(join(project, 'out', 'main'));
    assert.ok(imported.includes('@tensorflow/tfjs-backend-wasm'), imported.join(', '));
    for (const name of dependencyClosure(imported))
      assert.ok(
        listed.some((p) => p.endsWith(`/node_modules/${name}/package.json`)),
        `${name} (needed by the main process) is not shipped`,
      );
    for (const name of notShipped)
      assert.ok(
        !listed.some((p) => p.startsWith(`/node_modules/${name}/`)),
        `${name} is shipped though listed in notShipped`,
      );
    assert.equal(listed.filter((p) => p.endsWith('.map')).length, 0, 'source maps are shipped');

    // Every wasm the runtime loads (the folders resourcePaths names in this checkout) is
    // unpacked, byte for byte, at the same place under app.asar.unpacked.
    const source = resourcePaths({ env: {} });
    for (const dir of [source.tfjsWasm, source.pffftWasm]) {
      const nodeModules = dir.slice(0, dir.lastIndexOf(`${sep}node_modules${sep}`) + 1);
      for (const file of filesUnder(dir).filter((f) => f.endsWith('.wasm'))) {
        const inApp = relative(nodeModules, join(dir, file)).split(sep).join('/');
        const unpacked = join(`${archive}.unpacked`, inApp);
        assert.ok(existsSync(unpacked), `${inApp} is not unpacked`);
        assert.equal(sha256(unpacked), sha256(join(dir, file)), inApp);
        assert.equal(asar.statFile(archive, inApp).unpacked ?? false, true, inApp);
      }
    }

    // Models, demo sounds and fonts beside the archive, every file as in resources/.
    for (const resource of config.extraResources as { from: string; to: string }[])
      assert.deepEqual(
        filesUnder(join(resourcesOut, resource.to)),
        filesUnder(join(repoRoot, resource.from)),
        resource.to,
      );

    // The fuses, as electron-builder flipped them in the executable.
    const fuses = await getCurrentFuseWire(join(appOut, 'timbrefold'));
    assert.equal(fuses[FuseV1Options.RunAsNode], DISABLE, 'RunAsNode');
    assert.equal(fuses[FuseV1Options.EnableCookieEncryption], ENABLE, 'cookie encryption');
    assert.equal(
      fuses[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
      DISABLE,
      'NODE_OPTIONS',
    );
    assert.equal(fuses[FuseV1Options.EnableNodeCliInspectArguments], DISABLE, '--inspect');
    assert.equal(fuses[FuseV1Options.OnlyLoadAppFromAsar], ENABLE, 'only app.asar');
    assert.equal(fuses[FuseV1Options.GrantFileProtocolExtraPrivileges], DISABLE, 'file://');

    // resourcePaths on the packed layout, as the bundled main process and its workers call it.
    for (const module of ['out/main/index.js', 'out/main/engine-worker.js']) {
      const paths = resourcePaths({ moduleFile: join(archive, module), env: {} });
      assert.equal(paths.layout, 'packaged');
      for (const file of [
        join(paths.demo, 'content-piano-melody.wav'),
        join(paths.demo, 'style-violin-d4.wav'),
        join(paths.models, 'demo-verma-smith', 'manifest.json'),
        join(paths.models, 'demo-audio-vgg', 'weights.bin'),
        paths.font,
        join(paths.tfjsWasm, 'tfjs-backend-wasm-threaded-simd.wasm'),
        join(paths.pffftWasm, 'simd', 'pffft.wasm'),
      ])
        assert.ok(statSync(file).size > 0, `${file} is missing from the packed app`);
    }
  });
});
