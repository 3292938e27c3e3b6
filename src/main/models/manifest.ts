// A model's manifest: everything needed to use it again (architecture, classes, the spectrogram
// it reads) and to trust it (accuracy, training data hash, the weights' hash), as JSON beside
// the tfjs weights. Checked with zod on every load: a manifest that does not parse is damage.
import { z } from 'zod';

export const MODEL_FORMAT = 'timbrefold-model';
export const MODEL_FORMAT_VERSION = 1;
export const WEIGHTS_FILE = 'weights.bin';
export const MANIFEST_FILE = 'manifest.json';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const fraction = z.number().min(0).max(1);

const weightSpec = z.object({
  name: z.string().min(1),
  shape: z.array(z.int().min(0)),
  dtype: z.literal('float32'),
});

const spectrogramSchema = z.object({
  sampleRate: z.int().min(1000).max(768000),
  nFft: z.int().min(256).max(8192),
  hop: z.int().min(1),
  winLength: z.int().min(2),
});

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

const weightsSchema = z.object({
  file: z.literal(WEIGHTS_FILE),
  bytes: z.int().min(0),
  sha256: sha256Schema,
  specs: z.array(weightSpec).min(1),
});

// What every kind of model's manifest has: its header, the input normalisation, the training
// data and run, and when, by what and with which weights it was written.
const header = {
  format: z.literal(MODEL_FORMAT),
  formatVersion: z.literal(MODEL_FORMAT_VERSION),
  name: z.string().min(1),
};
const inputSchema = z.object({
  mean: finite,
  std: finite.refine((v) => v > 0, 'must be above 0'),
});
const trainingDataSchema = z.object({
  hash: sha256Schema,
  clips: z.int().min(0),
  skipped: z.int().min(0),
  folder: z.string(),
});
const trainingRunSchema = z.object({
  epochs: z.int().min(0),
  learningRate: finite,
  batchSize: z.int().min(1),
  seed: z.int(),
  cropsPerClip: z.int().min(1),
  seconds: finite,
  backend: z.string(),
});
const written = {
  createdAt: z.string(),
  versions: z.object({ timbrefold: z.string(), tfjs: z.string() }),
  weights: weightsSchema,
};

export const classifierManifestSchema = z.object({
  ...header,
  kind: z.literal('classifier'),
  architecture: z.enum(['audio-vgg', 'verma-smith']),
  width: z
    .number()
    .min(1 / 64)
    .max(1),
  classes: z.array(z.string().min(1)).min(2),
  spectrogram: spectrogramSchema,
  /** Frames of the fixed-length crops the classifier was trained on. */
  cropFrames: z.int().min(1),
  input: inputSchema,
  accuracy: z.object({
    /** Per held-out clip (crop probabilities averaged, as `classify` does); null: none held out. */
    heldOut: fraction.nullable(),
    /** Per held-out crop. */
    heldOutCrops: fraction.nullable(),
    heldOutClips: z.int().min(0),
    /** On the validation clips after the last epoch. */
    validation: fraction.nullable(),
  }),
  trainingData: trainingDataSchema.extend({ layout: z.enum(['folders', 'nsynth']) }),
  training: trainingRunSchema,
  ...written,
});

/** The size of a generator network (the fast method's and CycleGAN's). */
const generatorShapeSchema = z.object({
  channels: z.int().min(1).max(4096),
  residualBlocks: z.int().min(0).max(64),
  kernel: z.int().min(1).max(63),
  outerKernel: z.int().min(1).max(63),
});

/**
 * A feed-forward generator for one style (METHODS.md section 4): its network's shape, the
 * analysis it reads and writes (its loss network's), the style clip, the loss network, every
 * training setting and the held-out loss.
 */
