// Trains a CycleGAN between two sound classes (METHODS.md section 5, after Zhu et al.) and puts
// it in the model cache: two class folders -> spectrograms at the model's analysis -> epochs of
// random loud crops, each step one Adam update of both generators (adversarial, cycle and
// identity terms) and one of both discriminators -> held-out terms -> model of kind 'cyclegan'
// holding both generators and the loss history. A checkpoint after every epoch lets a cancelled
// (or crashed, or diverged) run resume from its last finished epoch.
import * as tf from '@tensorflow/tfjs-core';
import type { BackendChoice } from '../../shared/transfer';
import type { Seconds } from '../../shared/units';
import { ParameterError } from '../../shared/user-error';
import { packageVersion } from '../app/version';
import { seededRandom } from '../dsp/random';
import { initBackend } from '../engine/backend';
import {
  SPECTROGRAM_PRESETS,
  binsOf,
  framesOf,
  type SpectrogramSettings,
} from '../engine/cnn/spectrogram-settings';
import {
  discriminatorStep,
  generatorStep,
  type CycleGanNetworks,
} from '../engine/cyclegan/cyclegan-step';
import {
  PatchDiscriminator,
  patchSize,
  type DiscriminatorConfig,
} from '../engine/cyclegan/patch-discriminator';
import { GeneratorNetwork, type GeneratorConfig } from '../engine/generator/generator-network';
import type { CycleGanManifest, CycleGanTerms } from '../models/manifest';
import { ModelCache, checkModelName } from '../models/model-cache';
import { removeCheckpoint, saveCheckpoint, type NamedTensor } from './checkpoint';
import { fillBatch, loudStarts, randomCrops, type Crop } from './crops';
import {
  CYCLEGAN_ANALYSIS_NAME,
  CYCLEGAN_TERM_LABELS,
  cycleGanSettings,
  type CycleGanTrainingSettings,
} from './cyclegan-parameters';
import { loadTwoClasses, type SkippedClip } from './cyclegan-data';
import { TrainingCancelled, TrainingDivergedError } from './errors';
import { spectrogramStatistics } from './spectrogram-statistics';
import { holdOutByFile } from './split';
import {
  elapsed,
  refuseExistingModel,
  resumableCheckpoint,
  runEpochs,
  startingState,
} from './training-run';

/** The analysis both generators read and write: Verma & Smith's (16 kHz, 10 ms hop, 257 bins). */
export const CYCLEGAN_ANALYSIS: SpectrogramSettings = SPECTROGRAM_PRESETS[CYCLEGAN_ANALYSIS_NAME];

/** Kernel lengths of the generators (as the fast method's) and the discriminators' depth. */
export const CYCLEGAN_FIXED_SHAPE = { kernel: 3, outerKernel: 9, discriminatorBlocks: 4 };

export interface TrainCycleGanRequest extends Partial<CycleGanTrainingSettings> {
  /** A folder with exactly two class subfolders, or the two class folders. */
  data: string | [string, string];
  /** The model's name in the cache. */
  name: string;
  modelsDir: string;
  resume?: 'auto' | 'resume' | 'restart';
  replace?: boolean;
  backend?: BackendChoice;
}

export interface TrainCycleGanProgress {
  phase: 'loading' | 'training' | 'evaluating' | 'saving';
  /** Epochs completed (training) or clips read (loading), and planned. */
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  /** Running means of every loss term over the current epoch. */
  terms?: CycleGanTerms;
  elapsedSeconds: Seconds;
  remainingSeconds?: Seconds;
}

export type CycleGanEpochSummary = CycleGanManifest['history'][number];

export interface TrainCycleGanResult {
  model: string;
  manifest: CycleGanManifest;
  skipped: SkippedClip[];
  history: CycleGanEpochSummary[];
  resumedFrom: number;
  backend: string;
}

interface CycleGanFingerprint {
  dataHash: string;
  classes: [string, string];
  generator: Omit<GeneratorConfig, 'inputMean' | 'inputStd'>;
  discriminator: Omit<DiscriminatorConfig, 'inputMean' | 'inputStd'>;
  settings: Omit<CycleGanTrainingSettings, 'epochs'>;
  cropFrames: number;
}

const NETWORKS = ['G', 'F', 'DX', 'DY'] as const;
const TERMS = Object.keys(CYCLEGAN_TERM_LABELS) as (keyof CycleGanTerms)[];

const zeroTerms = (): CycleGanTerms =>
  Object.fromEntries(TERMS.map((t) => [t, 0])) as unknown as CycleGanTerms;

