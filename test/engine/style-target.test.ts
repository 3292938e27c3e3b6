// The style target: one Gram matrix per mix, accumulated in chunks of frames (any clip length,
// bounded memory), in either exact form.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, ShallowNetwork } from '../../src/main/engine';
import {
  buildStyleTarget,
  chooseStyleMode,
  disposeStyleTarget,
} from '../../src/main/methods/shallow';
import { transposeMatrix } from '../../src/main/engine/spectrogram';
import { logSpectrogram, corpusMono } from './fixtures';
import { SMALL_SHAPE, smallClips } from './problems';
import { referenceNetwork, referenceStyleGram } from './reference';

describe('style target', () => {
  test('a long clip in small chunks gives the float64 reference Gram matrix', async () => {
    await initBackend({ backend: 'wasm' });
    // The whole 12 s drum-and-bass loop: 517 frames, far more than one chunk of 37.
    const { samples } = corpusMono('long_drum_bass_loop_44k_stereo.wav');
    const clip = logSpectrogram(samples, { nFft: 128, hop: 1024 });
    assert.ok(clip.frames > 500);
    const network = new ShallowNetwork(SMALL_SHAPE, 1);
    const expected = referenceStyleGram(referenceNetwork(SMALL_SHAPE, 1), [
      { inputT: transposeMatrix(clip.data, clip.frames, clip.bins), frames: clip.frames, share: 1 },
    ]);
    for (const chunk of [37, 100000]) {
      const target = buildStyleTarget(network, [{ spectrogram: clip, share: 1 }], 'gram', chunk);
      assert.equal(target.mode, 'gram');
      const got = target.mode === 'gram' ? target.gram.dataSync() : new Float32Array();
      let worst = 0;
      let scale = 0;
      for (let i = 0; i < expected.length; i++) {
        worst = Math.max(worst, Math.abs(got[i]! - expected[i]!));
        scale = Math.max(scale, Math.abs(expected[i]!));
      }
      assert.ok(worst < 1e-5 * scale, `chunk ${chunk}: off by ${worst} (largest entry ${scale})`);
      let normSq = 0;
      for (const v of expected) normSq += v * v;
      assert.ok(Math.abs(target.normSq / normSq - 1) < 1e-5);
      disposeStyleTarget(target);
    }
    network.dispose();
  });

  test('both forms of a two-clip mix have the same |Gs|^2, with no tensors left behind', async () => {
    await initBackend({ backend: 'wasm' });
    const { styles } = smallClips();
    const network = new ShallowNetwork(SMALL_SHAPE, 2);
    const before = tf.memory().numTensors;
    const mix = [
      { spectrogram: styles[0]!, share: 0.3 },
      { spectrogram: styles[1]!, share: 0.7 },
    ];
    const gram = buildStyleTarget(network, mix, 'gram', 16);
    const frames = buildStyleTarget(network, mix, 'frames', 16);
    assert.equal(frames.mode, 'frames');
    if (frames.mode === 'frames')
      // rows: (36 - 10) + (44 - 10) conv frames of the two clips.
      assert.deepEqual(frames.rowsT.shape, [SMALL_SHAPE.filters, 26 + 34]);
    assert.ok(Math.abs(gram.normSq / frames.normSq - 1) < 1e-5);
    disposeStyleTarget(gram);
    disposeStyleTarget(frames);
    assert.equal(tf.memory().numTensors, before);
    network.dispose();
  });

  test('the cheaper form is chosen', () => {
    // The ulyanov benchmark: 421 result frames, 421 style frames, 4096 filters.
    assert.equal(chooseStyleMode(4096, 421, 421), 'frames');
    // Few filters or long clips: the Gram matrix is the smaller thing to multiply by.
    assert.equal(chooseStyleMode(512, 421, 421), 'gram');
    assert.equal(chooseStyleMode(4096, 2000, 2500), 'gram');
  });
});
