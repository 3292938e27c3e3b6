// Runtime shape of project.json and of the edits the page sends, with zod (well kept, and its
// types are checked against the shared interfaces below so the two cannot drift apart).
import { isModelName, MODEL_NAME_PATTERN } from '../../shared/model-name';
import { z } from 'zod';
import { METHOD_NAMES } from '../methods/registry';
import {
  GAIN_LIMITS,
  PROJECT_FORMAT,
  PROJECT_VERSION,
  WEIGHT_LIMITS,
  type ProjectDocument,
  type ProjectEdit,
  type TimeSelection,
  type TransferSettings,
} from '../../shared/ipc-project';

const MAX_SECONDS = 24 * 3600;

export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\w-]+$/, 'must be a plain id');
export const nameSchema = z.string().trim().min(1, 'must not be empty').max(200);
const seconds = z.number().min(0).max(MAX_SECONDS);
const gainDb = z.number().min(GAIN_LIMITS.min).max(GAIN_LIMITS.max);
const weight = z.number().min(WEIGHT_LIMITS.min).max(WEIGHT_LIMITS.max);

export const selectionSchema: z.ZodType<TimeSelection> = z
  .strictObject({ start: seconds, end: seconds })
  .refine((s) => s.end > s.start, { message: 'must end after it starts' });

const styleChoice = z.strictObject({ trackId: idSchema, weight });
const method = z.string().refine((name) => METHOD_NAMES.includes(name), {
  message: `must be one of the methods (${METHOD_NAMES.join(', ')})`,
});
const preset = z.string().min(1).max(64);
/** Settings by declared name; each value is checked against its declaration when a job starts. */
const settingName = z.string().regex(/^[a-zA-Z]\w{0,63}$/, 'must be a setting name');
const settingValue = z.union([
  z.number(),
  z.string().max(200),
  z.array(z.string().max(200)).max(64).readonly(),
  z.array(z.number()).max(64).readonly(),
]);
const settingValues = z.record(settingName, settingValue);
/** A model's name as the cache allows it (shared/model-name.ts). */
const MODEL_NAME_RULE =
  'must be a model name: 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit';
export const modelNameSchema = z
  .string()
  .regex(MODEL_NAME_PATTERN, MODEL_NAME_RULE)
  .refine((name) => isModelName(name), { message: MODEL_NAME_RULE });

export const transferSettingsSchema = z.strictObject({
  method,
  preset,
  model: modelNameSchema.nullable().optional(),
  values: settingValues,
  contentTrackId: idSchema.nullable(),
  styles: z.array(styleChoice).max(16),
});

const relativeAudioPath = z
  .string()
  .max(500)
  .regex(/^audio\/[^\\]+$/, 'must be a file under audio/')
  .refine((p) => !p.split('/').includes('..'), { message: 'must stay inside the project' });

const clipSchema = z.strictObject({
  id: idSchema,
  file: relativeAudioPath,
  sourceName: z.string().max(500),
  sampleRate: z.int().min(1000).max(768000),
  channels: z.int().min(1).max(64),
  frames: z.int().min(0),
  duration: seconds,
  start: seconds,
  loudnessLufs: z.number().nullable(),
  peakDb: z.number().nullable(),
});

const recipeSchema = z.strictObject({
  method,
  preset,
  model: z.string().max(64).optional(),
  settings: settingValues,
  iterations: z.int(),
  finalLosses: z.record(z.string().max(64), z.number()).optional(),
  seed: z.int(),
  contentName: z.string(),
  styles: z.array(z.strictObject({ name: z.string(), weight: z.number() })),
  region: z.strictObject({ start: z.number(), end: z.number() }).nullable(),
  recipeFile: relativeAudioPath.nullable(),
  backend: z.string(),
  seconds: z.number(),
  quality: z
    .strictObject({
      styleGain: z.number().nullable(),
      contentCorrelation: z.number().nullable(),
      spectralConvergence: z.number().nullable(),
      note: z.string().max(500).optional(),
    })
    .optional(),
});

const trackSchema = z.strictObject({
  id: idSchema,
  name: nameSchema,
  role: z.enum(['content', 'style', 'result']),
  clip: clipSchema,
  mute: z.boolean(),
  solo: z.boolean(),
  gainDb,
  recipe: recipeSchema.nullable(),
});

export const documentSchema = z.strictObject({
  format: z.literal(PROJECT_FORMAT),
  version: z.literal(PROJECT_VERSION),
  name: nameSchema,
  tracks: z.array(trackSchema).max(1000),
  selection: selectionSchema.nullable(),
  transfer: transferSettingsSchema,
  ratings: z.record(idSchema, z.int().min(1).max(5)),
});

export const editSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('rename-track'), trackId: idSchema, name: nameSchema }),
  z.strictObject({ type: z.literal('set-track-gain'), trackId: idSchema, gainDb }),
  z.strictObject({ type: z.literal('set-track-mute'), trackId: idSchema, mute: z.boolean() }),
  z.strictObject({ type: z.literal('set-track-solo'), trackId: idSchema, solo: z.boolean() }),
  z.strictObject({
    type: z.literal('set-track-role'),
    trackId: idSchema,
    role: z.enum(['content', 'style']),
  }),
  z.strictObject({ type: z.literal('move-clip'), trackId: idSchema, start: seconds }),
  z.strictObject({
    type: z.literal('move-track'),
    trackId: idSchema,
    index: z.number().int().min(0).max(10000),
  }),
  z.strictObject({ type: z.literal('remove-track'), trackId: idSchema }),
  z.strictObject({ type: z.literal('set-selection'), selection: selectionSchema.nullable() }),
  z.strictObject({ type: z.literal('extend-selection'), from: seconds, to: seconds }),
  z.strictObject({ type: z.literal('set-transfer'), settings: transferSettingsSchema.partial() }),
  z.strictObject({
    type: z.literal('set-transfer-value'),
    name: settingName,
    value: settingValue,
  }),
  z.strictObject({ type: z.literal('set-style'), trackId: idSchema, weight: weight.nullable() }),
  z.strictObject({
    type: z.literal('rate-result'),
    trackId: idSchema,
    rating: z.int().min(1).max(5).nullable(),
  }),
  z.strictObject({ type: z.literal('rename-project'), name: nameSchema }),
]);

// Compile-time checks that the schemas and the shared types agree, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const documentMatches: Same<z.infer<typeof documentSchema>, ProjectDocument> = true;
const editMatches: Same<z.infer<typeof editSchema>, ProjectEdit> = true;
const settingsMatch: Same<z.infer<typeof transferSettingsSchema>, TransferSettings> = true;
void [documentMatches, editMatches, settingsMatch];
