// Finite-difference checks for the custom gradients: central differences of a scalar function,
// taken at a few coordinates of one input.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { seededRandom } from '../../src/main/dsp/random';

/** A seeded normal tensor (tests must not depend on tfjs's own unseeded generators). */
export function normalTensor(shape: number[], seed: number, std = 1): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(seededRandom(seed).fillNormal(new Float32Array(size), 0, std), shape);
}

/**
 * Compares `analytic` (d f / d inputs[which]) with central differences of f at `count`
 * coordinates spread over the input. Tolerance is relative to the largest analytic value.
 */
export function checkAgainstFiniteDifferences(
  f: (inputs: tf.Tensor[]) => tf.Scalar,
  inputs: tf.Tensor[],
  which: number,
  analytic: Float32Array,
  options: { epsilon?: number; tolerance?: number; count?: number; label: string },
): void {
  const epsilon = options.epsilon ?? 1e-2;
  const tolerance = options.tolerance ?? 2e-3;
  const base = inputs[which]!.dataSync() as Float32Array;
  const count = Math.min(options.count ?? 12, base.length);
  let scale = 0;
  for (const v of analytic) scale = Math.max(scale, Math.abs(v));
  assert.ok(scale > 0, `${options.label}: the analytic gradient is all zero`);
  const at = (values: Float32Array): number => {
    const moved = inputs.map((t, i) => (i === which ? tf.tensor(values, t.shape) : t));
    const value = tf.tidy(() => f(moved).dataSync()[0]!);
    moved[which]!.dispose();
    return value;
  };
  for (let c = 0; c < count; c++) {
    const index = Math.floor(((c + 0.5) * base.length) / count);
    const plus = Float32Array.from(base);
    const minus = Float32Array.from(base);
    plus[index]! += epsilon;
    minus[index]! -= epsilon;
    const numeric = (at(plus) - at(minus)) / (2 * epsilon);
    const error = Math.abs(numeric - analytic[index]!) / scale;
    assert.ok(
      error < tolerance,
      `${options.label}: at ${index} finite differences give ${numeric}, the gradient ${analytic[index]} (relative error ${error.toExponential(2)})`,
    );
  }
}

/** Largest |a - b| relative to the largest |b|. */
export function relativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length, 'the arrays have different lengths');
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return scale === 0 ? diff : diff / scale;
}

/**
 * sum(y * weighting), weighting of y's shape, with its gradient: tfjs-core registers no gradients in Node, so
 * even a test's loss needs its own.
 */
export function weightedSum(y: tf.Tensor, weighting: tf.Tensor): tf.Scalar {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input] = args as [tf.Tensor];
    return {
      value: tf.sum(tf.mul(input, weighting)) as tf.Scalar,
      gradFunc: (dy: tf.Tensor) => tf.mul(dy, weighting),
    };
  }) as unknown as (y: tf.Tensor) => tf.Scalar;
  return op(y);
}
