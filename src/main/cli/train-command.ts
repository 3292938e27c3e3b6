// `timbrefold train`: trains an instrument classifier on a folder of labelled clips and puts it
// in the model cache. Runs in the engine worker; Ctrl+C keeps the last completed epoch, and the
// same command run again resumes from it.
import type { Command } from 'commander';
import type { BackendChoice } from '../../shared/transfer';
import { ParameterError } from '../../shared/user-error';
import { ARCHITECTURES, type ArchitectureName } from '../engine/cnn/architectures';
import { JobCancelledError } from '../jobs/errors';
import type { EngineJobRunner, EngineJobs } from '../worker/engine-jobs';
import { defaultModelsFolder, shippedModelsFolder } from '../models/locations';
import { GENERATOR_DEFAULTS, type TrainGeneratorRequest } from '../training/train-generator';
import { createEngineJobRunner } from '../worker/engine-jobs';
import type { DataLayout } from '../training/training-data';
import { DEFAULT_WIDTH, TRAINING_DEFAULTS, type TrainRequest } from '../training/train-classifier';
import {
  CYCLEGAN_TRAINING_DEFAULTS,
  CYCLEGAN_TRAINING_PARAMETERS,
} from '../training/cyclegan-parameters';
import type { TrainCycleGanRequest } from '../training/train-cyclegan';
import { cancelOnInterrupt } from './interrupt';
import { addDeclaredOptions, declaredValues } from './parameter-options';
import { backendOption, parseChoice, parseInteger, parseNumber, withGiven } from './parse-options';
import { createProgressBar, remainingText } from './progress';

interface TrainFlags {
  kind: 'classifier' | 'generator' | 'cyclegan';
  style?: string;
  classifier?: string;
  data?: string;
  arch?: ArchitectureName;
  out?: string;
  epochs?: number;
  lr?: number;
  width?: number;
  batchSize?: number;
  cropSeconds?: number;
  cropsPerClip?: number;
  holdOut?: number;
  validation?: number;
  classes?: string[];
  layout: DataLayout;
  seed?: number;
  resume?: boolean;
  restart?: boolean;
  replace?: boolean;
  models?: string;
  backend: BackendChoice;
  json?: boolean;
  [declared: string]: unknown;
}

export interface CnnCommandOptions {
  /** The job runner for the trained-network jobs (default: their own worker). */
  runner?: () => EngineJobRunner;
}

function parseClasses(raw: string): string[] {
  const classes = raw
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  if (classes.length < 2)
    throw new ParameterError(
      '--classes',
      `--classes needs at least two class names, comma-separated, not "${raw}".`,
    );
  return classes;
}

/** The flags only some kinds take, by their TrainFlags key. */
const KIND_FLAGS = {
  style: '--style',
  classifier: '--classifier',
  arch: '--arch',
  width: '--width',
  classes: '--classes',
  validation: '--validation',
} as const;

/** Refuses each of `keys` that was given, with `why`'s sentence for its flag. */
function refuseFlags(
  flags: TrainFlags,
  keys: readonly (keyof typeof KIND_FLAGS)[],
  why: (flag: string) => string,
): void {
  for (const key of keys)
    if (flags[key] !== undefined) throw new ParameterError(KIND_FLAGS[key], why(KIND_FLAGS[key]));
}

/** The run's part of every kind's request: the model's name, the cache, resume and replace. */
function runOf(flags: TrainFlags): {
  name: string;
  modelsDir: string;
  resume: 'auto' | 'resume' | 'restart';
  replace: boolean;
  backend: BackendChoice;
} {
  if (!flags.out) throw new ParameterError('--out', 'Give the new model a name with --out NAME.');
  if (flags.resume && flags.restart)
    throw new ParameterError('--resume', '--resume and --restart cannot be used together.');
  return {
    name: flags.out,
    modelsDir: flags.models ?? defaultModelsFolder(),
    resume: flags.resume ? 'resume' : flags.restart ? 'restart' : 'auto',
    replace: flags.replace ?? false,
    backend: flags.backend,
  };
}

