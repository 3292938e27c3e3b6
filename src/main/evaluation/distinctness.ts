// Seed 000's distinctness check (tables 2 and 3, METHODS.md section 6): can a classifier trained
// on the classes tell them apart? DIR holds one folder per class (source classes, a dummy class,
// generated classes); a fresh classifier is trained with the trainer's own epochs
// (training/fit-classifier.ts) on a file-level split, never a crop of one file on both sides,
// and the held-out files give accuracy, per-class precision and recall and the confusion matrix.
// With k folds every file is held out once and the counts are summed over the folds.
import * as tf from '@tensorflow/tfjs-core';
import type { BackendChoice } from '../../shared/transfer';
import type { Seconds } from '../../shared/units';
import { ParameterError } from '../../shared/user-error';
import { initBackend } from '../engine/backend';
import type { ArchitectureName } from '../engine/cnn/architectures';
import { CnnNetwork } from '../engine/cnn/network';
import { binsOf, framesOf } from '../engine/cnn/spectrogram-settings';
import { clipAccuracy } from '../training/classify';
import { spectrogramStatistics } from '../training/spectrogram-statistics';
import { TrainingCancelled } from '../training/errors';
import { fitClassifier, type FitState } from '../training/fit-classifier';
import { loadTrainingClips, type SkippedClip } from '../training/load-clips';
import { foldsByFile, splitByFile, type Split } from '../training/split';
import { resolveTraining, type TrainingSettings } from '../training/train-classifier';
import { findTrainingData } from '../training/training-data';
import { EvaluationError } from './errors';

export interface DistinctnessRequest extends Partial<TrainingSettings> {
  /** A folder with one subfolder of WAV clips per class. */
  data: string;
  /** Cross-validation folds; 1 (the default): one split, `holdOut` of each class's files tested. */
  folds?: number;
  backend?: BackendChoice;
}

export interface ClassScore {
  name: string;
  /** Files of this class that were tested (over all folds). */
  files: number;
  /** Share of this class's tested files classified as it. */
  recall: number;
  /** Share of the files classified as this class that belong to it (null: none were). */
  precision: number | null;
}

export interface DistinctnessReport {
  data: string;
  architecture: ArchitectureName;
  folds: number;
  /** Files tested (each once) and the share classified right. */
  tested: number;
  accuracy: number;
  classes: ClassScore[];
  /** confusion[true class][predicted class], in the order of `classes`. */
  confusion: number[][];
  /** Each tested file: its class, what the fold's classifier said, and the fold. */
  files: { file: string; class: string; predicted: string; fold: number }[];
  /** Files at another rate than the analysis, resampled to it. */
  resampled: { files: number; toRate: number };
  skipped: SkippedClip[];
  settings: {
    epochs: number;
    width: number;
    learningRate: number;
    batchSize: number;
    cropSeconds: number;
    cropsPerClip: number;
    holdOut: number | null;
    seed: number;
  };
  backend: string;
  seconds: Seconds;
}

export interface DistinctnessProgress {
  phase: 'loading' | 'training' | 'testing';
  /** Folds finished (testing: the fold being tested) and planned. */
  fold: number;
  folds: number;
  /** Loading: clips read and found; training: epochs done and planned. */
  done: number;
  total: number;
  /** Training: the running mean loss and crop accuracy of the current epoch. */
  loss?: number;
  accuracy?: number;
  remainingSeconds?: Seconds;
}

/** The held-out share of a single split when none is asked for: a third, as the trainer's tests. */
export const DISTINCTNESS_HOLD_OUT = 1 / 3;

