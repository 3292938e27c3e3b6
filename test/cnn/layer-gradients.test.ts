import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/main/engine/backend';
import {
  dense,
  globalMean,
  logSoftmax,
  maxPool2x2,
  softmaxCrossEntropy,
  standardise,
} from '../../src/main/engine/cnn/layers';
import { checkAgainstFiniteDifferences, normalTensor, weightedSum } from './gradient-check';

/** d f / d inputs by tfjs autodiff through the custom gradients. */
function analytic(f: (inputs: tf.Tensor[]) => tf.Scalar, inputs: tf.Tensor[]): Float32Array[] {
  const grads = tf.grads((...xs: tf.Tensor[]) => f(xs))(inputs);
  const out = grads.map((g) => Float32Array.from(g.dataSync()));
  tf.dispose(grads);
  return out;
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`layer gradients on the ${backend} backend`, () => {
    test('2x2 max pooling sends the gradient to each window maximum (odd sizes drop the last row)', async () => {
      await initBackend({ backend });
      const x = normalTensor([2, 5, 6, 3], 11);
      const weighting = normalTensor([2, 2, 3, 3], 12);
      const f = ([xi]: tf.Tensor[]) => weightedSum(maxPool2x2(xi as tf.Tensor4D), weighting);
      const [dx] = analytic(f, [x]);
      // Exactly one input per window carries the window's weight; the dropped last row none.
      const xs = x.arraySync() as number[][][][];
      const g = tf.tensor(dx!, x.shape).arraySync() as number[][][][];
      for (let n = 0; n < 2; n++)
        for (let c = 0; c < 3; c++) {
          for (let j = 0; j < 6; j++)
            assert.equal(g[n]![4]![j]![c], 0, 'the odd last row gets nothing');
          for (let i = 0; i < 4; i += 2)
            for (let j = 0; j < 6; j += 2) {
              const cells = [
                [i, j],
                [i, j + 1],
                [i + 1, j],
                [i + 1, j + 1],
              ] as const;
              const best = cells.reduce((a, b) =>
                xs[n]![b[0]]![b[1]]![c]! > xs[n]![a[0]]![a[1]]![c]! ? b : a,
              );
              for (const [a, b] of cells) {
                const expected =
                  a === best[0] && b === best[1]
                    ? (weighting.arraySync() as number[][][][])[n]![i / 2]![j / 2]![c]!
                    : 0;
                assert.ok(
                  Math.abs(g[n]![a]![b]![c]! - expected) < 1e-6,
                  `window (${i}, ${j}) cell (${a}, ${b})`,
                );
              }
            }
        }
      checkAgainstFiniteDifferences(f, [x], 0, dx!, {
        epsilon: 1e-3,
        tolerance: 1e-2,
        label: 'maxPool2x2',
      });
    });

    test('2x2 max pooling of all-negative windows still passes the gradient on', async () => {
      await initBackend({ backend });
      const x = tf.neg(tf.add(tf.abs(normalTensor([1, 4, 4, 2], 22)), 0.1));
      const weighting = tf.ones([1, 2, 2, 2]);
      const [dx] = analytic(([xi]) => weightedSum(maxPool2x2(xi as tf.Tensor4D), weighting), [x]);
      const total = dx!.reduce((s, v) => s + v, 0);
      assert.ok(
        Math.abs(total - 8) < 1e-6,
        `each of the 8 windows passes on its gradient (sum ${total})`,
      );
    });

    test('mean over time and frequency', async () => {
      await initBackend({ backend });
      const x = normalTensor([2, 4, 3, 5], 13);
      const weighting = normalTensor([2, 5], 14);
      const f = ([xi]: tf.Tensor[]) => weightedSum(globalMean(xi as tf.Tensor4D), weighting);
      const value = globalMean(x as tf.Tensor4D).arraySync() as number[][];
      const xs = x.arraySync() as number[][][][];
      let expected = 0;
      for (let t = 0; t < 4; t++) for (let k = 0; k < 3; k++) expected += xs[1]![t]![k]![4]! / 12;
      assert.ok(Math.abs(value[1]![4]! - expected) < 1e-6);
      const [dx] = analytic(f, [x]);
      checkAgainstFiniteDifferences(f, [x], 0, dx!, { label: 'globalMean' });
    });

    for (const relu of [false, true])
      test(`dense layer${relu ? ' with ReLU' : ''}: input, weight and bias gradients`, async () => {
        await initBackend({ backend });
        const x = normalTensor([3, 5], 15);
        const w = normalTensor([5, 4], 16);
        const b = normalTensor([4], 17, 0.3);
        const weighting = normalTensor([3, 4], 18);
        const f = ([xi, wi, bi]: tf.Tensor[]) =>
          weightedSum(
            dense(xi as tf.Tensor2D, wi as tf.Tensor2D, bi as tf.Tensor1D, relu),
            weighting,
          );
        const grads = analytic(f, [x, w, b]);
        const options = { epsilon: relu ? 1e-3 : 1e-2, tolerance: relu ? 1e-2 : 2e-3 };
        grads.forEach((g, i) =>
          checkAgainstFiniteDifferences(f, [x, w, b], i, g, {
            ...options,
            label: `dense input ${i}`,
          }),
        );
      });

    test('softmax cross-entropy: value and gradient (softmax - target) / n', async () => {
      await initBackend({ backend });
      const logits = normalTensor([4, 3], 19, 2);
      const targets = tf.cast(tf.oneHot(tf.tensor1d([0, 2, 1, 2], 'int32'), 3), 'float32');
      const f = ([li]: tf.Tensor[]) =>
        softmaxCrossEntropy(li as tf.Tensor2D, targets as tf.Tensor2D);
      const rows = logits.arraySync() as number[][];
      let expected = 0;
      [0, 2, 1, 2].forEach((label, n) => {
        const row = rows[n]!;
        const logSum = Math.log(row.reduce((s, v) => s + Math.exp(v), 0));
        expected -= row[label]! - logSum;
      });
      assert.ok(Math.abs(f([logits]).dataSync()[0]! - expected / 4) < 1e-5);
      const logP = logSoftmax(logits as tf.Tensor2D).arraySync() as number[][];
      assert.ok(
        Math.abs(logP[0]!.reduce((s, v) => s + Math.exp(v), 0) - 1) < 1e-6,
        'probabilities sum to 1',
      );
      const [dLogits] = analytic(f, [logits]);
      checkAgainstFiniteDifferences(f, [logits], 0, dLogits!, { label: 'cross-entropy' });
    });

    test('standardise: (x - mean) / std and its gradient 1 / std', async () => {
      await initBackend({ backend });
      const x = normalTensor([1, 2, 3, 1], 20);
      const weighting = normalTensor([1, 2, 3, 1], 21);
      const f = ([xi]: tf.Tensor[]) =>
        weightedSum(standardise(xi as tf.Tensor4D, 0.5, 2), weighting);
      const [dx] = analytic(f, [x]);
      const w = weighting.dataSync();
      dx!.forEach((v, i) => assert.ok(Math.abs(v - w[i]! / 2) < 1e-6));
    });
  });
}