/** The generator's training request a set of flags stands for (train --kind generator). */
export function trainGeneratorRequestOf(flags: TrainFlags): TrainGeneratorRequest {
  if (!flags.style)
    throw new ParameterError('--style', 'Give the style clip with --style FILE.wav.');
  if (!flags.data)
    throw new ParameterError('--data', 'Give the folder of content clips with --data DIR.');
  const run = runOf(flags);
  refuseFlags(
    flags,
    ['arch', 'width', 'classes', 'validation'],
    (flag) => `${flag} is for training a classifier, not a generator.`,
  );
  return withGiven<TrainGeneratorRequest>(
    { style: flags.style, data: flags.data, ...run, shippedModelsDirs: [shippedModelsFolder()] },
    {
      classifier: flags.classifier,
      epochs: flags.epochs,
      learningRate: flags.lr,
      batchSize: flags.batchSize,
      cropSeconds: flags.cropSeconds,
      cropsPerClip: flags.cropsPerClip,
      holdOut: flags.holdOut,
      seed: flags.seed,
    },
  );
}

/** The request a set of flags stands for. */
export function trainRequestOf(flags: TrainFlags): TrainRequest {
  if (!flags.data) throw new ParameterError('--data', 'Give the training folder with --data DIR.');
  refuseFlags(
    flags,
    ['style', 'classifier'],
    (flag) => `${flag} is for training a generator (--kind generator).`,
  );
  if (!flags.arch)
    throw new ParameterError('--arch', `Give the network with --arch ${ARCHITECTURES.join('|')}.`);
  const run = runOf(flags);
  return withGiven<TrainRequest>(
    { data: flags.data, layout: flags.layout, architecture: flags.arch, ...run },
    {
      classes: flags.classes,
      epochs: flags.epochs,
      learningRate: flags.lr,
      width: flags.width,
      batchSize: flags.batchSize,
      cropSeconds: flags.cropSeconds,
      cropsPerClip: flags.cropsPerClip,
      holdOut: flags.holdOut,
      validation: flags.validation,
      seed: flags.seed,
    },
  );
}

const percent = (value: number | null | undefined): string =>
  value === null || value === undefined ? '-' : `${(100 * value).toFixed(1)}%`;

type TrainingJob = 'train' | 'train-generator' | 'train-cyclegan';

/** What every trainer's progress says of its place in the epochs. */
interface EpochProgress {
  phase: string;
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  remainingSeconds?: number;
}

/**
 * Runs one training job the way every `train --kind` does: JSON lines or a progress bar (one tick
 * a batch while training, one an epoch in the other phases, with the trainer's own `fields`),
 * Ctrl+C cancels keeping the finished epochs, and `--json` ends with the result. Returns the
 * result for the summary, or null when `--json` has already written it.
 */
async function runTrainingJob<Kind extends TrainingJob>(
  kind: Kind,
  request: EngineJobs[Kind]['params'] & { name: string },
  json: boolean,
  options: CnnCommandOptions,
  format: string,
  fields: (progress: EngineJobs[Kind]['progress']) => Record<string, string>,
): Promise<EngineJobs[Kind]['result'] | null> {
  const bar = json ? undefined : createProgressBar(1, format);
  let lastPhase = '';
  const runner = (options.runner ?? createEngineJobRunner)();
  let result: EngineJobs[Kind]['result'];
  try {
    result = await cancelOnInterrupt((signal) =>
      runner.run(kind, request, {
        signal,
        onProgress: (reported) => {
          if (json) {
            process.stdout.write(`${JSON.stringify({ event: 'progress', ...reported })}\n`);
            return;
          }
          const progress = reported as EpochProgress;
          const training = progress.phase === 'training';
          if (progress.phase !== lastPhase) {
            lastPhase = progress.phase;
            bar?.setTotal(
              Math.max(1, training ? progress.epochs * progress.batches : progress.epochs),
            );
          }
          bar?.update(
            training ? progress.epoch * progress.batches + progress.batch : progress.epoch,
            {
              phase: training
                ? `epoch ${Math.min(progress.epoch + 1, progress.epochs)}/${progress.epochs}`
                : progress.phase,
              ...fields(reported),
              remaining: remainingText(progress.remainingSeconds),
            },
          );
        },
      }),
    );
  } catch (error) {
    bar?.stop();
    if (error instanceof JobCancelledError)
      error.message = `Training of ${request.name} was cancelled; completed epochs are kept: run the same command again to resume.`;
    throw error;
  }
  bar?.stop();
  if (json) {
    process.stdout.write(`${JSON.stringify({ event: 'done', ...result })}\n`);
    return null;
  }
  return result;
}

