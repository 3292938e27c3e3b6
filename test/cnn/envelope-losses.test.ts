import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { seededRandom } from '../../src/main/dsp/random';
import { initBackend } from '../../src/main/engine/backend';
import { CnnObjective } from '../../src/main/methods/cnn/cnn-objective';
import {
  alignedEnergyTarget,
  energyEnvelope,
  envelopeLoss,
  frequencyEnvelope,
} from '../../src/main/engine/cnn/envelopes';
import { featureLoss, gramOf, squaredNorm } from '../../src/main/engine/cnn/feature-losses';
import { CnnNetwork } from '../../src/main/engine/cnn/network';
import { normalTensor } from './gradient-check';

const random = (n: number, seed: number): Float64Array =>
  seededRandom(seed).fillNormal(new Float64Array(n), 1, 0.5);

describe('the envelope losses', () => {
  test('envelopes are the means over bins (energy) and over frames (frequency)', () => {
    // 2 frames x 3 bins: [[1, 2, 3], [4, 5, 9]]
    const spec = { frames: 2, bins: 3, data: Float32Array.from([1, 2, 3, 4, 5, 9]) };
    assert.deepEqual(Array.from(energyEnvelope(spec)), [2, 6]);
    assert.deepEqual(Array.from(frequencyEnvelope(spec)), [2.5, 3.5, 6]);
  });

  test("the style's energy envelope loops at its own pace, placed by the window's start", () => {
    const style = Float64Array.from([1, 2, 3]);
    assert.deepEqual(Array.from(alignedEnergyTarget(style, 0, 5)), [1, 2, 3, 1, 2]);
    assert.deepEqual(Array.from(alignedEnergyTarget(style, 4, 3)), [2, 3, 1]);
  });

  test('is the squared distance between envelope images, zero at the target', () => {
    const spec = { frames: 4, bins: 5, data: Float32Array.from(random(20, 1)) };
    assert.ok(envelopeLoss(spec.data, 4, 5, energyEnvelope(spec), 'time') < 1e-15);
    // 2 frames x 3 bins [[1, 2, 3], [4, 5, 9]]: energy envelope [2, 6], frequency [2.5, 3.5, 6].
    const data = Float32Array.from([1, 2, 3, 4, 5, 9]);
    // Each envelope value stands for 3 cells (time) or 2 cells (frequency).
    assert.equal(envelopeLoss(data, 2, 3, Float64Array.from([1, 8]), 'time'), 3 * (1 + 4));
    assert.equal(envelopeLoss(data, 2, 3, Float64Array.from([2.5, 3.5, 5]), 'frequency'), 2 * 1);
  });

  for (const axis of ['time', 'frequency'] as const)
    test(`the ${axis} envelope loss's gradient agrees with finite differences`, () => {
      const frames = 7;
      const bins = 6;
      const x = random(frames * bins, 3);
      const target = random(axis === 'time' ? frames : bins, 4);
      const gradient = new Float64Array(x.length);
      envelopeLoss(x, frames, bins, target, axis, gradient, 2.5);
      const h = 1e-6;
      for (let i = 0; i < x.length; i++) {
        const plus = Float64Array.from(x);
        const minus = Float64Array.from(x);
        plus[i]! += h;
        minus[i]! -= h;
        const numeric =
          (2.5 *
            (envelopeLoss(plus, frames, bins, target, axis) -
              envelopeLoss(minus, frames, bins, target, axis))) /
          (2 * h);
        assert.ok(
          Math.abs(numeric - gradient[i]!) < 1e-7 + 1e-6 * Math.abs(numeric),
          `at ${i}: finite differences ${numeric}, gradient ${gradient[i]}`,
        );
      }
    });
});

