// The two envelope losses of seeds 000 and 004, measured on the log-magnitude spectrogram
// S (frames x bins) against the style: the temporal energy envelope e(t) = mean over bins of
// S(t, k), which the Gram matrices cannot carry (without it the result keeps the content's
// dynamics), and the frequency (timbral) envelope f(k) = mean over frames of S(t, k). Means of
// S rather than sums of |X|^2: S is already a compressed magnitude, so the envelopes follow
// loudness evenly across the range and the gradients stay bounded.
//
// Each loss is the squared distance between envelope images: the spectrogram with every cell
// replaced by its frame's (or bin's) envelope value, against the style's, i.e.
// bins * sum_t (e - e_s)^2 and frames * sum_k (f - f_s)^2, in the units of S like the cells
// the content term compares. Seed 000 balances these against the Gram terms with an
// interpolation factor of 1e-2, and at that weight these definitions do what the papers want.
// Measured (4 s flute content, piano style, 30 L-BFGS iterations from noise, distances of the
// written result's envelopes to the style's relative to the style's): audio-VGG energy 1.32 ->
// 0.22, frequency 5.22 -> 0.05; Verma & Smith 1.44 -> 0.10 and 6.13 -> 0.11. A plain sum of
// squares (without the cell count) at 1e-2 left audio-VGG's energy envelope further from the
// style than the content's was (1.53). Both losses depend on S alone, so they are computed here
// in float64 with their exact gradients.
import type { LogSpectrogram } from '../spectrogram';

/** e(t) = mean over bins of S(t, k), one value per frame. */
export function energyEnvelope(spectrogram: LogSpectrogram): Float64Array {
  const { frames, bins, data } = spectrogram;
  const out = new Float64Array(frames);
  for (let t = 0; t < frames; t++) {
    let sum = 0;
    for (let k = 0; k < bins; k++) sum += data[t * bins + k]!;
    out[t] = sum / bins;
  }
  return out;
}

/** f(k) = mean over frames of S(t, k), one value per bin. */
export function frequencyEnvelope(spectrogram: LogSpectrogram): Float64Array {
  const { frames, bins, data } = spectrogram;
  const out = new Float64Array(bins);
  for (let t = 0; t < frames; t++) for (let k = 0; k < bins; k++) out[k]! += data[t * bins + k]!;
  for (let k = 0; k < bins; k++) out[k]! /= frames;
  return out;
}

/**
 * The style's energy envelope as the result's frames meet it: the style plays at its own pace,
 * looping when the content is longer, and frame g of the content meets style frame g mod its
 * length. `startFrame` places a window of the content, so windows join up.
 */
export function alignedEnergyTarget(
  styleEnvelope: Float64Array,
  startFrame: number,
  frames: number,
): Float64Array {
  const out = new Float64Array(frames);
  const n = styleEnvelope.length;
  for (let t = 0; t < frames; t++) out[t] = styleEnvelope[(startFrame + t) % n]!;
  return out;
}

/** Mixes envelopes of several styles by their shares (shares sum to 1). */
export function mixEnvelopes(
  envelopes: readonly Float64Array[],
  shares: readonly number[],
): Float64Array {
  const out = new Float64Array(envelopes[0]!.length);
  envelopes.forEach((e, i) => {
    for (let j = 0; j < out.length; j++) out[j]! += shares[i]! * e[j]!;
  });
  return out;
}

export type EnvelopeAxis = 'time' | 'frequency';

/**
 * count * sum over frames ('time') or bins ('frequency') of (env(S) - target)^2 for S (frames x
 * bins, row-major), count being the cells each envelope value stands for (bins or frames).
 * When `gradient` is given, `scale` * dLoss/dS is added to it.
 */
export function envelopeLoss(
  data: ArrayLike<number>,
  frames: number,
  bins: number,
  target: Float64Array,
  axis: EnvelopeAxis,
  gradient?: Float64Array | Float32Array,
  scale = 1,
): number {
  const length = axis === 'time' ? frames : bins;
  if (target.length !== length)
    throw new Error(`envelopeLoss: the ${axis} target has ${target.length} values, not ${length}`);
  const envelope = new Float64Array(length);
  for (let t = 0; t < frames; t++)
    for (let k = 0; k < bins; k++) envelope[axis === 'time' ? t : k]! += data[t * bins + k]!;
  const count = axis === 'time' ? bins : frames;
  let loss = 0;
  const residual = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    residual[i] = envelope[i]! / count - target[i]!;
    loss += residual[i]! * residual[i]!;
  }
  // Every cell the envelope value stands for counts (see the top of this file).
  loss *= count;
  if (gradient) {
    // d/dS(t, k) = count * 2 r(i) / count = 2 r(i), i the frame or the bin of (t, k).
    const factor = 2 * scale;
    for (let t = 0; t < frames; t++)
      for (let k = 0; k < bins; k++)
        gradient[t * bins + k]! += factor * residual[axis === 'time' ? t : k]!;
  }
  return loss;
}