/** The summary's lines for clips a trainer could not use. */
function skippedLines(skipped: readonly { reason: string }[], what: string): string[] {
  if (skipped.length === 0) return [];
  return [
    `Skipped ${skipped.length} ${what}${skipped.length === 1 ? '' : 's'}:`,
    ...skipped.map((s) => `  ${s.reason}`),
  ];
}

/** The settings every kind of training shares a flag for. */
type SharedSetting = 'epochs' | 'learningRate' | 'batchSize' | 'cropSeconds' | 'cropsPerClip';

/** A kind of training and its own defaults of the shared settings. */
export interface KindDefaults {
  kind: string;
  defaults: Readonly<Record<SharedSetting | 'holdOut', number>>;
}

const CLASSIFIER_ONLY: readonly KindDefaults[] = [
  { kind: 'classifier', defaults: TRAINING_DEFAULTS },
];

/** Every kind `train --kind` trains: a shared flag's help says each one's default. */
const TRAINING_KINDS: readonly KindDefaults[] = [
  ...CLASSIFIER_ONLY,
  { kind: 'generator', defaults: GENERATOR_DEFAULTS },
  { kind: 'cyclegan', defaults: CYCLEGAN_TRAINING_DEFAULTS },
];

/** "default 10" (one kind, or the same for all) or "default 2e-3 for classifier, 1e-4 for cyclegan". */
function defaultsText(setting: SharedSetting | 'holdOut', kinds: readonly KindDefaults[]): string {
  const values = kinds.map((k) => ({ kind: k.kind, value: String(k.defaults[setting]) }));
  if (values.every((v) => v.value === values[0]!.value))
    return `default ${values[0]!.value}${kinds.length > 1 ? ' for every kind' : ''}`;
  return `default ${values.map((v) => `${v.value} for ${v.kind}`).join(', ')}`;
}

/**
 * The settings of a training, shared by `train` (every kind: the help gives each kind's default)
 * and `evaluate distinctness` (classifiers only).
 */
export function addTrainingSettingOptions(
  command: Command,
  kinds: readonly KindDefaults[] = CLASSIFIER_ONLY,
): Command {
  return command
    .option(
      '--epochs <n>',
      `passes over the data (${defaultsText('epochs', kinds)})`,
      parseInteger('--epochs', 1, 10000),
    )
    .option(
      '--lr <rate>',
      `Adam’s learning rate (${defaultsText('learningRate', kinds)})`,
      parseNumber('--lr', 1e-9, 1),
    )
    .option(
      '--width <w>',
      `channel multiplier (default ${DEFAULT_WIDTH['audio-vgg']} for audio-vgg, ${DEFAULT_WIDTH['verma-smith']} for verma-smith)`,
      parseNumber('--width', 1 / 64, 1),
    )
    .option(
      '--batch-size <n>',
      `crops per step (${defaultsText('batchSize', kinds)})`,
      parseInteger('--batch-size', 1, 512),
    )
    .option(
      '--crop-seconds <s>',
      `length of the training crops (${defaultsText('cropSeconds', kinds)})`,
      parseNumber('--crop-seconds', 0.1, 60),
    )
    .option(
      '--crops-per-clip <n>',
      `random crops per clip and epoch (${defaultsText('cropsPerClip', kinds)})`,
      parseInteger('--crops-per-clip', 1, 256),
    );
}

