import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DspParameterError, seededRandom } from '../../src/main/dsp/index';

describe('seededRandom', () => {
  test('the same seed repeats the same sequence; different seeds differ', () => {
    const a = seededRandom(42).fillUniform(new Float64Array(1000));
    const b = seededRandom(42).fillUniform(new Float64Array(1000));
    const c = seededRandom(43).fillUniform(new Float64Array(1000));
    assert.deepEqual(a, b);
    assert.ok(a.some((v, i) => v !== c[i]));
  });

  test('uniform values lie in [0, 1) with mean 1/2 and variance 1/12', () => {
    const values = seededRandom(7).fillUniform(new Float64Array(200_000));
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
    assert.ok(values.every((v) => v >= 0 && v < 1));
    assert.ok(Math.abs(mean - 0.5) < 0.005, `mean ${mean}`);
    assert.ok(Math.abs(variance - 1 / 12) < 0.002, `variance ${variance}`);
  });

  test('normal values have the asked mean and standard deviation and Gaussian tails', () => {
    const values = seededRandom(9).fillNormal(new Float32Array(200_000), 2, 0.5);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    assert.ok(Math.abs(mean - 2) < 0.01, `mean ${mean}`);
    assert.ok(Math.abs(std - 0.5) < 0.01, `std ${std}`);
    // About 4.55 % of a normal lies beyond two standard deviations.
    const tails = values.filter((v) => Math.abs(v - 2) > 1).length / values.length;
    assert.ok(Math.abs(tails - 0.0455) < 0.003, `tails ${tails}`);
  });

  test('normal values follow the normal distribution, tail included (Kolmogorov-Smirnov)', () => {
    const n = 1_000_000;
    const values = seededRandom(11).fillNormal(new Float64Array(n)).sort();
    let distance = 0;
    for (let i = 0; i < n; i++) {
      const cdf = normalCdf(values[i]!);
      distance = Math.max(distance, Math.abs(cdf - i / n), Math.abs(cdf - (i + 1) / n));
    }
    // 1.63 / sqrt(n) is the 1 % critical value.
    assert.ok(distance < 1.63 / Math.sqrt(n), `KS distance ${distance}`);
    // Beyond |x| = 3.4426 (the ziggurat's separately drawn tail) lies 5.76e-4 of a normal.
    const tail = values.filter((v) => Math.abs(v) > 3.442619855899).length / n;
    assert.ok(Math.abs(tail / 5.76e-4 - 1) < 0.15, `tail share ${tail}`);
  });

  test('fillNormal gives exactly the values of repeated normal() calls, edge and tail draws included', () => {
    const n = 200_000;
    const filled = seededRandom(21).fillNormal(new Float64Array(n));
    const one = seededRandom(21);
    const called = Float64Array.from({ length: n }, () => one.normal());
    assert.deepEqual(filled, called);
    assert.ok(
      filled.some((v) => Math.abs(v) > 3.442619855899),
      'the tail was drawn',
    );
  });

  test('rejects a seed that is not a whole number', () => {
    assert.throws(() => seededRandom(1.5), DspParameterError);
    assert.throws(() => seededRandom(Number.NaN), DspParameterError);
  });
});

/** Phi(x) by Abramowitz and Stegun 7.1.26 (error below 1.5e-7). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}