/** Every network's weights in one map, each under its network's prefix (G/, F/, DX/, DY/). */
function allWeights(
  nets: CycleGanNetworks,
  which: readonly (typeof NETWORKS)[number][] = NETWORKS,
): tf.NamedTensorMap {
  const byName = { G: nets.g, F: nets.f, DX: nets.dX, DY: nets.dY };
  const out: tf.NamedTensorMap = {};
  for (const key of which)
    for (const [name, t] of Object.entries(byName[key].namedWeights())) out[`${key}/${name}`] = t;
  return out;
}

/** The weights of one network from a prefixed map. */
export function weightsUnder(weights: tf.NamedTensorMap, prefix: string): tf.NamedTensorMap {
  return Object.fromEntries(
    Object.entries(weights)
      .filter(([name]) => name.startsWith(`${prefix}/`))
      .map(([name, t]) => [name.slice(prefix.length + 1), t]),
  );
}

/** Two optimisers' states as one list, each name under its optimiser's prefix. */
const tagged = (prefix: string, list: NamedTensor[]): NamedTensor[] =>
  list.map(({ name, tensor }) => ({ name: `${prefix}:${name}`, tensor }));
const untagged = (prefix: string, list: NamedTensor[]): NamedTensor[] =>
  list
    .filter(({ name }) => name.startsWith(`${prefix}:`))
    .map(({ name, tensor }) => ({ name: name.slice(prefix.length + 1), tensor }));