describe('the network terms and the whole objective', () => {
  test("the content and Gram terms' gradients agree with finite differences", async () => {
    await initBackend({ backend: 'cpu' });
    const a = normalTensor([1, 3, 4, 5], 5);
    const b = normalTensor([1, 2, 2, 6], 6);
    const contentFeatures = normalTensor([1, 3, 4, 5], 7);
    const styleGram = gramOf(normalTensor([1, 4, 3, 6], 8));
    const targets = [
      { layer: 'a', content: { features: contentFeatures, normSq: squaredNorm(contentFeatures) } },
      { layer: 'b', style: { gram: styleGram, normSq: squaredNorm(styleGram), weight: 0.7 } },
    ];
    const values = { content: 0, style: 0 };
    const loss = featureLoss(targets, 0.3, 2, values);
    const grads = tf.grads((x: tf.Tensor, y: tf.Tensor) => loss([x, y]))([a, b]);
    loss([a, b]);
    const at = (which: number, index: number, delta: number): number => {
      const inputs = [a, b].map((t, i) => {
        if (i !== which) return t;
        const data = Float32Array.from(t.dataSync());
        data[index]! += delta;
        return tf.tensor(data, t.shape);
      });
      loss(inputs);
      return values.content + values.style;
    };
    for (const [which, g] of grads.entries()) {
      const analytic = g.dataSync();
      for (let i = 0; i < analytic.length; i += 3) {
        const numeric = (at(which, i, 1e-2) - at(which, i, -1e-2)) / 2e-2;
        assert.ok(
          Math.abs(numeric - analytic[i]!) < 2e-3 * Math.max(1, Math.abs(numeric)),
          `input ${which} at ${i}: finite differences ${numeric}, gradient ${analytic[i]}`,
        );
      }
    }
  });

  test('the whole objective (network, Gram, envelopes) agrees with finite differences', async () => {
    for (const backend of ['cpu', 'wasm'] as const) {
      await initBackend({ backend });
      const network = CnnNetwork.initialise(
        {
          architecture: 'verma-smith',
          width: 1 / 32,
          bins: 17,
          classes: 2,
          inputMean: 1,
          inputStd: 0.5,
        },
        3,
      );
      const frames = 16;
      const bins = 17;
      const content = Float32Array.from(random(frames * bins, 9));
      const features = tf.tidy(
        () => network.forward(tf.tensor4d(content, [1, frames, bins, 1]), { until: 'relu3' }).last,
      );
      const [relu1, relu2] = tf.tidy(() => {
        const input = tf.tensor4d(Float32Array.from(random(frames * bins, 10)), [
          1,
          frames,
          bins,
          1,
        ]);
        const { collected } = network.forward(input, {
          until: 'relu2',
          collect: ['relu1', 'relu2'],
        });
        return [collected.get('relu1')!, collected.get('relu2')!];
      });
      const gram1 = gramOf(relu1!);
      const gram2 = gramOf(relu2!);
      const objective = new CnnObjective({
        network,
        frames,
        bins,
        targets: [
          { layer: 'relu3', content: { features, normSq: squaredNorm(features) } },
          { layer: 'relu1', style: { gram: gram1, normSq: squaredNorm(gram1), weight: 0.5 } },
          { layer: 'relu2', style: { gram: gram2, normSq: squaredNorm(gram2), weight: 0.5 } },
        ],
        weights: { content: 1, style: 1, energy: 0.5, frequency: 0.5 },
        energyTarget: random(frames, 11),
        frequencyTarget: random(bins, 12),
      });
      const x = Float32Array.from(random(frames * bins, 13));
      const { gradient, total } = objective.evaluate(x);
      assert.ok(total > 0);
      let checked = 0;
      let agreeing = 0;
      for (let i = 5; i < x.length; i += 23) {
        const plus = Float32Array.from(x);
        const minus = Float32Array.from(x);
        plus[i]! += 1e-3;
        minus[i]! -= 1e-3;
        const numeric = (objective.evaluate(plus).total - objective.evaluate(minus).total) / 2e-3;
        checked++;
        // ReLUs and max pooling are piecewise linear: a step may cross a kink now and then.
        if (Math.abs(numeric - gradient[i]!) < 1e-2 * Math.max(1e-2, Math.abs(numeric))) agreeing++;
      }
      assert.ok(agreeing >= checked - 1, `${backend}: ${agreeing} of ${checked} coordinates agree`);
      tf.dispose([features, gram1, gram2, relu1!, relu2!]);
      network.dispose();
    }
  });
});