export function registerTrainCommand(program: Command, options: CnnCommandOptions = {}): void {
  const train = program
    .command('train')
    .description(
      'Train a model and keep it in the model cache: an instrument classifier (--kind classifier, the default) on a folder with one subfolder of clips per class (or NSynth’s layout), a generator for one style (--kind generator) on a folder of content clips, or a CycleGAN (--kind cyclegan) between the two class subfolders of --data.',
    )
    .option(
      '--kind <kind>',
      'classifier (the trained-CNN method’s networks), generator (the fast method’s, for one --style) or cyclegan (between the two class folders of --data)',
      parseChoice('--kind', ['classifier', 'generator', 'cyclegan'] as const),
      'classifier',
    )
    .option('--style <file>', 'the style clip a generator learns (--kind generator)')
    .option(
      '--classifier <name>',
      'the loss network of a generator: a classifier of the cache (default: the shipped Verma & Smith demo)',
    )
    .option('--data <dir>', 'the training folder')
    .option('--arch <name>', ARCHITECTURES.join(' or '), parseChoice('--arch', ARCHITECTURES))
    .option('--out <name>', 'the new model’s name');
  addTrainingSettingOptions(train, TRAINING_KINDS)
    .option(
      '--hold-out <share>',
      `share of each class’s files kept aside for the final figures (${defaultsText('holdOut', TRAINING_KINDS)})`,
      parseNumber('--hold-out', 0, 0.9),
    )
    .option(
      '--validation <share>',
      `share of each class’s files to watch training (default ${TRAINING_DEFAULTS.validation})`,
      parseNumber('--validation', 0, 0.9),
    )
    .option('--classes <a,b,...>', 'only these classes (NSynth has eleven families)', parseClasses)
    .option(
      '--layout <name>',
      'auto, folders or nsynth',
      parseChoice('--layout', ['auto', 'folders', 'nsynth'] as const),
      'auto',
    )
    .option(
      '--seed <n>',
      'seed of the weights, the split and the crops',
      parseInteger('--seed', 0, 2 ** 31 - 1),
    );
  // CycleGAN's own settings (--cycle-weight ...), derived from its declarations; the flags it
  // shares with the other kinds (above) are registered once, their help giving each default.
  addDeclaredOptions(train, CYCLEGAN_TRAINING_PARAMETERS, 'cyclegan');
  train
    .option('--resume', 'continue an interrupted training (the default when one matches)')
    .option('--restart', 'discard an interrupted training of this name and start over')
    .option('--replace', 'replace an existing model of this name')
    .option('--models <dir>', 'the model cache folder (default: the app’s user-data folder)')
    .option(...backendOption())
    .option('--json', 'one JSON object per progress event, then a summary object')
    .action(async (flags: TrainFlags) => {
      if (flags.kind === 'cyclegan') {
        await trainCycleGanCommand(trainCycleGanRequestOf(flags), flags.json ?? false, options);
        return;
      }
      if (flags.kind === 'generator') {
        await trainGeneratorCommand(trainGeneratorRequestOf(flags), flags.json ?? false, options);
        return;
      }
      const request = trainRequestOf(flags);
      const result = await runTrainingJob(
        'train',
        request,
        flags.json ?? false,
        options,
        ' {bar} {phase} {value}/{total} | loss {loss} | accuracy {accuracy} | validation {validation} | {remaining} left',
        (progress) => ({
          loss: progress.loss?.toFixed(4) ?? '-',
          accuracy: percent(progress.accuracy),
          validation: percent(progress.validationAccuracy),
        }),
      );
      if (!result) return;
      const m = result.manifest;
      const lines = [
        `Trained ${m.name} (${m.architecture}, width ${m.width}, classes ${m.classes.join(', ')}) on ${m.trainingData.clips} clips in ${m.training.seconds.toFixed(1)} s on ${result.backend}` +
          (result.resumedFrom > 0 ? ` (resumed after epoch ${result.resumedFrom})` : ''),
        m.accuracy.heldOut === null
          ? 'No clips were held out, so there is no held-out accuracy.'
          : `Held-out accuracy ${percent(m.accuracy.heldOut)} of ${m.accuracy.heldOutClips} clips (${percent(m.accuracy.heldOutCrops)} of single crops)`,
        `Saved in ${request.modelsDir}`,
      ];
      lines.push(...skippedLines(result.skipped, 'unreadable clip'));
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}

async function trainGeneratorCommand(
  request: TrainGeneratorRequest,
  json: boolean,
  options: CnnCommandOptions,
): Promise<void> {
  const result = await runTrainingJob(
    'train-generator',
    request,
    json,
    options,
    ' {bar} {phase} {value}/{total} | loss {loss} | {remaining} left',
    (progress) => ({ loss: progress.loss?.toFixed(4) ?? '-' }),
  );
  if (!result) return;
  const m = result.manifest;
  const lines = [
    `Trained the generator ${m.name} for ${m.style.name} through ${m.lossNetwork.name} on ${m.trainingData.clips} clips in ${m.training.seconds.toFixed(1)} s on ${result.backend}` +
      (result.resumedFrom > 0 ? ` (resumed after epoch ${result.resumedFrom})` : ''),
    `Loss ${result.initialLoss.toFixed(4)} untrained, ${m.loss.training?.toFixed(4) ?? '-'} in the last epoch` +
      (m.loss.heldOut === null
        ? '; no clips were held out.'
        : `, ${m.loss.heldOut.toFixed(4)} on ${m.loss.heldOutClips} held-out clips`),
    `Saved in ${request.modelsDir}: transfer with --method fast --model ${m.name}`,
  ];
  lines.push(...skippedLines(result.skipped, 'clip'));
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function trainCycleGanRequestOf(flags: TrainFlags): TrainCycleGanRequest {
  if (!flags.data)
    throw new ParameterError(
      '--data',
      'Give the folder with the two class folders with --data DIR (DIR/flute, DIR/keyboard ...).',
    );
  const run = runOf(flags);
  refuseFlags(
    flags,
    ['style', 'classifier', 'arch', 'width', 'classes', 'validation'],
    (flag) => `${flag} is not a setting of a CycleGAN's training.`,
  );
  if (flags.layout !== 'auto' && flags.layout !== 'folders')
    throw new ParameterError('--layout', 'A CycleGAN reads two class folders (--layout folders).');
  return {
    ...declaredValues(CYCLEGAN_TRAINING_PARAMETERS, flags),
    data: flags.data,
    ...run,
  };
}

async function trainCycleGanCommand(
  request: TrainCycleGanRequest,
  json: boolean,
  options: CnnCommandOptions,
): Promise<void> {
  const three = (v: number | undefined): string => v?.toFixed(3) ?? '-';
  const result = await runTrainingJob(
    'train-cyclegan',
    request,
    json,
    options,
    ' {bar} {phase} {value}/{total} | G {g} F {f} cycle {cycle} identity {identity} | D_X {dx} D_Y {dy} | {remaining} left',
    ({ terms: t }) => ({
      g: three(t?.adversarialG),
      f: three(t?.adversarialF),
      cycle: three(t?.cycle),
      identity: three(t?.identity),
      dx: three(t?.discriminatorX),
      dy: three(t?.discriminatorY),
    }),
  );
  if (!result) return;
  const m = result.manifest;
  const [x, y] = m.classes;
  const last = m.history.at(-1);
  const lines = [
    `Trained the CycleGAN ${m.name} between ${x} (${m.trainingData.clipsPerClass[0]} clips) and ${y} (${m.trainingData.clipsPerClass[1]} clips) in ${m.training.seconds.toFixed(1)} s on ${result.backend}` +
      (result.resumedFrom > 0 ? ` (resumed after epoch ${result.resumedFrom})` : ''),
    last
      ? `Last epoch: adversarial G ${last.adversarialG.toFixed(3)}, F ${last.adversarialF.toFixed(3)}, cycle ${last.cycle.toFixed(3)}, identity ${last.identity.toFixed(3)}, D_X ${last.discriminatorX.toFixed(3)}, D_Y ${last.discriminatorY.toFixed(3)}`
      : 'No epoch was trained.',
    `Saved in ${request.modelsDir}: transfer with --method cyclegan --model ${m.name} --to ${y} (or --to ${x})`,
  ];
  lines.push(...skippedLines(result.skipped, 'clip'));
  process.stdout.write(`${lines.join('\n')}\n`);
}