export async function trainCycleGan(
  request: TrainCycleGanRequest,
  options: {
    signal?: AbortSignal;
    onProgress?: (progress: TrainCycleGanProgress) => void;
  } = {},
): Promise<TrainCycleGanResult> {
  const started = performance.now();
  const { signal, onProgress } = options;
  checkModelName(request.name);
  const settings = cycleGanSettings(request as unknown as Record<string, unknown>);
  const { epochs, batchSize, cropsPerClip, holdOut, seed, learningRate } = settings;
  const progress = (p: Omit<TrainCycleGanProgress, 'elapsedSeconds'>) =>
    onProgress?.({ ...p, elapsedSeconds: elapsed(started) });
  const analysis = CYCLEGAN_ANALYSIS;
  const blocks = CYCLEGAN_FIXED_SHAPE.discriminatorBlocks;
  const patch = patchSize({ blocks });
  const cropFrames = framesOf(analysis, settings.cropSeconds);
  if (cropFrames < patch)
    throw new ParameterError(
      'cropSeconds',
      `A crop of ${settings.cropSeconds} s (${cropFrames} frames) is shorter than one discriminator patch (${patch} frames, ${((patch * analysis.hop) / analysis.sampleRate).toFixed(2)} s): use longer crops.`,
    );

  const cache = new ModelCache({ dir: request.modelsDir });
  await refuseExistingModel(cache, request);
  const data = await loadTwoClasses(
    request.data,
    analysis,
    patch,
    (patch * analysis.hop) / analysis.sampleRate,
    {
      ...(signal && { signal }),
      onProgress: (done, total) =>
        progress({ phase: 'loading', epoch: done, epochs: total, batch: 0, batches: 0 }),
    },
  );
  if (signal?.aborted) throw new TrainingCancelled(request.name, 0, epochs);
  const backend = await initBackend({ backend: request.backend ?? 'auto' });

  // Held-out clips per class, never trained on.
  const random = seededRandom(seed);
  const split = data.clips.map((clips) => holdOutByFile(clips.length, holdOut, random));
  const spectrograms = data.clips.map((clips) => clips.map((c) => c.spectrogram));
  const trainStats = spectrogramStatistics(
    split.flatMap((s, c) => s.train.map((i) => spectrograms[c]![i]!)),
  );
  const bins = binsOf(analysis);
  const fingerprint: CycleGanFingerprint = {
    dataHash: data.hash,
    classes: data.names,
    generator: {
      bins,
      channels: settings.channels,
      residualBlocks: settings.residualBlocks,
      kernel: CYCLEGAN_FIXED_SHAPE.kernel,
      outerKernel: CYCLEGAN_FIXED_SHAPE.outerKernel,
    },
    discriminator: { channels: settings.discriminatorChannels, blocks },
    settings: (({ epochs: _e, ...rest }) => rest)(settings),
    cropFrames,
  };

  const { folder: checkpointFolder, checkpoint } = await resumableCheckpoint<
    CycleGanFingerprint,
    CycleGanEpochSummary
  >(cache, request, fingerprint, 'data and settings');
  const input = checkpoint?.state.input ?? trainStats;
  const generatorConfig: GeneratorConfig = {
    ...fingerprint.generator,
    inputMean: input.mean,
    inputStd: input.std,
  };
  const discriminatorConfig: DiscriminatorConfig = {
    ...fingerprint.discriminator,
    inputMean: input.mean,
    inputStd: input.std,
  };
  const made: Partial<CycleGanNetworks> = {};
  let generatorOptimizer: tf.AdamOptimizer | undefined;
  let discriminatorOptimizer: tf.AdamOptimizer | undefined;
  try {
    if (checkpoint) {
      const w = checkpoint.weights;
      made.g = new GeneratorNetwork(generatorConfig, weightsUnder(w, 'G'));
      made.f = new GeneratorNetwork(generatorConfig, weightsUnder(w, 'F'));
      made.dX = new PatchDiscriminator(discriminatorConfig, weightsUnder(w, 'DX'));
      made.dY = new PatchDiscriminator(discriminatorConfig, weightsUnder(w, 'DY'));
      tf.dispose(Object.values(w));
    } else {
      made.g = GeneratorNetwork.initialise(generatorConfig, seed * 4 + 1);
      made.f = GeneratorNetwork.initialise(generatorConfig, seed * 4 + 2);
      made.dX = PatchDiscriminator.initialise(discriminatorConfig, seed * 4 + 3);
      made.dY = PatchDiscriminator.initialise(discriminatorConfig, seed * 4 + 4);
    }
    const nets = made as CycleGanNetworks;
    // Adam with the paper's beta1 of 0.5 (GANs train more steadily with less momentum).
    // Consts for the epochs' closures; the lets are for the finally below.
    const adamG = (generatorOptimizer = tf.train.adam(learningRate, 0.5, 0.999));
    const adamD = (discriminatorOptimizer = tf.train.adam(learningRate, 0.5, 0.999));
    if (checkpoint) {
      await generatorOptimizer.setWeights(untagged('generators', checkpoint.optimizer));
      await discriminatorOptimizer.setWeights(untagged('discriminators', checkpoint.optimizer));
    }
    const state = startingState(checkpoint, fingerprint, input);
    const resumedFrom = state.epochsDone;

    const starts = spectrograms.map((list) => list.map((s) => loudStarts(s, cropFrames)));
    const batchOf = (c: 0 | 1, crops: readonly Crop[]) =>
      tf.tensor4d(fillBatch(spectrograms[c]!, crops, cropFrames), [
        crops.length,
        cropFrames,
        bins,
        1,
      ]);
    const weights = { cycle: settings.cycleWeight, identity: settings.identityWeight };
    const steps = Math.max(
      1,
      Math.ceil(
        (Math.max(split[0]!.train.length, split[1]!.train.length) * cropsPerClip) / batchSize,
      ),
    );
    await runEpochs({
      state,
      epochs,
      batches: steps,
      signal,
      cancelled: () => new TrainingCancelled(request.name, state.epochsDone, epochs),
      epoch: (epoch) => {
        // Each epoch's crops come from its own seed: a resumed run draws what the whole run would.
        const cropsOf = (c: 0 | 1) => {
          const crops = randomCrops(
            split[c]!.train,
            starts[c]!,
            cropsPerClip,
            [0, 0],
            seededRandom(seed * 100003 + epoch * 2 + c + 1),
          );
          // The smaller class is repeated so that every step has a batch of each.
          return Array.from({ length: steps * batchSize }, (_, i) => crops[i % crops.length]!);
        };
        const crops = [cropsOf(0), cropsOf(1)] as const;
        const sums = zeroTerms();
        return {
          step: (b) => {
            const x = batchOf(0, crops[0].slice(b * batchSize, (b + 1) * batchSize));
            const y = batchOf(1, crops[1].slice(b * batchSize, (b + 1) * batchSize));
            try {
              const gen = generatorStep(nets, x, y, weights);
              const disc = discriminatorStep(nets, x, y);
              const terms: CycleGanTerms = {
                adversarialG: gen.values.adversarialG,
                adversarialF: gen.values.adversarialF,
                cycle: gen.values.cycle,
                identity: gen.values.identity,
                discriminatorX: disc.values.dX,
                discriminatorY: disc.values.dY,
              };
              const bad = TERMS.filter((t) => !Number.isFinite(terms[t]));
              if (bad.length > 0) {
                tf.dispose([...Object.values(gen.grads!), ...Object.values(disc.grads!)]);
                throw new TrainingDivergedError(
                  request.name,
                  state.epochsDone,
                  `Training of ${request.name} diverged in epoch ${epoch + 1} (${bad.map((t) => `${t} ${terms[t]}`).join(', ')}): ` +
                    (state.epochsDone > 0
                      ? `the last good epoch (${state.epochsDone}) is kept; resume with a lower --lr, or restart.`
                      : 'no epoch had finished; train again with a lower --lr.'),
                );
              }
              adamG.applyGradients(gen.grads as Record<string, tf.Variable>);
              adamD.applyGradients(disc.grads as Record<string, tf.Variable>);
              tf.dispose([...Object.values(gen.grads!), ...Object.values(disc.grads!)]);
              for (const t of TERMS) sums[t] += terms[t];
            } finally {
              tf.dispose([x, y]);
            }
            return true;
          },
          measure: (done) => meanOf(sums, done),
          summary: (seconds) => ({ epoch: epoch + 1, seconds, ...meanOf(sums, steps) }),
        };
      },
      afterEpoch: async () => {
        const generatorState = await adamG.getWeights();
        const discriminatorState = await adamD.getWeights();
        await saveCheckpoint(checkpointFolder, state, allWeights(nets), [
          ...tagged('generators', generatorState),
          ...tagged('discriminators', discriminatorState),
        ]);
        // getWeights makes a new tensor of the step count; the moments are the optimiser's own.
        generatorState[0]?.tensor.dispose();
        discriminatorState[0]?.tensor.dispose();
      },
      onProgress: ({ measure, ...at }) =>
        progress({ phase: 'training', epochs, ...at, terms: measure }),
    });

    // The held-out clips: one crop each at its loudest start, both steps without gradients.
    progress({ phase: 'evaluating', epoch: epochs, epochs, batch: 0, batches: 0 });
    const heldOutClips: [number, number] = [split[0]!.heldOut.length, split[1]!.heldOut.length];
    let heldOut: CycleGanTerms | null = null;
    if (heldOutClips[0] > 0 && heldOutClips[1] > 0) {
      const n = Math.max(...heldOutClips);
      const cropsOf = (c: 0 | 1) =>
        Array.from({ length: n }, (_, i) => {
          const clip = split[c]!.heldOut[i % heldOutClips[c]]!;
          return { clip, start: starts[c]![clip]![0]!, gainDb: 0 };
        });
      const x = batchOf(0, cropsOf(0));
      const y = batchOf(1, cropsOf(1));
      try {
        const gen = generatorStep(nets, x, y, weights, { gradients: false }).values;
        const disc = discriminatorStep(nets, x, y, { gradients: false }).values;
        heldOut = {
          adversarialG: gen.adversarialG,
          adversarialF: gen.adversarialF,
          cycle: gen.cycle,
          identity: gen.identity,
          discriminatorX: disc.dX,
          discriminatorY: disc.dY,
        };
      } finally {
        tf.dispose([x, y]);
      }
    }
    progress({ phase: 'saving', epoch: epochs, epochs, batch: 0, batches: 0 });
    const manifest = (await cache.save(
      {
        name: request.name,
        kind: 'cyclegan',
        classes: data.names,
        generator: {
          channels: settings.channels,
          residualBlocks: settings.residualBlocks,
          kernel: CYCLEGAN_FIXED_SHAPE.kernel,
          outerKernel: CYCLEGAN_FIXED_SHAPE.outerKernel,
        },
        discriminator: { channels: settings.discriminatorChannels, blocks, patch },
        spectrogram: analysis,
        input,
        losses: { cycleWeight: settings.cycleWeight, identityWeight: settings.identityWeight },
        history: state.history,
        heldOut,
        heldOutClips,
        trainingData: {
          hash: data.hash,
          clips: data.clips[0].length + data.clips[1].length,
          clipsPerClass: [data.clips[0].length, data.clips[1].length],
          skipped: data.skipped.length,
          folder: typeof request.data === 'string' ? request.data : request.data.join(' + '),
        },
        training: {
          epochs: state.epochsDone,
          learningRate,
          batchSize,
          seed,
          cropsPerClip,
          cropFrames,
          holdOut,
          seconds: state.seconds,
          backend: backend.backend,
        },
        createdAt: new Date().toISOString(),
        versions: { timbrefold: packageVersion(), tfjs: tf.version_core },
      },
      // The transfer needs only the generators; the discriminators stay in the checkpoint's past.
      allWeights(nets, ['G', 'F']),
      { replace: request.replace ?? false },
    )) as CycleGanManifest;
    await removeCheckpoint(checkpointFolder);
    return {
      model: request.name,
      manifest,
      skipped: data.skipped,
      history: state.history,
      resumedFrom,
      backend: backend.backend,
    };
  } finally {
    generatorOptimizer?.dispose();
    discriminatorOptimizer?.dispose();
    for (const net of Object.values(made)) net.dispose();
  }
}

function meanOf(sums: CycleGanTerms, count: number): CycleGanTerms {
  return Object.fromEntries(
    TERMS.map((t) => [t, sums[t] / Math.max(1, count)]),
  ) as unknown as CycleGanTerms;
}
