// Trains an instrument classifier (audio-VGG or Verma & Smith) on the user's labelled clips and
// puts it in the model cache: clips -> spectrograms -> split by file -> epochs of random loud
// crops with Adam -> held-out accuracy -> model. A checkpoint after every epoch lets a cancelled
// (or crashed) run resume where it stopped.
import * as tf from '@tensorflow/tfjs-core';
import type { BackendChoice } from '../../shared/transfer';
import type { Seconds } from '../../shared/units';
import { ParameterError } from '../../shared/user-error';
import { initBackend } from '../engine/backend';
import { poolCount, type ArchitectureName, ARCHITECTURES } from '../engine/cnn/architectures';
import { CnnNetwork, type NetworkConfig } from '../engine/cnn/network';
import {
  binsOf,
  framesOf,
  SPECTROGRAM_PRESETS,
  type SpectrogramSettings,
} from '../engine/cnn/spectrogram-settings';
import { resolveFraming } from '../dsp';
import type { ClassifierManifest } from '../models/manifest';
import { ModelCache, checkModelName } from '../models/model-cache';
import { packageVersion } from '../app/version';
import {
  removeCheckpoint,
  saveCheckpoint,
  type EpochSummary,
  type TrainingFingerprint,
} from './checkpoint';
import { clipAccuracy } from './classify';
import { spectrogramStatistics } from './spectrogram-statistics';
import { fitClassifier } from './fit-classifier';
import { TrainingCancelled } from './errors';
import { loadTrainingClips, type SkippedClip } from './load-clips';
import { splitByFile } from './split';
import { findTrainingData, type DataLayout } from './training-data';
import { elapsed, refuseExistingModel, resumableCheckpoint, startingState } from './training-run';

export interface TrainRequest {
  /** A folder with one subfolder per class, or NSynth's layout. */
  data: string;
  layout?: DataLayout;
  /** Only these classes (default: every class found). */
  classes?: string[];
  architecture: ArchitectureName;
  /** The model's name in the cache. */
  name: string;
  /** The user's model cache (and read-only shipped folders, whose names may be hidden). */
  modelsDir: string;
  epochs?: number;
  learningRate?: number;
  batchSize?: number;
  /** Channel multiplier (default DEFAULT_WIDTH of the architecture). */
  width?: number;
  /** Length of the crops the network trains on. */
  cropSeconds?: Seconds;
  /** Random crops drawn from each training clip per epoch. */
  cropsPerClip?: number;
  /** Share of each class's files kept aside for the final accuracy. */
  holdOut?: number;
  /** Share of each class's files used to watch training epoch by epoch. */
  validation?: number;
  seed?: number;
  /** STFT overrides (default: the architecture's preset). */
  spectrogram?: Partial<SpectrogramSettings>;
  /** 'auto' (default) continues a matching checkpoint; 'resume' insists; 'restart' discards it. */
  resume?: 'auto' | 'resume' | 'restart';
  /** Replace an existing model of the same name. */
  replace?: boolean;
  backend?: BackendChoice;
}

export type TrainPhase = 'loading' | 'training' | 'evaluating' | 'saving';

export interface TrainProgress {
  phase: TrainPhase;
  /** Epochs completed (training) or clips read (loading), and planned. */
  epoch: number;
  epochs: number;
  /** Batches done in the current epoch (0 right after an epoch ends), and per epoch. */
  batch: number;
  batches: number;
  /** Running mean loss and crop accuracy over the current epoch. */
  loss?: number;
  accuracy?: number;
  /** Validation clip accuracy after the last completed epoch. */
  validationAccuracy?: number | null;
  elapsedSeconds: Seconds;
  remainingSeconds?: Seconds;
}

export interface TrainResult {
  model: string;
  manifest: ClassifierManifest;
  /** Clips that could not be read (skipped, not fatal). */
  skipped: SkippedClip[];
  history: EpochSummary[];
  /** Epochs taken from a checkpoint (0: a fresh run). */
  resumedFrom: number;
  backend: string;
}

export interface TrainOptions {
  signal?: AbortSignal;
  onProgress?: (progress: TrainProgress) => void;
}

