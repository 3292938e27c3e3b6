// A trained classifier applied to whole clips: fixed-length crops spread over the part of the
// clip that sounds, each classified, their class probabilities averaged. Training's held-out
// accuracy is measured exactly this way, so it predicts what `classify` will do.
import * as tf from '@tensorflow/tfjs-core';
import type { CnnNetwork } from '../engine/cnn/network';
import { logSoftmax } from '../engine/cnn/layers';
import type { LogSpectrogram } from '../engine/spectrogram';
import { evenStarts, fillBatch, loudStarts, type Crop } from './crops';

/** Crops per clip when classifying: two per crop length, up to this many. */
export const MAX_CLASSIFY_CROPS = 16;

/** Starts of the crops that stand for a clip: about two per crop length, where it sounds. */
export function clipCropStarts(
  spectrogram: LogSpectrogram,
  cropFrames: number,
  maxCrops = MAX_CLASSIFY_CROPS,
): number[] {
  const wanted = Math.max(1, Math.min(maxCrops, Math.ceil((2 * spectrogram.frames) / cropFrames)));
  return evenStarts(loudStarts(spectrogram, cropFrames), wanted);
}

/** Softmax probabilities of each crop, [crops][classes]. */
export function cropProbabilities(
  network: CnnNetwork,
  spectrograms: readonly LogSpectrogram[],
  crops: readonly Crop[],
  cropFrames: number,
  batchSize = 8,
): Float32Array[] {
  const bins = spectrograms[0]!.bins;
  const out: Float32Array[] = [];
  for (let i = 0; i < crops.length; i += batchSize) {
    const batch = crops.slice(i, i + batchSize);
    const data = fillBatch(spectrograms, batch, cropFrames);
    const probabilities = tf.tidy(() =>
      tf.exp(logSoftmax(network.logits(tf.tensor4d(data, [batch.length, cropFrames, bins, 1])))),
    );
    const values = probabilities.dataSync() as Float32Array;
    probabilities.dispose();
    const classes = values.length / batch.length;
    for (let n = 0; n < batch.length; n++) out.push(values.slice(n * classes, (n + 1) * classes));
  }
  return out;
}

/** A clip's class probabilities: the mean over its crops. */
export function clipProbabilities(
  network: CnnNetwork,
  spectrogram: LogSpectrogram,
  cropFrames: number,
  maxCrops = MAX_CLASSIFY_CROPS,
): Float64Array {
  const crops = clipCropStarts(spectrogram, cropFrames, maxCrops).map((start) => ({
    clip: 0,
    start,
    gainDb: 0,
  }));
  const perCrop = cropProbabilities(network, [spectrogram], crops, cropFrames);
  const mean = new Float64Array(perCrop[0]!.length);
  for (const p of perCrop) p.forEach((v, k) => (mean[k]! += v / perCrop.length));
  return mean;
}

export function argMax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

export interface ClipAccuracy {
  /** Share of clips whose averaged probabilities pick the right class. */
  clips: number;
  /** Share of single crops classified right. */
  crops: number;
  /** The predicted class of each clip. */
  predictions: number[];
}

/** Accuracy over labelled clips, measured as `classify` works. */
export function clipAccuracy(
  network: CnnNetwork,
  clips: readonly { spectrogram: LogSpectrogram; label: number }[],
  cropFrames: number,
  maxCrops = 8,
): ClipAccuracy {
  let rightClips = 0;
  let rightCrops = 0;
  let crops = 0;
  const predictions: number[] = [];
  for (const clip of clips) {
    const starts = clipCropStarts(clip.spectrogram, cropFrames, maxCrops);
    const perCrop = cropProbabilities(
      network,
      [clip.spectrogram],
      starts.map((start) => ({ clip: 0, start, gainDb: 0 })),
      cropFrames,
    );
    const mean = new Float64Array(perCrop[0]!.length);
    for (const p of perCrop) {
      p.forEach((v, k) => (mean[k]! += v / perCrop.length));
      if (argMax(p) === clip.label) rightCrops++;
      crops++;
    }
    const predicted = argMax(mean);
    predictions.push(predicted);
    if (predicted === clip.label) rightClips++;
  }
  return {
    clips: clips.length > 0 ? rightClips / clips.length : 0,
    crops: crops > 0 ? rightCrops / crops : 0,
    predictions,
  };
}