export async function evaluateDistinctness(
  request: DistinctnessRequest,
  options: { signal?: AbortSignal; onProgress?: (p: DistinctnessProgress) => void } = {},
): Promise<DistinctnessReport> {
  const started = performance.now();
  const folds = request.folds ?? 1;
  if (!(Number.isInteger(folds) && folds >= 1 && folds <= 100))
    throw new ParameterError('folds', `folds must be a whole number from 1 to 100, not ${folds}.`);
  const r = resolveTraining({
    architecture: 'verma-smith',
    ...request,
    holdOut: request.holdOut ?? DISTINCTNESS_HOLD_OUT,
    validation: 0,
  });
  const architecture = request.architecture ?? 'verma-smith';
  const progress = (p: DistinctnessProgress): void => options.onProgress?.(p);

  const data = await findTrainingData(request.data, { layout: 'folders' });
  const loaded = await loadTrainingClips(data, r.spectrogram, {
    ...(options.signal && { signal: options.signal }),
    onProgress: (done, total) => progress({ phase: 'loading', fold: 0, folds, done, total }),
  });
  const cancelled = (): Error => new TrainingCancelled('the distinctness check', 0, r.epochs);
  if (options.signal?.aborted) throw cancelled();
  const clips = loaded.clips;
  const counts = data.classes.map((_, label) => clips.filter((c) => c.label === label).length);
  data.classes.forEach((name, label) => {
    if (counts[label]! < 2)
      throw new EvaluationError(
        'TOO_FEW_FILES',
        `The class folder "${name}" has ${counts[label]} readable clip${counts[label] === 1 ? '' : 's'}: distinctness needs at least two per class, one to train on and one to test.`,
      );
  });
  const fewest = Math.min(...counts);
  if (folds > fewest)
    throw new ParameterError(
      'folds',
      `${folds} folds need at least ${folds} clips in every class, and "${data.classes[counts.indexOf(fewest)]}" has ${fewest}: use --folds ${fewest} or fewer.`,
    );
  const labels = clips.map((c) => c.label);
  const splits: Split[] =
    folds === 1
      ? [splitByFile(labels, { holdOut: r.holdOut, validation: 0, seed: r.seed })]
      : foldsByFile(labels, folds, r.seed);

  const backend = await initBackend({ backend: request.backend ?? 'auto' });
  const cropFrames = framesOf(r.spectrogram, r.cropSeconds);
  const classes = data.classes.length;
  const confusion = data.classes.map(() => new Array<number>(classes).fill(0));
  const files: DistinctnessReport['files'] = [];
  for (const [fold, split] of splits.entries()) {
    const input = spectrogramStatistics(split.train.map((i) => clips[i]!.spectrogram));
    const network = CnnNetwork.initialise(
      {
        architecture,
        width: r.width,
        bins: binsOf(r.spectrogram),
        classes,
        inputMean: input.mean,
        inputStd: input.std,
      },
      r.seed + fold,
    );
    const optimizer = tf.train.adam(r.learningRate);
    try {
      const state: FitState = { epochsDone: 0, history: [], seconds: 0 };
      await fitClassifier(
        network,
        optimizer,
        { clips, train: split.train, validation: [], classes, cropFrames },
        { ...r, seed: r.seed + fold },
        state,
        {
          ...(options.signal && { signal: options.signal }),
          cancelled,
          onProgress: (p) => {
            // Time left over every fold: this fold's batches left, then whole folds at its pace.
            const left =
              p.remainingSeconds === undefined
                ? undefined
                : p.remainingSeconds +
                  (folds - fold - 1) *
                    (p.remainingSeconds / Math.max(1e-9, 1 - progressOf(p, r.epochs)));
            progress({
              phase: 'training',
              fold,
              folds,
              done: p.epoch,
              total: r.epochs,
              loss: p.loss,
              accuracy: p.accuracy,
              ...(left !== undefined && { remainingSeconds: left }),
            });
          },
        },
      );
      progress({ phase: 'testing', fold, folds, done: 0, total: split.heldOut.length });
      const tested = split.heldOut.map((i) => clips[i]!);
      const { predictions } = clipAccuracy(network, tested, cropFrames);
      tested.forEach((clip, n) => {
        const predicted = predictions[n]!;
        confusion[clip.label]![predicted]!++;
        files.push({
          file: clip.path,
          class: clip.className,
          predicted: data.classes[predicted]!,
          fold,
        });
      });
    } finally {
      optimizer.dispose();
      network.dispose();
    }
  }

  const scores = scoresOf(data.classes, confusion);
  const right = confusion.reduce((sum, row, k) => sum + row[k]!, 0);
  return {
    data: data.root,
    architecture,
    folds,
    tested: files.length,
    accuracy: right / Math.max(1, files.length),
    classes: scores,
    confusion,
    files,
    resampled: {
      files: clips.filter((c) => c.sampleRate !== r.spectrogram.sampleRate).length,
      toRate: r.spectrogram.sampleRate,
    },
    skipped: loaded.skipped,
    settings: {
      epochs: r.epochs,
      width: r.width,
      learningRate: r.learningRate,
      batchSize: r.batchSize,
      cropSeconds: r.cropSeconds,
      cropsPerClip: r.cropsPerClip,
      holdOut: folds === 1 ? r.holdOut : null,
      seed: r.seed,
    },
    backend: backend.backend,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The share of one fold's training done, from a batch's progress. */
function progressOf(p: { epoch: number; batch: number; batches: number }, epochs: number): number {
  return Math.min(1, (p.epoch * p.batches + p.batch) / Math.max(1, epochs * p.batches));
}

/** Recall and precision of each class from a confusion matrix [true][predicted]. */
export function scoresOf(classes: readonly string[], confusion: readonly number[][]): ClassScore[] {
  return classes.map((name, k) => {
    const files = confusion[k]!.reduce((a, b) => a + b, 0);
    const predictedAs = confusion.reduce((sum, row) => sum + row[k]!, 0);
    const right = confusion[k]![k]!;
    return {
      name,
      files,
      recall: files > 0 ? right / files : 0,
      precision: predictedAs > 0 ? right / predictedAs : null,
    };
  });
}
