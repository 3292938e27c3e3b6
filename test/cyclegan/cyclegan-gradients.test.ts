// The CycleGAN engine's written-out gradients against finite differences: the least-squares and
// L1 terms, the PatchGAN discriminator (input and weights), and the two training steps
// (generator weights through the fixed discriminators; discriminator weights on generated data).
// Every step leaves no tensor behind.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/main/engine/backend';
import { l1Term, leastSquaresTerm } from '../../src/main/engine/cyclegan/cyclegan-losses';
import {
  discriminatorStep,
  generatorStep,
  type CycleGanNetworks,
} from '../../src/main/engine/cyclegan/cyclegan-step';
import { PatchDiscriminator, patchSize } from '../../src/main/engine/cyclegan/patch-discriminator';
import { GeneratorNetwork } from '../../src/main/engine/generator/generator-network';
import { checkAgainstFiniteDifferences, normalTensor, weightedSum } from '../cnn/gradient-check';

const BINS = 12;
const FRAMES = 10;

function tinyNets(seed: number): CycleGanNetworks {
  const gen = { bins: BINS, channels: 4, residualBlocks: 1, kernel: 3, outerKernel: 3 };
  const input = { inputMean: 1, inputStd: 0.7 };
  const disc = { channels: 2, blocks: 2, ...input };
  return {
    g: GeneratorNetwork.initialise({ ...gen, ...input }, seed),
    f: GeneratorNetwork.initialise({ ...gen, ...input }, seed + 1),
    dX: PatchDiscriminator.initialise(disc, seed + 2),
    dY: PatchDiscriminator.initialise(disc, seed + 3),
  };
}

/**
 * Untrained generators are near the identity, so |G(y) - y| and |F(G(x)) - x| sit at L1's kink,
 * where finite differences mean nothing: move the last layers well away from it.
 */
function awayFromIdentity(nets: CycleGanNetworks): void {
  for (const net of [nets.g, nets.f]) {
    const last = net.variables().find((v) => v.name.endsWith('dec3/kernel'))!;
    last.assign(tf.tidy(() => tf.mul(last, 5)));
  }
}

const dispose = (nets: CycleGanNetworks) => Object.values(nets).forEach((n) => n.dispose());

/** A positive batch like log-magnitudes: |normal| + 0.5. */
const spectra = (seed: number): tf.Tensor4D =>
  tf.tidy(() => tf.add(tf.abs(normalTensor([2, FRAMES, BINS, 1], seed)), 0.5)) as tf.Tensor4D;

/** d f / d (one variable), with every other input fixed, as finite differences need it. */
function gradientOf(f: () => tf.Scalar, variable: tf.Variable): Float32Array {
  const { value, grads } = tf.variableGrads(f, [variable]);
  const g = grads[variable.name]!.dataSync() as Float32Array;
  tf.dispose([value, ...Object.values(grads)]);
  return g;
}

/**
 * Checks d(loss)/d(variable) at a few coordinates by central differences. The training losses
 * have kinks (ReLU, max pooling, |.|): a kink inside [w - eps, w + eps] spoils that step's
 * difference, so each coordinate is compared at three steps and must agree at one of them
 * (a wrong gradient agrees at none).
 */
function checkVariable(
  loss: () => number,
  variable: tf.Variable,
  analytic: Float32Array,
  label: string,
  tolerance = 1e-2,
): void {
  const original = variable.clone();
  const base = original.dataSync() as Float32Array;
  let scale = 0;
  for (const v of analytic) scale = Math.max(scale, Math.abs(v));
  assert.ok(scale > 0, `${label}: the gradient is all zero`);
  const at = (values: Float32Array) => {
    variable.assign(tf.tensor(values, variable.shape));
    return loss();
  };
  for (let c = 0; c < 8; c++) {
    const index = Math.floor(((c + 0.5) * base.length) / 8);
    const errors = [1e-2, 3e-3, 1e-3].map((epsilon) => {
      const plus = Float32Array.from(base);
      const minus = Float32Array.from(base);
      plus[index]! += epsilon;
      minus[index]! -= epsilon;
      const numeric = (at(plus) - at(minus)) / (2 * epsilon);
      return Math.abs(numeric - analytic[index]!) / scale;
    });
    assert.ok(
      Math.min(...errors) < tolerance,
      `${label}: at ${index} the gradient ${analytic[index]} is off by ${errors.map((e) => e.toExponential(1)).join(', ')} of the largest`,
    );
  }
  variable.assign(original);
  original.dispose();
}

