// Issue 10: the one-pass methods' window estimate (fast, CycleGAN) comes from the generator's
// layers, and covers what tfjs actually holds for a window, without refusing windows that fit.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/main/engine/backend';
import { GeneratorNetwork } from '../../src/main/engine/generator/generator-network';
import { checkWindowMemory } from '../../src/main/methods/memory-estimate';
import { generatorWindowMemory } from '../../src/main/methods/model-methods';
import { ResourceLimitError } from '../../src/main/app/resource-budget';
import type { PipelineSettings } from '../../src/main/methods/method';

const CONFIG = {
  bins: 257,
  channels: 48,
  residualBlocks: 2,
  kernel: 3,
  outerKernel: 9,
  inputMean: 1,
  inputStd: 0.5,
};
const FRAMES = 300;

describe('a generator window’s memory (issue 10)', () => {
  before(async () => {
    await initBackend({ backend: 'wasm' });
  });

  test('the estimate covers what one forward pass holds, and is not far above it', async (t) => {
    const network = GeneratorNetwork.initialise(CONFIG, 7);
    try {
      const window = new Float32Array(FRAMES * CONFIG.bins).map((_, i) => (i % 13) / 6);
      const startBytes = tf.memory().numBytes;
      const profile = await tf.profile(() => {
        network.generate(window, FRAMES);
      });
      const held = profile.peakBytes - startBytes + window.byteLength * 2;
      const estimate = generatorWindowMemory(CONFIG);
      const weights = network.variables().reduce((sum, v) => sum + v.size * 4, 0);
      assert.equal(estimate.sharedBytes, weights, 'the weights, counted from the layers');
      const estimated = estimate.bytesPerFrame * FRAMES;
      t.diagnostic(`estimated ${estimated} bytes for ${FRAMES} frames; tfjs held ${held}`);
      assert.ok(
        estimated >= held && estimated <= 3 * held,
        `estimated ${estimated} bytes for ${FRAMES} frames; tfjs held ${held}`,
      );
    } finally {
      network.dispose();
    }
  });

  test('a window that fits is accepted; one that does not is refused naming the window', () => {
    const memory = generatorWindowMemory(CONFIG);
    const method = { windowMemory: () => memory };
    const settings: PipelineSettings = {
      seed: 0,
      phaseMethod: 'fgla',
      phaseIterations: 32,
      phaseStart: 'random',
      channelMode: 'mono',
      windowSeconds: 10,
    };
    const analysis = { sampleRate: 16000, nFft: 512, hop: 128, winLength: 512 };
    const shape = { styles: 0, streams: 1, fixedHop: true };
    // 10 s at hop 128 is 1,250 frames: ~23 MB, where the generic optimiser's estimate was ~77 MB.
    const bytes = checkWindowMemory(method, settings, analysis, shape, 64 * 2 ** 20);
    assert.ok(bytes < 32 * 2 ** 20, `${bytes} bytes`);
    assert.throws(
      () => checkWindowMemory(method, settings, analysis, shape, bytes - 1),
      (error: unknown) =>
        error instanceof ResourceLimitError && /windowSeconds/.test(error.message),
    );
  });
});
