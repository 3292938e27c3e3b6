// resourcePaths (src/main/app/resource-paths.ts) in each layout the code runs in, on real folders:
// the checkout itself, a temporary checkout run from source and from a build, and a temporary
// packaged app's resources folder (app.asar, app.asar.unpacked, extraResources).
// test/desktop/packaging.test.ts runs it once more against a real electron-builder output.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { resourcePaths, type ResourcePaths } from '../../src/main/app/resource-paths';
import { repoRoot } from '../fixtures/paths';

function touch(path: string, text = ''): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** The folders and files the app reads through these paths, checked on disk. */
function assertComplete(paths: ResourcePaths): void {
  for (const file of [
    join(paths.demo, 'content-piano-melody.wav'),
    join(paths.models, 'demo-verma-smith', 'manifest.json'),
    paths.font,
    join(paths.tfjsWasm, 'tfjs-backend-wasm-simd.wasm'),
    join(paths.tfjsWasm, 'tfjs-backend-wasm-threaded-simd.wasm'),
    join(paths.tfjsWasm, 'tfjs-backend-wasm.wasm'),
    join(paths.pffftWasm, 'simd', 'pffft.wasm'),
    join(paths.pffftWasm, 'non-simd', 'pffft.wasm'),
  ])
    assert.ok(existsSync(file), `${paths.layout}: ${file} is missing`);
}

/** A checkout's resources and installed wasm packages, as npm lays them out. */
function fakeCheckout(root: string): void {
  touch(join(root, 'package.json'), '{"name":"timbrefold","type":"module"}');
  touch(join(root, 'resources', 'demo', 'content-piano-melody.wav'));
  touch(join(root, 'resources', 'models', 'demo-verma-smith', 'manifest.json'));
  touch(join(root, 'resources', 'fonts', 'DejaVuSans.ttf'));
  const tfjs = join(root, 'node_modules', '@tensorflow', 'tfjs-backend-wasm');
  touch(
    join(tfjs, 'package.json'),
    '{"name":"@tensorflow/tfjs-backend-wasm","main":"dist/tf-backend-wasm.node.js"}',
  );
  touch(join(tfjs, 'dist', 'tf-backend-wasm.node.js'));
  for (const name of ['', '-simd', '-threaded-simd'])
    touch(join(tfjs, 'dist', `tfjs-backend-wasm${name}.wasm`));
  const pffft = join(root, 'node_modules', '@echogarden', 'pffft-wasm');
  touch(
    join(pffft, 'package.json'),
    '{"name":"@echogarden/pffft-wasm","type":"module","exports":{".":"./dist/non-simd/pffft.js","./simd":"./dist/simd/pffft.js"}}',
  );
  for (const build of ['simd', 'non-simd']) {
    touch(join(pffft, 'dist', build, 'pffft.js'));
    touch(join(pffft, 'dist', build, 'pffft.wasm'));
  }
}

describe('resourcePaths', () => {
  test('this checkout, run from source: its resources/ and installed packages', () => {
    const paths = resourcePaths({ env: {} });
    assert.equal(paths.layout, 'source');
    assert.equal(paths.appRoot, repoRoot);
    assert.equal(paths.models, join(repoRoot, 'resources', 'models'));
    assertComplete(paths);
  });

  test('a checkout run from source (src/main/**/*.ts)', () => {
    const root = mkdtempSync(join(tmpdir(), 'timbrefold-layout-source-'));
    fakeCheckout(root);
    const paths = resourcePaths({
      moduleFile: touch(join(root, 'src', 'main', 'app', 'resource-paths.ts')),
      env: {},
    });
    assert.equal(paths.layout, 'source');
    assert.equal(paths.appRoot, root);
    assert.equal(paths.demo, join(root, 'resources', 'demo'));
    assert.equal(paths.tfjsWasm, join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist'));
    assert.equal(paths.pffftWasm, join(root, 'node_modules/@echogarden/pffft-wasm/dist'));
    assertComplete(paths);
  });

  test('a checkout run from its build (out/main and its chunks, the test host build dir)', () => {
    const root = mkdtempSync(join(tmpdir(), 'timbrefold-layout-built-'));
    fakeCheckout(root);
    for (const module of [
      'out/main/index.js',
      'out/main/chunks/training-data-x.js',
      'test-results/web-build-1/main/index.js',
    ]) {
      const paths = resourcePaths({ moduleFile: touch(join(root, module)), env: {} });
      assert.equal(paths.layout, 'built', module);
      assert.equal(paths.appRoot, root, module);
      assert.equal(paths.font, join(root, 'resources', 'fonts', 'DejaVuSans.ttf'), module);
      assertComplete(paths);
    }
  });

  test('a packaged app: extraResources beside app.asar, wasm in app.asar.unpacked', () => {
    const resources = join(mkdtempSync(join(tmpdir(), 'timbrefold-layout-packaged-')), 'resources');
    touch(join(resources, 'app.asar'), 'an archive, a file as in a real app');
    touch(join(resources, 'demo', 'content-piano-melody.wav'));
    touch(join(resources, 'models', 'demo-verma-smith', 'manifest.json'));
    touch(join(resources, 'fonts', 'DejaVuSans.ttf'));
    const unpacked = join(resources, 'app.asar.unpacked', 'node_modules');
    for (const name of ['', '-simd', '-threaded-simd'])
      touch(join(unpacked, '@tensorflow/tfjs-backend-wasm/dist', `tfjs-backend-wasm${name}.wasm`));
    for (const build of ['simd', 'non-simd'])
      touch(join(unpacked, '@echogarden/pffft-wasm/dist', build, 'pffft.wasm'));

    for (const module of [
      'out/main/index.js',
      'out/main/engine-worker.js',
      'out/main/chunks/a.js',
    ]) {
      // The module is inside the archive: no such folder on disk, as in the real app.
      const paths = resourcePaths({ moduleFile: join(resources, 'app.asar', module), env: {} });
      assert.equal(paths.layout, 'packaged', module);
      assert.equal(paths.appRoot, join(resources, 'app.asar'));
      assert.equal(paths.models, join(resources, 'models'));
      assert.equal(paths.tfjsWasm, join(unpacked, '@tensorflow/tfjs-backend-wasm/dist'));
      assertComplete(paths);
    }
  });

  test('TIMBREFOLD_SHIPPED_MODELS and TIMBREFOLD_WASM_DIR override, as elsewhere', () => {
    const models = mkdtempSync(join(tmpdir(), 'timbrefold-layout-models-'));
    const wasm = mkdtempSync(join(tmpdir(), 'timbrefold-layout-wasm-'));
    const paths = resourcePaths({
      moduleFile: '/opt/Timbrefold/resources/app.asar/out/main/index.js',
      env: { TIMBREFOLD_SHIPPED_MODELS: models, TIMBREFOLD_WASM_DIR: `${wasm}/` },
    });
    assert.equal(paths.layout, 'packaged');
    assert.equal(paths.models, models);
    assert.equal(paths.tfjsWasm, wasm);
    assert.equal(paths.demo, join('/opt/Timbrefold/resources', 'demo'));
  });

  test('a folder with no checkout above it is one clear error', () => {
    const lone = mkdtempSync(join(tmpdir(), 'timbrefold-layout-none-'));
    assert.throws(
      () => resourcePaths({ moduleFile: join(lone, 'main', 'index.js'), env: {} }),
      /Timbrefold's resources folder is not in .* or above it\./,
    );
  });
});
