// The K-weighting filter of ITU-R BS.1770-4 for any sample rate. The standard gives coefficients
// for 48 kHz only; these are the analogue prototypes behind them (a high-shelf of about +4 dB
// above 1.5 kHz, then a 38 Hz high-pass), as derived in libebur128, mapped to `sampleRate` by the
// bilinear transform. At 48 kHz they reproduce the standard's coefficients (tested).
import type { Hertz } from '../../shared/units';

/** y[n] = b0 x[n] + b1 x[n-1] + b2 x[n-2] - a1 y[n-1] - a2 y[n-2] */
export interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

const shelf = { f0: 1681.974450955533, gainDb: 3.999843853973347, q: 0.7071752369554196 };
const highPass = { f0: 38.13547087602444, q: 0.5003270373238773 };

/** The two K-weighting stages for `sampleRate`: [pre-filter shelf, RLB high-pass]. */
export function kWeightingFilters(sampleRate: Hertz): [Biquad, Biquad] {
  let k = Math.tan((Math.PI * shelf.f0) / sampleRate);
  const vh = 10 ** (shelf.gainDb / 20);
  const vb = vh ** 0.4996667741545416;
  let a0 = 1 + k / shelf.q + k * k;
  const stage1: Biquad = {
    b0: (vh + (vb * k) / shelf.q + k * k) / a0,
    b1: (2 * (k * k - vh)) / a0,
    b2: (vh - (vb * k) / shelf.q + k * k) / a0,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / shelf.q + k * k) / a0,
  };
  k = Math.tan((Math.PI * highPass.f0) / sampleRate);
  a0 = 1 + k / highPass.q + k * k;
  const stage2: Biquad = {
    b0: 1,
    b1: -2,
    b2: 1,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / highPass.q + k * k) / a0,
  };
  return [stage1, stage2];
}