export const generatorManifestSchema = z.object({
  ...header,
  kind: z.literal('generator'),
  generator: generatorShapeSchema,
  spectrogram: spectrogramSchema,
  input: inputSchema,
  style: z.object({ name: z.string(), sha256: sha256Schema }),
  lossNetwork: z.object({
    name: z.string().min(1),
    architecture: z.enum(['audio-vgg', 'verma-smith']),
    weightsSha256: sha256Schema,
  }),
  /** The loss's settings: layers and weights of content, style and the two envelopes. */
  losses: z.object({
    contentLayer: z.string().min(1),
    styleLayers: z.array(z.string().min(1)).min(1),
    contentWeight: finite,
    styleWeight: finite,
    energyWeight: finite,
    frequencyWeight: finite,
  }),
  /** Mean loss per crop: on the held-out clips after training (null: none held out), and the last epoch's. */
  loss: z.object({
    heldOut: finite.nullable(),
    heldOutClips: z.int().min(0),
    training: finite.nullable(),
  }),
  trainingData: trainingDataSchema,
  training: trainingRunSchema.extend({ cropFrames: z.int().min(1) }),
  ...written,
});

/** CycleGAN's loss terms, each a weighted batch mean (see engine/cyclegan/cyclegan-step.ts). */
const cycleGanTermsSchema = z.object({
  adversarialG: finite,
  adversarialF: finite,
  cycle: finite,
  identity: finite,
  discriminatorX: finite,
  discriminatorY: finite,
});

/**
 * A CycleGAN between two sound classes (METHODS.md section 5): the two class names, the two
 * generators (G: classes[0] -> classes[1], F: back; their weights under G/ and F/), the
 * discriminators they were trained against, every training setting and the loss history.
 */
export const cycleGanManifestSchema = z.object({
  ...header,
  kind: z.literal('cyclegan'),
  classes: z.tuple([z.string().min(1), z.string().min(1)]),
  generator: generatorShapeSchema,
  discriminator: z.object({
    channels: z.int().min(1).max(1024),
    blocks: z.int().min(1).max(8),
    /** Frames and bins one score sees. */
    patch: z.int().min(1),
  }),
  spectrogram: spectrogramSchema,
  input: inputSchema,
  losses: z.object({ cycleWeight: finite, identityWeight: finite }),
  /** Every epoch's mean terms over its training steps, for plotting. */
  history: z.array(cycleGanTermsSchema.extend({ epoch: z.int().min(1), seconds: finite })),
  /** The terms on the held-out clips after training (null: none held out). */
  heldOut: cycleGanTermsSchema.nullable(),
  heldOutClips: z.tuple([z.int().min(0), z.int().min(0)]),
  trainingData: trainingDataSchema.extend({
    clipsPerClass: z.tuple([z.int().min(0), z.int().min(0)]),
  }),
  training: trainingRunSchema.extend({ cropFrames: z.int().min(1), holdOut: fraction }),
  ...written,
});

/**
 * Any model of the cache, by its kind. A manifest without `kind` is a classifier's (the first
 * models had only that kind), so every manifest written before generators still loads.
 */
export const manifestSchema = z.preprocess(
  (raw) =>
    typeof raw === 'object' && raw !== null && !Array.isArray(raw) && !('kind' in raw)
      ? { ...raw, kind: 'classifier' }
      : raw,
  z.discriminatedUnion('kind', [
    classifierManifestSchema,
    generatorManifestSchema,
    cycleGanManifestSchema,
  ]),
);

export type ClassifierManifest = z.infer<typeof classifierManifestSchema>;
export type GeneratorManifest = z.infer<typeof generatorManifestSchema>;
export type CycleGanManifest = z.infer<typeof cycleGanManifestSchema>;
export type CycleGanTerms = z.infer<typeof cycleGanTermsSchema>;
export type ModelManifest = ClassifierManifest | GeneratorManifest | CycleGanManifest;
export type ModelKind = ModelManifest['kind'];

type Draft<M> = Omit<M, 'weights' | 'format' | 'formatVersion'>;
/** The manifest as training writes it; the cache fills in `weights`. */
export type ManifestDraft =
  Draft<ClassifierManifest> | Draft<GeneratorManifest> | Draft<CycleGanManifest>;

/** The first problem zod found, as half a sentence ("accuracy.heldOut: must be ..."). */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'it is not a model manifest';
  const where = issue.path.length > 0 ? issue.path.join('.') : 'the manifest';
  return `${where}: ${issue.message}`;
}
