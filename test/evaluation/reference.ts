// An independent, slow statement of QUALITY.md's definitions for the tests to check the product's
// metrics against: a direct DFT in float64 (no FFT, no shared code), the periodic Hann window
// written out, frames that fit entirely, and the formulas as the page writes them.

export const N_FFT = 2048;
export const HOP = 512;

/** M(x) by direct DFT: frames x (N_FFT / 2 + 1) magnitudes, row-major, in float64. */
export function referenceMagnitude(x: ArrayLike<number>): { frames: number; data: Float64Array } {
  const bins = N_FFT / 2 + 1;
  const frames = x.length < N_FFT ? 0 : 1 + Math.floor((x.length - N_FFT) / HOP);
  const cos = new Float64Array(N_FFT);
  const sin = new Float64Array(N_FFT);
  for (let n = 0; n < N_FFT; n++) {
    cos[n] = Math.cos((2 * Math.PI * n) / N_FFT);
    sin[n] = Math.sin((2 * Math.PI * n) / N_FFT);
  }
  const data = new Float64Array(frames * bins);
  const frame = new Float64Array(N_FFT);
  for (let t = 0; t < frames; t++) {
    for (let n = 0; n < N_FFT; n++) frame[n] = x[t * HOP + n]! * (0.5 - 0.5 * cos[n]!);
    for (let k = 0; k < bins; k++) {
      let re = 0;
      let im = 0;
      for (let n = 0; n < N_FFT; n++) {
        const i = (k * n) % N_FFT;
        re += frame[n]! * cos[i]!;
        im -= frame[n]! * sin[i]!;
      }
      data[t * bins + k] = Math.hypot(re, im);
    }
  }
  return { frames, data };
}

/** L(x) = mean over frames of log(1 + M). */
export function referenceProfile(m: { frames: number; data: Float64Array }): number[] {
  const bins = N_FFT / 2 + 1;
  const out = new Array<number>(bins).fill(0);
  for (let t = 0; t < m.frames; t++)
    for (let k = 0; k < bins; k++) out[k]! += Math.log1p(m.data[t * bins + k]!) / m.frames;
  return out;
}

/** E(x) = sum over bins of log(1 + M), per frame. */
export function referenceEnvelope(m: { frames: number; data: Float64Array }): number[] {
  const bins = N_FFT / 2 + 1;
  const out: number[] = [];
  for (let t = 0; t < m.frames; t++) {
    let sum = 0;
    for (let k = 0; k < bins; k++) sum += Math.log1p(m.data[t * bins + k]!);
    out.push(sum);
  }
  return out;
}

/** Pearson's r from its textbook formula (sums of products, one pass). */
export function referencePearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  let sa = 0;
  let sb = 0;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sa += a[i]!;
    sb += b[i]!;
    sab += a[i]! * b[i]!;
    saa += a[i]! ** 2;
    sbb += b[i]! ** 2;
  }
  return (n * sab - sa * sb) / Math.sqrt((n * saa - sa * sa) * (n * sbb - sb * sb));
}

export function euclidean(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(sum);
}

/** A deterministic test signal: decaying partials over a little white noise (Park-Miller PRNG). */
export function testSignal(
  length: number,
  rate: number,
  partials: { hz: number; gain: number }[],
  seed = 1,
  noiseLevel = 0.01,
): Float32Array {
  let state = seed;
  const noise = (): number => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647 - 0.5;
  };
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const t = i / rate;
    let v = noiseLevel * noise();
    for (const p of partials) v += p.gain * Math.exp(-3 * t) * Math.sin(2 * Math.PI * p.hz * t);
    out[i] = v;
  }
  return out;
}