describe('CycleGAN engine gradients (cpu backend)', () => {
  before(async () => {
    await initBackend({ backend: 'cpu' });
  });

  test('the least-squares term against finite differences, for both targets', () => {
    const scores = normalTensor([2, 3, 4, 1], 5) as tf.Tensor4D;
    for (const target of [0, 1] as const) {
      const f = ([s]: tf.Tensor[]) => leastSquaresTerm(s as tf.Tensor4D, target, 0.7);
      const g = tf.grad((s: tf.Tensor) => f([s]))(scores);
      checkAgainstFiniteDifferences(f, [scores], 0, g.dataSync() as Float32Array, {
        label: `lsgan target ${target}`,
      });
      const out = { value: 0 };
      tf.dispose(leastSquaresTerm(scores, target, 0.7, out));
      const expected = tf.tidy(() => tf.mul(tf.mean(tf.square(tf.sub(scores, target))), 0.7));
      assert.ok(Math.abs(out.value - expected.dataSync()[0]!) < 1e-6);
      tf.dispose([g, expected]);
    }
    scores.dispose();
  });

  test('the L1 term against finite differences; the data operand gets no gradient', () => {
    const a = normalTensor([2, 4, 5, 1], 7) as tf.Tensor4D;
    const b = normalTensor([2, 4, 5, 1], 8) as tf.Tensor4D;
    const f = ([p, q]: tf.Tensor[]) => l1Term(p as tf.Tensor4D, q as tf.Tensor4D, 3);
    const [ga, gb] = tf.grads((p: tf.Tensor, q: tf.Tensor) => f([p, q]))([a, b]);
    checkAgainstFiniteDifferences(f, [a, b], 0, ga!.dataSync() as Float32Array, { label: 'l1' });
    assert.ok(gb!.dataSync().every((v) => v === 0));
    tf.dispose([a, b, ga!, gb!]);
  });

  test('the discriminator: patch size, score grid, input and weight gradients', () => {
    assert.equal(patchSize({ blocks: 4 }), 78);
    assert.equal(patchSize({ blocks: 2 }), 18);
    const nets = tinyNets(11);
    const x = spectra(12);
    const scores = tf.tidy(() =>
      nets.dX.forward(x, { inputGradient: false, weightGradients: false }),
    );
    assert.deepEqual(scores.shape, [2, FRAMES >> 2, BINS >> 2, 1]);
    const weighting = normalTensor(scores.shape, 13);
    scores.dispose();
    const f = ([input]: tf.Tensor[]) =>
      weightedSum(
        nets.dX.forward(input as tf.Tensor4D, { inputGradient: true, weightGradients: true }),
        weighting,
      );
    const dx = tf.grad((input: tf.Tensor) => f([input]))(x);
    checkAgainstFiniteDifferences(f, [x], 0, dx.dataSync() as Float32Array, {
      label: 'discriminator input',
      tolerance: 1e-2,
    });
    const kernel = nets.dX.variables().find((v) => v.name.endsWith('block2/kernel'))!;
    const loss = () => tf.tidy(() => f([x]).dataSync()[0]!);
    checkVariable(
      loss,
      kernel,
      gradientOf(() => f([x]), kernel),
      'discriminator block2 kernel',
    );
    tf.dispose([x, dx, weighting]);
    dispose(nets);
  });

  test('the generator step: gradients of both generators, every term reported', () => {
    const nets = tinyNets(21);
    awayFromIdentity(nets);
    const x = spectra(22);
    const y = spectra(23);
    // Small weights keep the float32 total small, so that its differences are not rounding noise.
    const weights = { cycle: 1, identity: 0.5 };
    const before = tf.memory().numTensors;
    const { values, grads } = generatorStep(nets, x, y, weights);
    const names = Object.keys(grads!);
    assert.equal(names.length, nets.g.variables().length + nets.f.variables().length);
    tf.dispose(Object.values(grads!));
    assert.equal(tf.memory().numTensors, before, 'the step leaves no tensor behind');
    for (const [k, v] of Object.entries(values))
      assert.ok(Number.isFinite(v) && v > 0, `${k} ${v}`);
    assert.ok(
      Math.abs(
        values.total - values.adversarialG - values.adversarialF - values.cycle - values.identity,
      ) < 1e-9,
    );
    const loss = () => generatorStep(nets, x, y, weights, { gradients: false }).values.total;
    for (const [net, name] of [
      [nets.g, 'res1a/kernel'],
      // G's first layer learns through F in the cycle F(G(x)): needs F's input gradient.
      [nets.g, 'enc1/kernel'],
      [nets.f, 'enc1/kernel'],
      [nets.f, 'dec3/bias'],
    ] as const) {
      const variable = net.variables().find((v) => v.name.endsWith(name))!;
      const { grads: all } = generatorStep(nets, x, y, weights);
      const analytic = all![variable.name]!.dataSync() as Float32Array;
      tf.dispose(Object.values(all!));
      checkVariable(loss, variable, analytic, `generator ${name}`);
    }
    tf.dispose([x, y]);
    dispose(nets);
  });

  test('the discriminator step: gradients of both discriminators, generators untouched', () => {
    const nets = tinyNets(31);
    const x = spectra(32);
    const y = spectra(33);
    const before = tf.memory().numTensors;
    const { values, grads } = discriminatorStep(nets, x, y);
    assert.equal(
      Object.keys(grads!).length,
      nets.dX.variables().length + nets.dY.variables().length,
    );
    tf.dispose(Object.values(grads!));
    assert.equal(tf.memory().numTensors, before, 'the step leaves no tensor behind');
    assert.ok(values.dX > 0 && values.dY > 0);
    const loss = () => {
      const v = discriminatorStep(nets, x, y, { gradients: false }).values;
      return v.dX + v.dY;
    };
    for (const d of [nets.dX, nets.dY]) {
      const variable = d.variables().find((v) => v.name.endsWith('score/kernel'))!;
      const { grads: all } = discriminatorStep(nets, x, y);
      const analytic = all![variable.name]!.dataSync() as Float32Array;
      tf.dispose(Object.values(all!));
      checkVariable(loss, variable, analytic, `discriminator ${variable.name}`);
    }
    tf.dispose([x, y]);
    dispose(nets);
  });
});