/**
 * Channel multipliers, chosen by measurement on the corpus (flute vs keyboard, a third of the
 * files held out, 8 epochs at 2e-3, wasm on 2 shared cores; seconds per epoch of 32 crops):
 *   verma-smith  1/16: 2 of 3 seeds classify every held-out clip, 1.2 s; 1/8: 3 of 3, 4.9 s;
 *                1/4: 1 of 3 (over-fits), 11.4 s.
 *   audio-vgg    1/16: 2 of 2 seeds, crops 89 %, 3.5 s; 1/8: 2 of 2, crops 94 %, 6.3 s;
 *                1/4: 0 of 2 (over-fits), 15.2 s.
 * Wider networks over-fit a user's tens of clips and cost more; the full widths (1) are 64x the
 * work of 1/8 and do not fit a CPU's training budget.
 */
export const DEFAULT_WIDTH: Readonly<Record<ArchitectureName, number>> = {
  'audio-vgg': 1 / 8,
  'verma-smith': 1 / 8,
};

/**
 * Seed 000 trained 5 epochs at 1e-4 on 14,000 clips; users bring tens of clips, so more passes
 * at a larger step: on the corpus (flute vs keyboard, 4 training files per class, Verma & Smith
 * at width 1/8) 8 epochs at 2e-3 classified every held-out clip right for 5 of 5 seeds.
 */
export const TRAINING_DEFAULTS = {
  epochs: 10,
  learningRate: 2e-3,
  batchSize: 8,
  cropSeconds: 1,
  cropsPerClip: 4,
  holdOut: 0.2,
  validation: 0.1,
  seed: 0,
} as const;

export interface ResolvedTraining {
  epochs: number;
  learningRate: number;
  batchSize: number;
  width: number;
  cropSeconds: number;
  cropsPerClip: number;
  holdOut: number;
  validation: number;
  seed: number;
  spectrogram: SpectrogramSettings;
}

/** The settings a classifier trains with (what TrainRequest leaves out, its defaults), checked. */
export type TrainingSettings = Pick<
  TrainRequest,
  | 'architecture'
  | 'epochs'
  | 'learningRate'
  | 'batchSize'
  | 'width'
  | 'cropSeconds'
  | 'cropsPerClip'
  | 'holdOut'
  | 'validation'
  | 'seed'
  | 'spectrogram'
>;

