// The style clips' mixed Gram matrix Gs = sum_i share_i * Fs_i^T Fs_i / frames_i, accumulated
// over each clip in chunks of frames, so that a clip of any length costs the memory of one chunk
// (plus the target itself). Kept either as Gs ('gram') or as scaled style features Z with
// Gs = Z^T Z ('frames'), whichever makes the per-evaluation work smaller (see losses.ts).
import * as tf from '@tensorflow/tfjs-core';
import type { Frames } from '../../../shared/units';
import { preciseSum, sumOfSquares, type StyleTarget } from '../../engine/losses';
import type { ShallowNetwork } from '../../engine/shallow-network';
import type { LogSpectrogram } from '../../engine/spectrogram';

export type StyleMode = 'gram' | 'frames';

/** Conv frames per chunk when accumulating a style clip (bounded memory for long clips). */
export const STYLE_CHUNK_FRAMES: Frames = 1024;

/**
 * The cheaper exact formulation for a result of `resultConvFrames` conv frames against style
 * rows of `styleConvFrames` in total: 'frames' costs ~4 * filters * out * (out + rows) flops per
 * evaluation, 'gram' ~4 * filters^2 * out.
 */
export function chooseStyleMode(
  filters: number,
  resultConvFrames: Frames,
  styleConvFrames: Frames,
): StyleMode {
  return resultConvFrames + styleConvFrames < filters ? 'frames' : 'gram';
}

export interface WeightedStyle {
  spectrogram: LogSpectrogram;
  /** Share in the mix; the shares sum to 1. */
  share: number;
}

/** Builds the target; the caller owns it (disposeStyleTarget). */
export function buildStyleTarget(
  network: ShallowNetwork,
  styles: readonly WeightedStyle[],
  mode: StyleMode,
  chunkFrames: Frames = STYLE_CHUNK_FRAMES,
): StyleTarget {
  const { filters } = network.shape;
  if (mode === 'gram') {
    let gram: tf.Tensor2D = tf.zeros([filters, filters]);
    for (const style of styles) {
      const scale = style.share / style.spectrogram.frames;
      forEachFeatureChunk(network, style.spectrogram, chunkFrames, (featuresT) => {
        const next = tf.tidy(() =>
          tf.add(gram, tf.mul(tf.matMul(featuresT, tf.transpose(featuresT)), scale)),
        );
        gram.dispose();
        gram = next as tf.Tensor2D;
      });
    }
    // Symmetric to the last bit, as the peer makes it.
    const symmetric = tf.tidy(() => tf.mul(tf.add(gram, tf.transpose(gram)), 0.5));
    gram.dispose();
    const squares = tf.square(symmetric);
    const normSq = preciseSum(squares);
    squares.dispose();
    return { mode: 'gram', gram: symmetric as tf.Tensor2D, normSq };
  }
  const pieces: tf.Tensor2D[] = [];
  for (const style of styles) {
    const scale = Math.sqrt(style.share / style.spectrogram.frames);
    forEachFeatureChunk(network, style.spectrogram, chunkFrames, (featuresT) => {
      pieces.push(tf.mul(featuresT, scale));
    });
  }
  const rowsT = (pieces.length === 1 ? pieces[0]! : tf.concat(pieces, 1)) as tf.Tensor2D;
  if (pieces.length > 1) for (const p of pieces) p.dispose();
  const rowGram = tf.tidy(() => tf.matMul(tf.transpose(rowsT), rowsT));
  const normSq = sumOfSquares(rowGram.dataSync());
  rowGram.dispose();
  return { mode: 'frames', rowsT, normSq };
}

export function disposeStyleTarget(target: StyleTarget): void {
  if (target.mode === 'gram') target.gram.dispose();
  else target.rowsT.dispose();
}

/**
 * Calls `use` with F^T (filters x conv frames) for consecutive chunks of a clip. Chunks overlap
 * by width - 1 input frames, so together they cover exactly the clip's conv frames.
 */
export function forEachFeatureChunk(
  network: ShallowNetwork,
  spectrogram: LogSpectrogram,
  chunkFrames: Frames,
  use: (featuresT: tf.Tensor2D) => void,
): void {
  const { frames, bins, data } = spectrogram;
  const width = network.shape.kernelWidth;
  const convFrames = network.outputFrames(frames);
  for (let start = 0; start < convFrames; start += chunkFrames) {
    const count = Math.min(chunkFrames, convFrames - start);
    const inFrames = count + width - 1;
    // bins x frames slice of the frames x bins clip.
    const slice = new Float32Array(bins * inFrames);
    for (let t = 0; t < inFrames; t++) {
      const row = (start + t) * bins;
      for (let c = 0; c < bins; c++) slice[c * inFrames + t] = data[row + c]!;
    }
    const input = tf.tensor2d(slice, [bins, inFrames]);
    const featuresT = network.forward(input);
    input.dispose();
    try {
      use(featuresT);
    } finally {
      featuresT.dispose();
    }
  }
}
