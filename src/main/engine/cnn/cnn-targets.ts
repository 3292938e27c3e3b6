// What the CNN transfer aims at: the content's activations at the content layer, and the style
// clips' mixed Gram matrices at the style layers, plus the style's envelopes. A style clip is
// run through the network in chunks of frames, so a long one costs the memory of one chunk.
import * as tf from '@tensorflow/tfjs-core';
import type { LogSpectrogram } from '../spectrogram';
import { energyEnvelope, frequencyEnvelope, mixEnvelopes } from './envelopes';
import { squaredNorm } from './feature-losses';
import type { CnnNetwork } from './network';

/** Frames per chunk when a style clip goes through the network. */
export const STYLE_CHUNK_FRAMES = 512;

export interface WeightedSpectrogram {
  spectrogram: LogSpectrogram;
  /** Share in the mix; shares sum to 1. */
  share: number;
}

export interface PreparedStyle {
  /** Mixed Gram matrix and its squared norm, per style layer. */
  grams: Map<string, { gram: tf.Tensor2D; normSq: number }>;
  /** Each style's energy envelope (its own length) and share: aligned per window later. */
  energy: { envelope: Float64Array; share: number }[];
  /** The mixed frequency envelope. */
  frequency: Float64Array;
}

/** [1, frames, bins, 1] tensor of a spectrogram (or a slice of its frames). */
export function spectrogramTensor(
  spec: LogSpectrogram,
  start = 0,
  frames = spec.frames,
): tf.Tensor4D {
  const data = spec.data.subarray(start * spec.bins, (start + frames) * spec.bins);
  return tf.tensor4d(data, [1, frames, spec.bins, 1]);
}

/** The style side of the objective; the caller disposes it (disposeStyle). */
export function prepareStyle(
  network: CnnNetwork,
  styles: readonly WeightedSpectrogram[],
  layers: readonly string[],
  chunkFrames = STYLE_CHUNK_FRAMES,
): PreparedStyle {
  const deepest = deepestLayer(network, layers);
  const minimum = network.minimumFrames(deepest);
  const sums = new Map<string, tf.Tensor2D>();
  for (const style of styles) {
    const perStyle = new Map<string, { sum: tf.Tensor2D; positions: number }>();
    const { frames } = style.spectrogram;
    for (let start = 0; start < frames;) {
      // A short last chunk joins its predecessor rather than fall under the network's minimum.
      let count = Math.min(chunkFrames, frames - start);
      if (frames - (start + count) < minimum) count = frames - start;
      const chunk = Math.max(count, minimum);
      tf.tidy(() => {
        const input = padFrames(spectrogramTensor(style.spectrogram, start, count), chunk);
        const { collected } = network.forward(input, { until: deepest, collect: layers });
        for (const layer of layers) {
          const a = collected.get(layer)!;
          const channels = a.shape[a.rank - 1]!;
          const f = tf.reshape(a, [-1, channels]);
          const product = tf.matMul(tf.transpose(f), f) as tf.Tensor2D;
          const previous = perStyle.get(layer);
          perStyle.set(layer, {
            sum: tf.keep(previous ? tf.add(previous.sum, product) : product) as tf.Tensor2D,
            positions: (previous?.positions ?? 0) + f.shape[0]!,
          });
          previous?.sum.dispose();
        }
      });
      start += count;
    }
    for (const [layer, { sum, positions }] of perStyle) {
      const scaled = tf.mul(sum, style.share / positions) as tf.Tensor2D;
      const previous = sums.get(layer);
      sums.set(layer, previous ? (tf.add(previous, scaled) as tf.Tensor2D) : scaled);
      if (previous) {
        previous.dispose();
        scaled.dispose();
      }
      sum.dispose();
    }
  }
  const grams = new Map<string, { gram: tf.Tensor2D; normSq: number }>();
  for (const [layer, gram] of sums)
    grams.set(layer, { gram, normSq: Math.max(squaredNorm(gram), 1e-30) });
  return {
    grams,
    energy: styles.map((s) => ({ envelope: energyEnvelope(s.spectrogram), share: s.share })),
    frequency: mixEnvelopes(
      styles.map((s) => frequencyEnvelope(s.spectrogram)),
      styles.map((s) => s.share),
    ),
  };
}

export function disposeStyle(style: PreparedStyle): void {
  for (const { gram } of style.grams.values()) gram.dispose();
}

/** The content's activations at `layer` (kept; the caller disposes them). */
export function contentFeatures(
  network: CnnNetwork,
  content: LogSpectrogram,
  layer: string,
): tf.Tensor {
  return tf.tidy(() => network.forward(spectrogramTensor(content), { until: layer }).last);
}

/** The layer of `layers` the forward pass reaches last. */
export function deepestLayer(network: CnnNetwork, layers: readonly string[]): string {
  let deepest = layers[0]!;
  for (const layer of network.layers) if (layers.includes(layer.output)) deepest = layer.output;
  return deepest;
}

/** Pads [1, frames, bins, 1] with silence (0) up to `frames` frames. */
function padFrames(input: tf.Tensor4D, frames: number): tf.Tensor4D {
  const missing = frames - input.shape[1];
  return missing > 0
    ? tf.pad(input, [
        [0, 0],
        [0, missing],
        [0, 0],
        [0, 0],
      ])
    : input;
}
