// TPDF (triangular) dither for reducing bit depth: the difference of two uniform values, spanning
// (-1, 1) LSB. It makes the quantisation error's mean and variance independent of the signal, so
// quiet detail below one LSB survives as signal plus steady noise instead of distortion.
// Seeded, so an export is byte-for-byte repeatable.

export const defaultDitherSeed = 0x7f4a7c15;

/** TPDF dither values in LSB units: triangular on (-1, 1), mean 0, variance 1/6. */
export class TpdfDither {
  private state: number;

  constructor(seed: number = defaultDitherSeed) {
    this.state = seed >>> 0;
  }

  /** Fills `out` (a whole block at once: the encoder's inner loop stays free of calls). */
  fill(out: Float64Array): void {
    let state = this.state;
    for (let i = 0; i < out.length; i++) {
      // Two steps of mulberry32, a small fast generator that is plenty for noise.
      state = (state + 0x6d2b79f5) >>> 0;
      let t = Math.imul(state ^ (state >>> 15), state | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      const a = (t ^ (t >>> 14)) >>> 0;
      state = (state + 0x6d2b79f5) >>> 0;
      t = Math.imul(state ^ (state >>> 15), state | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      const b = (t ^ (t >>> 14)) >>> 0;
      out[i] = (a - b) / 4294967296;
    }
    this.state = state;
  }
}
