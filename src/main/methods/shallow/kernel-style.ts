// The style side of the kernel loss (kernel-loss.ts): which patches of the style clips it compares
// against, with what weight, laid out as one bins x frames matrix.
//
// The finite network's mixed Gram matrix is Gs = sum_i share_i F_i F_i^T / frames_i over every conv
// frame of every clip (style-target.ts). Its kernel form is a weighted sum over style patches,
// weight share_i / frames_i each. The per-evaluation cost of the result-style term grows with the
// number of style patches kept (4 bins x result frames x style frames flops), and the one-off
// style-style constant with its square, so a long clip is subsampled:
//   - a clip of at most `maxFrames` conv frames is taken whole;
//   - a longer one keeps floor(maxFrames / segmentFrames) contiguous segments of `segmentFrames`
//     conv frames, evenly spaced from its first to its last conv frame (contiguous, so that the
//     diagonal trick still applies inside each), and each kept patch's weight is scaled by
//     convFrames / kept, so that the clip's total weight (its share) is unchanged and the sum over
//     kept patches estimates the sum over all of them.
// The result-style term and the style-style constant use the same kept patches, so the style
// loss stays a squared distance between two mean embeddings (never negative).
//
// All kept segments of all clips are concatenated along frames into one matrix (one matMul per
// evaluation instead of one per segment). The w - 1 patches that straddle the join of two
// segments mix frames of both; they get weight 0.
import type { Frames } from '../../../shared/units';
import type { WeightedStyle } from './style-target';

export interface StyleSampling {
  /** Conv frames kept per clip at most (default 2,048: about 47 s at 22,050 Hz, hop 512). */
  maxFrames: Frames;
  /** Length of each kept segment of a longer clip, in conv frames (default 128). */
  segmentFrames: Frames;
}

export const DEFAULT_STYLE_SAMPLING: StyleSampling = { maxFrames: 2048, segmentFrames: 128 };

/** [first conv frame, count] of the segments kept from a clip of `convFrames` conv frames. */
export function styleSegments(convFrames: Frames, sampling: StyleSampling): [Frames, Frames][] {
  const { maxFrames, segmentFrames } = sampling;
  if (!(maxFrames >= 1) || !(segmentFrames >= 1))
    throw new Error(`styleSegments: maxFrames and segmentFrames must be >= 1`);
  if (convFrames <= maxFrames) return [[0, convFrames]];
  const length = Math.min(segmentFrames, maxFrames);
  const count = Math.max(1, Math.floor(maxFrames / length));
  if (count === 1) return [[Math.floor((convFrames - length) / 2), length]];
  return Array.from({ length: count }, (_, k): [Frames, Frames] => [
    Math.round((k * (convFrames - length)) / (count - 1)),
    length,
  ]);
}

/** The kept style frames, concatenated, and one weight per patch (conv frame) of them. */
export interface KernelStyleFrames {
  bins: number;
  /** Input frames of the concatenation. */
  frames: Frames;
  /** bins x frames, row-major. */
  dataT: Float32Array;
  /** frames - width + 1 patch weights: share_i / frames_i (scaled when subsampled), 0 at joins. */
  weights: Float64Array;
  /** Conv frames kept per clip, in the order given. */
  keptPerClip: Frames[];
}

export function concatStyleFrames(
  styles: readonly WeightedStyle[],
  width: Frames,
  sampling: StyleSampling = DEFAULT_STYLE_SAMPLING,
): KernelStyleFrames {
  if (styles.length === 0) throw new Error('concatStyleFrames: no style clips');
  const bins = styles[0]!.spectrogram.bins;
  const pieces: { style: WeightedStyle; start: Frames; count: Frames; weight: number }[] = [];
  const keptPerClip: Frames[] = [];
  for (const style of styles) {
    const { frames } = style.spectrogram;
    if (style.spectrogram.bins !== bins)
      throw new Error(
        `concatStyleFrames: style clips have ${bins} and ${style.spectrogram.bins} bins`,
      );
    const convFrames = frames - width + 1;
    if (convFrames < 1)
      throw new Error(
        `concatStyleFrames: a style clip of ${frames} frames is narrower than ${width}`,
      );
    const segments = styleSegments(convFrames, sampling);
    const kept = segments.reduce((s, [, n]) => s + n, 0);
    keptPerClip.push(kept);
    const weight = ((style.share / frames) * convFrames) / kept;
    for (const [start, count] of segments) pieces.push({ style, start, count, weight });
  }
  const frames = pieces.reduce((s, p) => s + p.count + width - 1, 0);
  const dataT = new Float32Array(bins * frames);
  const weights = new Float64Array(frames - width + 1);
  let at = 0;
  for (const { style, start, count, weight } of pieces) {
    const { data } = style.spectrogram;
    const inFrames = count + width - 1;
    for (let t = 0; t < inFrames; t++) {
      const row = (start + t) * bins;
      for (let c = 0; c < bins; c++) dataT[c * frames + at + t] = data[row + c]!;
    }
    weights.fill(weight, at, at + count);
    at += inFrames;
  }
  return { bins, frames, dataT, weights, keptPerClip };
}
