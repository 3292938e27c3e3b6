// The engine picks its backend and says which. Here the native binding is not installed, so
// `auto` must fall to WebAssembly and say why; an explicit choice overrides.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs-core';
import { EngineBackendError, initBackend, wasmBinaryDirectory } from '../../src/main/engine';
import { bundleRequires } from '../../src/main/engine/wasm-threads';

describe('backend choice', () => {
  test('auto passes over the missing native bindings and starts WebAssembly with SIMD', async () => {
    const report = await initBackend({ backend: 'auto' });
    assert.equal(report.backend, 'wasm');
    assert.equal(tf.getBackend(), 'wasm');
    assert.equal(report.package, '@tensorflow/tfjs-backend-wasm');
    assert.equal(report.simd, true);
    assert.ok(report.threads >= 1 && report.threads <= os.availableParallelism());
    for (const name of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'])
      assert.ok(
        report.skipped.some((line) => line.startsWith(name)),
        `no word on ${name}: ${report.skipped.join(' | ')}`,
      );
    // The backend computes: a 3 x 3 matMul against its known answer.
    const product = tf.matMul(tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8, 9], [3, 3]), tf.eye(3));
    assert.deepEqual(Array.from(product.dataSync()), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test('an explicit backend overrides, and switching back works', async () => {
    const cpu = await initBackend({ backend: 'cpu' });
    assert.equal(cpu.backend, 'cpu');
    assert.equal(tf.getBackend(), 'cpu');
    const wasm = await initBackend({ backend: 'wasm' });
    assert.equal(wasm.backend, 'wasm');
    assert.equal(tf.getBackend(), 'wasm');
  });

  test('asking for the native backend where it is not installed is a clear error', async () => {
    await assert.rejects(initBackend({ backend: 'tensorflow' }), (error: unknown) => {
      assert.ok(error instanceof EngineBackendError);
      assert.match(error.message, /tfjs-node/);
      return true;
    });
  });

  test('the wasm binaries are where the path function says', () => {
    const dir = wasmBinaryDirectory();
    for (const file of [
      'tfjs-backend-wasm.wasm',
      'tfjs-backend-wasm-simd.wasm',
      'tfjs-backend-wasm-threaded-simd.wasm',
    ])
      assert.ok(existsSync(dir + file), `${dir + file} is missing`);
  });

  test('the module variables of the wasm bundle are found for the pthread workers', () => {
    const requires = bundleRequires(
      "var tfjsCore = require('@tensorflow/tfjs-core');\nvar require$$0 = require('fs');\n" +
        "var require$$4 = require('os');\n",
    );
    assert.deepEqual(requires, { require$$0: 'fs', require$$4: 'os' });
  });

  test('when the threaded build cannot start, wasm falls back to one thread and says why', () => {
    const engine = new URL('../../src/main/engine/index.ts', import.meta.url).href;
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        // A Worker global that cannot be replaced stops the pthread bridge.
        "Object.defineProperty(globalThis, 'Worker', { value: class {}, configurable: false });\n" +
          `import(${JSON.stringify(engine)}).then(async ({ initBackend }) => ` +
          'console.log(JSON.stringify(await initBackend({ backend: "wasm", wasmThreads: 2 }))));',
      ],
      { encoding: 'utf8' },
    );
    assert.equal(child.status, 0, child.stderr);
    const report = JSON.parse(child.stdout.trim().split('\n').pop()!);
    assert.equal(report.backend, 'wasm');
    assert.equal(report.threads, 1);
    assert.ok(
      report.skipped.some((line: string) => line.startsWith('threaded wasm (2 threads)')),
      report.skipped.join(' | '),
    );
  });

  test('one wasm thread, and a bad TIMBREFOLD_BACKEND, in fresh processes', () => {
    const script = (body: string) =>
      spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          `import { initBackend } from ${JSON.stringify(new URL('../../src/main/engine/index.ts', import.meta.url).href)};\n${body}`,
        ],
        { encoding: 'utf8', env: { ...process.env, TIMBREFOLD_WASM_THREADS: '1' } },
      );
    const single = script('const r = await initBackend(); console.log(JSON.stringify(r));');
    assert.equal(single.status, 0, single.stderr);
    const report = JSON.parse(single.stdout.trim().split('\n').pop()!);
    assert.equal(report.backend, 'wasm');
    assert.equal(report.threads, 1);
    const bad = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { initBackend } from ${JSON.stringify(new URL('../../src/main/engine/index.ts', import.meta.url).href)};\n` +
          'try { await initBackend(); } catch (e) { console.log(e.name + ": " + e.message); }',
      ],
      { encoding: 'utf8', env: { ...process.env, TIMBREFOLD_BACKEND: 'gpu' } },
    );
    assert.match(bad.stdout, /EngineBackendError: TIMBREFOLD_BACKEND is "gpu"/);
  });
});