/** Fills in the defaults and checks every setting; a bad one is a ParameterError naming it. */
export function resolveTraining(request: TrainingSettings): ResolvedTraining {
  const check = (ok: boolean, parameter: string, message: string): void => {
    if (!ok) throw new ParameterError(parameter, message);
  };
  check(
    ARCHITECTURES.includes(request.architecture),
    'architecture',
    `Unknown architecture "${String(request.architecture)}": use ${ARCHITECTURES.join(' or ')}.`,
  );
  const d = TRAINING_DEFAULTS;
  const r: ResolvedTraining = {
    epochs: request.epochs ?? d.epochs,
    learningRate: request.learningRate ?? d.learningRate,
    batchSize: request.batchSize ?? d.batchSize,
    width: request.width ?? DEFAULT_WIDTH[request.architecture],
    cropSeconds: request.cropSeconds ?? d.cropSeconds,
    cropsPerClip: request.cropsPerClip ?? d.cropsPerClip,
    holdOut: request.holdOut ?? d.holdOut,
    validation: request.validation ?? d.validation,
    seed: request.seed ?? d.seed,
    spectrogram: { ...SPECTROGRAM_PRESETS[request.architecture], ...request.spectrogram },
  };
  const int = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;
  check(
    int(r.epochs, 0, 10000),
    'epochs',
    `epochs must be a whole number from 0 to 10000, not ${r.epochs}.`,
  );
  check(
    Number.isFinite(r.learningRate) && r.learningRate > 0 && r.learningRate <= 1,
    'learningRate',
    `The learning rate must be above 0 and at most 1, not ${r.learningRate}.`,
  );
  check(
    int(r.batchSize, 1, 512),
    'batchSize',
    `The batch size must be a whole number from 1 to 512, not ${r.batchSize}.`,
  );
  check(
    Number.isFinite(r.width) && r.width >= 1 / 64 && r.width <= 1,
    'width',
    `The width multiplier must be from 1/64 to 1, not ${r.width}.`,
  );
  check(
    Number.isFinite(r.cropSeconds) && r.cropSeconds >= 0.1 && r.cropSeconds <= 60,
    'cropSeconds',
    `The crop length must be from 0.1 to 60 seconds, not ${r.cropSeconds}.`,
  );
  check(
    int(r.cropsPerClip, 1, 256),
    'cropsPerClip',
    `Crops per clip must be a whole number from 1 to 256, not ${r.cropsPerClip}.`,
  );
  check(
    r.holdOut >= 0 && r.holdOut <= 0.9,
    'holdOut',
    `The held-out share must be from 0 to 0.9, not ${r.holdOut}.`,
  );
  check(
    r.validation >= 0 && r.validation <= 0.9 && r.holdOut + r.validation <= 0.9,
    'validation',
    `The validation share must be from 0 to 0.9 (and with the held-out share at most 0.9), not ${r.validation}.`,
  );
  check(Number.isSafeInteger(r.seed), 'seed', `The seed must be a whole number, not ${r.seed}.`);
  const s = r.spectrogram;
  check(
    int(s.sampleRate, 8000, 192000),
    'sampleRate',
    `The analysis rate must be a whole number of Hz from 8000 to 192000, not ${s.sampleRate}.`,
  );
  // The STFT's own checks (power-of-two FFT, window and hop that overlap-add).
  resolveFraming({ nFft: s.nFft, hop: s.hop, winLength: s.winLength });
  const pools = poolCount(request.architecture);
  check(
    binsOf(s) >= 2 ** pools,
    'nFft',
    `${request.architecture} pools the frequency axis ${pools} times: n_fft must be at least ${2 ** (pools + 1)}.`,
  );
  const cropFrames = framesOf(s, r.cropSeconds);
  check(
    cropFrames >= 2 ** pools,
    'cropSeconds',
    `A ${r.cropSeconds} s crop is ${cropFrames} frames, and ${request.architecture} needs at least ${2 ** pools}: use --crop-seconds ${Math.ceil(((2 ** pools * s.hop) / s.sampleRate) * 10) / 10} or more.`,
  );
  return r;
}

