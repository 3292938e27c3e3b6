import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RealFft } from '../../src/main/dsp/real-fft';
import { seededRandom } from '../../src/main/dsp/random';

/** n reproducible samples in [-1, 1). */
function noise(n: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length: n }, () => 2 * random.next() - 1);
}

/** Largest |FFT(x)[k] - DFT(x)[k]| over k, and the spectrum's peak, for x of length fft.size. */
function worstAgainstDft(fft: RealFft, x: Float32Array): { worst: number; peak: number } {
  const n = fft.size;
  fft.data.set(x);
  fft.forward();
  const d = fft.data;
  let worst = 0;
  let peak = 0;
  for (let k = 0; k <= n / 2; k++) {
    let re = 0;
    let im = 0;
    for (let i = 0; i < n; i++) {
      re += x[i]! * Math.cos((2 * Math.PI * k * i) / n);
      im -= x[i]! * Math.sin((2 * Math.PI * k * i) / n);
    }
    // Ordered layout: [re 0, re n/2, re 1, im 1, ...].
    const gotRe = k === 0 ? d[0]! : k === n / 2 ? d[1]! : d[2 * k]!;
    const gotIm = k === 0 || k === n / 2 ? 0 : d[2 * k + 1]!;
    worst = Math.max(worst, Math.abs(gotRe - re), Math.abs(gotIm - im));
    peak = Math.max(peak, Math.hypot(re, im));
  }
  return { worst, peak };
}

describe('RealFft (PFFFT)', () => {
  test('forward matches a direct DFT; inverse gives n times the samples back', () => {
    for (const n of [256, 1024]) {
      const fft = new RealFft(n);
      const x = noise(n, n);
      const { worst, peak } = worstAgainstDft(fft, x);
      assert.ok(worst < 1e-5 * peak, `n ${n}: largest difference ${worst} of ${peak}`);
      fft.inverse();
      const back = fft.data;
      for (let i = 0; i < n; i++)
        assert.ok(Math.abs(back[i]! / n - x[i]!) < 1e-5, `n ${n}, sample ${i}: ${back[i]! / n}`);
    }
  });

  test('a transform made before the WebAssembly heap grew still works on a live view', () => {
    const early = new RealFft(512);
    const heapBefore = early.data.buffer.byteLength;
    // About 100 kB each: enough to grow the 16 MB heap the module starts with.
    const later = Array.from({ length: 200 }, () => new RealFft(8192));
    assert.ok(early.data.buffer.byteLength > heapBefore, 'the heap should have grown');
    assert.equal(early.data.length, 512);
    const { worst, peak } = worstAgainstDft(early, noise(512, 7));
    assert.ok(worst < 1e-5 * peak, `largest difference ${worst} of ${peak}`);
    assert.equal(later.length, 200);
  });
});
