// TPDF dither: the noise has the triangular shape, and quantising with it leaves an error whose
// mean is 0 and whose size does not depend on the signal, so detail below one step survives.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TpdfDither } from '../../src/main/audio/dither';
import { decodeWav, encodeWav } from '../../src/main/audio';

const n = 200_000;

function roundTrip(
  samples: Float32Array,
  sampleFormat: 'pcm16' | 'pcm24',
  dither: boolean,
): Float32Array {
  return decodeWav(encodeWav({ sampleRate: 48000, channels: [samples] }, { sampleFormat, dither }))
    .audio.channels[0]!;
}

function errorStats(
  input: Float32Array,
  output: Float32Array,
  step: number,
): { mean: number; variance: number; max: number } {
  let sum = 0;
  let squares = 0;
  let max = 0;
  for (let i = 0; i < input.length; i++) {
    const e = (output[i]! - input[i]!) / step;
    sum += e;
    squares += e * e;
    max = Math.max(max, Math.abs(e));
  }
  const mean = sum / input.length;
  return { mean, variance: squares / input.length - mean * mean, max };
}

describe('TPDF dither', () => {
  test('the noise is triangular on (-1, 1) LSB with mean 0 and variance 1/6', () => {
    const noise = new Float64Array(n);
    new TpdfDither(7).fill(noise);
    let sum = 0;
    let squares = 0;
    let inner = 0;
    for (const d of noise) {
      assert.ok(d > -1 && d < 1);
      sum += d;
      squares += d * d;
      if (Math.abs(d) < 0.5) inner++;
    }
    assert.ok(Math.abs(sum / n) < 0.005, `mean ${sum / n}`);
    assert.ok(Math.abs(squares / n - 1 / 6) < 0.003, `variance ${squares / n}`);
    assert.ok(
      Math.abs(inner / n - 0.75) < 0.005,
      `P(|d| < 0.5) = ${inner / n}, triangular gives 0.75`,
    );
  });

  for (const [sampleFormat, step] of [
    ['pcm16', 2 ** -15],
    ['pcm24', 2 ** -23],
  ] as const) {
    test(`${sampleFormat}: the error stays within 1.5 LSB, mean 0, variance 1/4 LSB² at any level`, () => {
      // A constant a quarter of a step above zero, and random levels: the error must look the same.
      for (const offset of [0.25, 0.5, 0.8]) {
        const input = new Float32Array(n).fill(offset * step);
        const { mean, variance, max } = errorStats(
          input,
          roundTrip(input, sampleFormat, true),
          step,
        );
        assert.ok(max <= 1.5, `offset ${offset}: max error ${max} LSB`);
        assert.ok(Math.abs(mean) < 0.01, `offset ${offset}: mean error ${mean} LSB`);
        assert.ok(
          Math.abs(variance - 0.25) < 0.0125,
          `offset ${offset}: error variance ${variance} LSB²`,
        );
      }
      const random = Float32Array.from(
        { length: n },
        (_, i) => 0.8 * Math.sin(i * 0.001) * Math.cos(i * 0.37),
      );
      const { mean, variance, max } = errorStats(
        random,
        roundTrip(random, sampleFormat, true),
        step,
      );
      assert.ok(
        max <= 1.5 && Math.abs(mean) < 0.01 && Math.abs(variance - 0.25) < 0.0125,
        `music-like: ${mean} ${variance} ${max}`,
      );
    });
  }

  test('without dither a level of a quarter step is lost; with dither its mean survives', () => {
    const step = 2 ** -15;
    const input = new Float32Array(n).fill(0.25 * step);
    const plain = errorStats(input, roundTrip(input, 'pcm16', false), step);
    assert.ok(Math.abs(plain.mean + 0.25) < 1e-9, 'undithered rounding turns 0.25 LSB into 0');
    const dithered = errorStats(input, roundTrip(input, 'pcm16', true), step);
    assert.ok(Math.abs(dithered.mean) < 0.01);
  });

  test('a sine of 0.3 LSB amplitude survives 16-bit dithered, and vanishes without dither', () => {
    const step = 2 ** -15;
    const omega = (2 * Math.PI * 1000) / 48000;
    const input = Float32Array.from({ length: n }, (_, i) => 0.3 * step * Math.sin(omega * i));
    const amplitude = (output: Float32Array) => {
      let projection = 0;
      for (let i = 0; i < n; i++) projection += output[i]! * Math.sin(omega * i);
      return (2 * projection) / n / step;
    };
    assert.equal(amplitude(roundTrip(input, 'pcm16', false)), 0);
    const kept = amplitude(roundTrip(input, 'pcm16', true));
    assert.ok(Math.abs(kept - 0.3) < 0.015, `recovered amplitude ${kept} LSB`);
  });
});