export async function trainClassifier(
  request: TrainRequest,
  options: TrainOptions = {},
): Promise<TrainResult> {
  const started = performance.now();
  const { signal, onProgress } = options;
  const r = resolveTraining(request);
  checkModelName(request.name);
  const cache = new ModelCache({ dir: request.modelsDir });
  await refuseExistingModel(cache, request);
  const progress = (p: Omit<TrainProgress, 'elapsedSeconds'>) =>
    onProgress?.({ ...p, elapsedSeconds: elapsed(started) });

  // Data: found, read, split by file. Unreadable clips are listed and skipped.
  const data = await findTrainingData(request.data, {
    layout: request.layout ?? 'auto',
    ...(request.classes && { classes: request.classes }),
  });
  progress({ phase: 'loading', epoch: 0, epochs: data.clips.length, batch: 0, batches: 0 });
  const loaded = await loadTrainingClips(data, r.spectrogram, {
    ...(signal && { signal }),
    onProgress: (done, total) =>
      progress({ phase: 'loading', epoch: done, epochs: total, batch: 0, batches: 0 }),
  });
  if (signal?.aborted) throw new TrainingCancelled(request.name, 0, r.epochs);
  const clips = loaded.clips;
  const split = splitByFile(
    clips.map((c) => c.label),
    { holdOut: r.holdOut, validation: r.validation, seed: r.seed },
  );
  const cropFrames = framesOf(r.spectrogram, r.cropSeconds);
  const fingerprint: TrainingFingerprint = {
    dataHash: loaded.hash,
    classes: data.classes,
    architecture: request.architecture,
    width: r.width,
    spectrogram: r.spectrogram,
    cropFrames,
    cropsPerClip: r.cropsPerClip,
    batchSize: r.batchSize,
    learningRate: r.learningRate,
    holdOut: r.holdOut,
    validation: r.validation,
    seed: r.seed,
  };

  // A checkpoint of the same training continues; one of another training is never mixed in.
  const resumable = await resumableCheckpoint<TrainingFingerprint, EpochSummary>(
    cache,
    request,
    fingerprint,
    'data and settings',
  );
  const checkpointFolder = resumable.folder;
  let checkpoint = resumable.checkpoint;

  const backend = await initBackend({ backend: request.backend ?? 'auto' });
  const trainClips = split.train.map((i) => clips[i]!);
  const input =
    checkpoint?.state.input ?? spectrogramStatistics(trainClips.map((c) => c.spectrogram));
  const config: NetworkConfig = {
    architecture: request.architecture,
    width: r.width,
    bins: binsOf(r.spectrogram),
    classes: data.classes.length,
    inputMean: input.mean,
    inputStd: input.std,
  };
  const network = checkpoint
    ? new CnnNetwork(config, checkpoint.weights)
    : CnnNetwork.initialise(config, r.seed);
  const optimizer = tf.train.adam(r.learningRate);
  try {
    if (checkpoint) await optimizer.setWeights(checkpoint.optimizer);
    const state = startingState(checkpoint, fingerprint, input);
    const resumedFrom = state.epochsDone;
    if (checkpoint) disposeCheckpoint(checkpoint);
    checkpoint = undefined;

    await fitClassifier(
      network,
      optimizer,
      {
        clips,
        train: split.train,
        validation: split.validation,
        classes: data.classes.length,
        cropFrames,
      },
      r,
      state,
      {
        ...(signal && { signal }),
        cancelled: () => new TrainingCancelled(request.name, state.epochsDone, r.epochs),
        onProgress: (p) => progress({ phase: 'training', epochs: r.epochs, ...p }),
        afterEpoch: async () => {
          const optimizerState = await optimizer.getWeights();
          await saveCheckpoint(checkpointFolder, state, network.namedWeights(), optimizerState);
          // The step count is a fresh scalar; the moments are Adam's own variables.
          optimizerState[0]?.tensor.dispose();
        },
      },
    );

    // The held-out files, never seen in training, give the accuracy the manifest reports.
    progress({ phase: 'evaluating', epoch: r.epochs, epochs: r.epochs, batch: 0, batches: 0 });
    const heldOutClips = split.heldOut.map((i) => clips[i]!);
    const heldOut =
      heldOutClips.length > 0 ? clipAccuracy(network, heldOutClips, cropFrames) : undefined;
    progress({ phase: 'saving', epoch: r.epochs, epochs: r.epochs, batch: 0, batches: 0 });
    const manifest = (await cache.save(
      {
        name: request.name,
        kind: 'classifier',
        architecture: request.architecture,
        width: r.width,
        classes: data.classes,
        spectrogram: r.spectrogram,
        cropFrames,
        input,
        accuracy: {
          heldOut: heldOut?.clips ?? null,
          heldOutCrops: heldOut?.crops ?? null,
          heldOutClips: heldOutClips.length,
          validation: state.history.at(-1)?.validationAccuracy ?? null,
        },
        trainingData: {
          hash: loaded.hash,
          clips: clips.length,
          skipped: loaded.skipped.length,
          layout: data.layout,
          folder: data.root,
        },
        training: {
          epochs: state.epochsDone,
          learningRate: r.learningRate,
          batchSize: r.batchSize,
          seed: r.seed,
          cropsPerClip: r.cropsPerClip,
          seconds: state.seconds,
          backend: backend.backend,
        },
        createdAt: new Date().toISOString(),
        versions: { timbrefold: packageVersion(), tfjs: tf.version_core },
      },
      network.namedWeights(),
      { replace: request.replace ?? false },
    )) as ClassifierManifest;
    await removeCheckpoint(checkpointFolder);
    return {
      model: request.name,
      manifest,
      skipped: loaded.skipped,
      history: state.history,
      resumedFrom,
      backend: backend.backend,
    };
  } finally {
    if (checkpoint) disposeCheckpoint(checkpoint);
    optimizer.dispose();
    network.dispose();
  }
}

function disposeCheckpoint(checkpoint: {
  weights: tf.NamedTensorMap;
  optimizer: { tensor: tf.Tensor }[];
}): void {
  tf.dispose([...Object.values(checkpoint.weights), ...checkpoint.optimizer.map((o) => o.tensor)]);
}
