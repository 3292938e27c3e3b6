// Analysis/synthesis windows and the overlap-add check that decides which hops the inverse STFT
// can undo.
import { DspParameterError } from './errors';
import type { Samples } from '../../shared/units';

/**
 * Periodic Hann window of `n` samples (the DFT-even form librosa and torch use for STFTs:
 * w[i] = 0.5 - 0.5 cos(2 pi i / n)). With `length < n` the Hann of `length` samples sits centred
 * in n samples of zeros, as librosa does for win_length < n_fft.
 */
export function hannWindow(n: Samples, length: Samples = n): Float32Array {
  if (!Number.isInteger(n) || n < 1)
    throw new DspParameterError('n', n, `Window size must be a positive integer, got ${n}.`);
  if (!Number.isInteger(length) || length < 1 || length > n)
    throw new DspParameterError(
      'length',
      length,
      `Window length must be an integer from 1 to the window size ${n}, got ${length}.`,
    );
  const window = new Float32Array(n);
  const offset = Math.floor((n - length) / 2);
  for (let i = 0; i < length; i++)
    window[offset + i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / length);
  return window;
}

/** What overlap-adding a window's square at a hop looks like in the steady state. */
export interface OverlapAddCheck {
  /** True when the inverse STFT can undo this window and hop to the precision it promises. */
  ok: boolean;
  /** Smallest and largest value of the summed squared window over one hop (steady state). */
  minEnvelope: number;
  maxEnvelope: number;
  /** minEnvelope / maxEnvelope: 1 for a perfectly flat overlap-add, 0 where samples go unseen. */
  flatness: number;
}

/**
 * Weakest summed-squared-window level, relative to its peak, that the inverse STFT accepts.
 * The ISTFT divides by this sum, so a dip of 1e-2 amplifies float32 rounding by at most 40 dB.
 * Measured (uncentred round trip of the corpus drum clip, interior samples): flatness 1.8e-2
 * (Hann, hop 0.8 n) gives 147 dB SNR and 5.7e-3 still 143 dB, so the margin is conservative.
 */
export const MIN_OVERLAP_ADD_FLATNESS = 1e-2;

/**
 * Nonzero overlap-add check (NOLA, as scipy.signal.check_NOLA and torch.istft require), with a
 * conditioning margin: the summed squared window must stay above MIN_OVERLAP_ADD_FLATNESS of its
 * peak everywhere, or the inverse STFT cannot give the signal back.
 */
export function checkOverlapAdd(window: Float32Array, hop: Samples): OverlapAddCheck {
  const n = window.length;
  if (!Number.isInteger(hop) || hop < 1)
    throw new DspParameterError('hop', hop, `Hop must be a positive integer, got ${hop}.`);
  let minEnvelope = Infinity;
  let maxEnvelope = 0;
  for (let p = 0; p < hop; p++) {
    let sum = 0;
    for (let i = p; i < n; i += hop) sum += window[i]! * window[i]!;
    if (sum < minEnvelope) minEnvelope = sum;
    if (sum > maxEnvelope) maxEnvelope = sum;
  }
  const flatness = maxEnvelope > 0 ? minEnvelope / maxEnvelope : 0;
  return { ok: flatness >= MIN_OVERLAP_ADD_FLATNESS, minEnvelope, maxEnvelope, flatness };
}
