// The classifier's epochs: random loud crops of the training files with random gains, Adam on
// the softmax cross-entropy, the validation files' clip accuracy after each epoch. Shared by the
// trainer that keeps a model (train-classifier.ts) and the evaluation's distinctness check,
// which trains one network per fold and keeps none.
import * as tf from '@tensorflow/tfjs-core';
import { seededRandom } from '../dsp/random';
import { softmaxCrossEntropy } from '../engine/cnn/layers';
import type { CnnNetwork } from '../engine/cnn/network';
import type { LogSpectrogram } from '../engine/spectrogram';
import type { EpochSummary } from './checkpoint';
import { clipAccuracy } from './classify';
import { fillBatch, loudStarts, randomCrops } from './crops';
import { runEpochs } from './training-run';

/** Random level changes of the training crops, in dB. */
const GAIN_RANGE_DB: readonly [number, number] = [-12, 6];

export interface FitData {
  /** Every clip of the data set; `train` and `validation` index into it. */
  clips: readonly { spectrogram: LogSpectrogram; label: number }[];
  train: readonly number[];
  validation: readonly number[];
  classes: number;
  cropFrames: number;
}

export interface FitSettings {
  epochs: number;
  batchSize: number;
  cropsPerClip: number;
  seed: number;
}

/** Where a run stands; updated in place after every epoch (a checkpoint's state). */
export interface FitState {
  epochsDone: number;
  history: EpochSummary[];
  seconds: number;
}

export interface FitBatchProgress {
  /** Epochs completed, batches done in the current one and per epoch. */
  epoch: number;
  batch: number;
  batches: number;
  /** Running mean loss and crop accuracy over the current epoch. */
  loss: number;
  accuracy: number;
  validationAccuracy: number | null;
  remainingSeconds?: number;
}

export interface FitHooks {
  signal?: AbortSignal;
  /** The error a cancel throws (the caller names what was cancelled). */
  cancelled: () => Error;
  onProgress?: (progress: FitBatchProgress) => void;
  /** After each completed epoch (the trainer saves its checkpoint here). */
  afterEpoch?: () => Promise<void>;
}

/** Runs the epochs from `state.epochsDone` to `settings.epochs`, training `network` in place. */
export async function fitClassifier(
  network: CnnNetwork,
  optimizer: tf.Optimizer,
  data: FitData,
  settings: FitSettings,
  state: FitState,
  hooks: FitHooks,
): Promise<void> {
  const { clips, cropFrames } = data;
  const spectrograms = clips.map((c) => c.spectrogram);
  const starts = clips.map((c) => loudStarts(c.spectrogram, cropFrames));
  const batches = Math.ceil((data.train.length * settings.cropsPerClip) / settings.batchSize);
  const bins = spectrograms[0]!.bins;
  const validationClips = data.validation.map((i) => clips[i]!);

  await runEpochs({
    state,
    epochs: settings.epochs,
    batches,
    signal: hooks.signal,
    cancelled: hooks.cancelled,
    epoch: (epoch) => {
      // Each epoch's crops and gains come from its own seed: a resumed run draws what the
      // uninterrupted run would have drawn.
      const crops = randomCrops(
        data.train,
        starts,
        settings.cropsPerClip,
        GAIN_RANGE_DB,
        seededRandom(settings.seed * 100003 + epoch + 1),
      );
      let lossSum = 0;
      let correct = 0;
      let seen = 0;
      return {
        step: (b) => {
          const batch = crops.slice(b * settings.batchSize, (b + 1) * settings.batchSize);
          const x = tf.tensor4d(fillBatch(spectrograms, batch, cropFrames), [
            batch.length,
            cropFrames,
            bins,
            1,
          ]);
          const labels = batch.map((c) => clips[c.clip]!.label);
          const targets = tf.tidy(() =>
            tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), data.classes), 'float32'),
          ) as tf.Tensor2D;
          let right: tf.Tensor | undefined;
          const { value, grads } = tf.variableGrads(() => {
            const logits = network.logits(x);
            right = tf.keep(
              tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(targets, 1)), 'float32')),
            );
            return softmaxCrossEntropy(logits, targets);
          }, network.variables());
          optimizer.applyGradients(grads as Parameters<typeof optimizer.applyGradients>[0]);
          lossSum += value.dataSync()[0]! * batch.length;
          correct += right!.dataSync()[0]!;
          seen += batch.length;
          tf.dispose([x, targets, value, right!, ...Object.values(grads)]);
          return true;
        },
        // During an epoch the last finished epoch's validation accuracy; after it, its own.
        measure: () => ({
          loss: lossSum / Math.max(1, seen),
          accuracy: correct / Math.max(1, seen),
          validationAccuracy: state.history.at(-1)?.validationAccuracy ?? null,
        }),
        summary: (seconds) => ({
          epoch: epoch + 1,
          loss: lossSum / Math.max(1, seen),
          accuracy: correct / Math.max(1, seen),
          validationAccuracy:
            validationClips.length > 0
              ? clipAccuracy(network, validationClips, cropFrames).clips
              : null,
          seconds,
        }),
      };
    },
    ...(hooks.afterEpoch && { afterEpoch: hooks.afterEpoch }),
    onProgress: ({ measure, ...at }) => hooks.onProgress?.({ ...at, ...measure }),
  });
}
