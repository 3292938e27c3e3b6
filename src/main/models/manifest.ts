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

export const manifestSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  formatVersion: z.literal(MODEL_FORMAT_VERSION),
  name: z.string().min(1),
  kind: z.literal('classifier'),
  architecture: z.enum(['audio-vgg', 'verma-smith']),
  width: z
    .number()
    .min(1 / 64)
    .max(1),
  classes: z.array(z.string().min(1)).min(2),
  spectrogram: z.object({
    sampleRate: z.int().min(1000).max(768000),
    nFft: z.int().min(256).max(8192),
    hop: z.int().min(1),
    winLength: z.int().min(2),
  }),
  /** Frames of the fixed-length crops the classifier was trained on. */
  cropFrames: z.int().min(1),
  input: z.object({ mean: finite, std: finite.refine((v) => v > 0, 'must be above 0') }),
  accuracy: z.object({
    /** Per held-out clip (crop probabilities averaged, as `classify` does); null: none held out. */
    heldOut: fraction.nullable(),
    /** Per held-out crop. */
    heldOutCrops: fraction.nullable(),
    heldOutClips: z.int().min(0),
    /** On the validation clips after the last epoch. */
    validation: fraction.nullable(),
  }),
  trainingData: z.object({
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    clips: z.int().min(0),
    skipped: z.int().min(0),
    layout: z.enum(['folders', 'nsynth']),
    folder: z.string(),
  }),
  training: z.object({
    epochs: z.int().min(0),
    learningRate: finite,
    batchSize: z.int().min(1),
    seed: z.int(),
    cropsPerClip: z.int().min(1),
    seconds: finite,
    backend: z.string(),
  }),
  createdAt: z.string(),
  versions: z.object({ timbrefold: z.string(), tfjs: z.string() }),
  weights: z.object({
    file: z.literal(WEIGHTS_FILE),
    bytes: z.int().min(0),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    specs: z.array(weightSpec).min(1),
  }),
});

export type ModelManifest = z.infer<typeof manifestSchema>;

/** The manifest as training writes it; the cache fills in `weights`. */
export type ManifestDraft = Omit<ModelManifest, 'weights' | 'format' | 'formatVersion'>;

/** The first problem zod found, as half a sentence ("accuracy.heldOut: must be ..."). */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'it is not a model manifest';
  const where = issue.path.length > 0 ? issue.path.join('.') : 'the manifest';
  return `${where}: ${issue.message}`;
}
