// Runtime checks of every request's arguments at the main side, one zod tuple per channel. The
// page is trusted no more than a web page: a value of the wrong type, range or size is refused
// with a ParameterError naming the argument and the value.
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import type { IpcCalls, IpcChannel } from '../../shared/ipc-channels';
import { CLUSTER_SEED_RANGE, EMBEDDING_METHODS } from '../../shared/ipc-evaluation';
import { MP3_BITRATES, STEM_FILE_FORMATS, STEM_RATE_RANGE } from '../../shared/ipc-export';
import type { TransferStartRequest } from '../../shared/ipc-jobs';
import { WEIGHT_LIMITS } from '../../shared/ipc-project';
import { ParameterError } from '../../shared/user-error';
import { TRAINING_EPOCH_LIMITS, type TrainCycleGanModelRequest } from '../../shared/ipc-models';
import { METHODS } from '../methods/registry';
import { CYCLEGAN_TRAINING_PARAMETERS } from '../training/cyclegan-parameters';
import { editSchema, idSchema, modelNameSchema, selectionSchema } from '../project/document-schema';
import { settingsSchema } from './parameter-schemas';

const pathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => isAbsolute(p) && !p.includes('\0'), { message: 'must be an absolute path' });
const role = z.enum(['content', 'style']);
const fileName = z.string().trim().min(1).max(255);
/** Up to an hour of 192 kHz audio per channel. */
const MAX_FRAMES = 192000 * 3600;
const MAX_WAV_BYTES = 2 ** 31 - 1;

const pcmSchema = z
  .strictObject({
    name: fileName,
    sampleRate: z.int().min(1000).max(768000),
    channels: z
      .array(z.instanceof(Float32Array).refine((c) => c.length <= MAX_FRAMES, 'is too long'))
      .min(1)
      .max(8),
    role,
  })
  // zod still runs these when the array is empty (its .min(1) is reported too): never index blindly.
  .refine((p) => p.channels.every((c) => c.length === p.channels[0]?.length), {
    message: 'channels must all have the same length',
    path: ['channels'],
  })
  .refine((p) => (p.channels[0]?.length ?? 0) > 0, {
    message: 'has no samples',
    path: ['channels'],
  });

const styleChoices = z
  .array(
    z.strictObject({
      trackId: idSchema,
      weight: z.number().min(WEIGHT_LIMITS.min).max(WEIGHT_LIMITS.max),
    }),
  )
  .min(1)
  .max(16);

/** A start request of each method of the registry, its settings checked by their declarations. */
const transferStart = z.discriminatedUnion(
  'method',
  METHODS.map((method) =>
    z.strictObject({
      method: z.literal(method.name),
      preset: z.enum(method.presets.map((p) => p.name) as [string, ...string[]]),
      ...(method.usesModel && { model: modelNameSchema.optional() }),
      contentTrackId: idSchema,
      // A method whose model holds the style takes no style tracks.
      styles: method.styleFrom === 'model' ? z.array(z.never()).max(0) : styleChoices,
      settings: settingsSchema(method.parameters),
      region: selectionSchema.nullable(),
    }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
) as unknown as z.ZodType<TransferStartRequest>;

const jobId = z.string().min(1).max(64);

const modelImport = z.strictObject({
  source: z.enum(['bundle', 'folder']),
  path: pathSchema.optional(),
  name: modelNameSchema.optional(),
  replace: z.boolean().optional(),
});

const modelExport = z.strictObject({ name: modelNameSchema, file: pathSchema.optional() });

const trainModel = z.strictObject({
  data: pathSchema,
  architecture: z.enum(['audio-vgg', 'verma-smith']),
  epochs: z.int().min(TRAINING_EPOCH_LIMITS.min).max(TRAINING_EPOCH_LIMITS.max),
  name: modelNameSchema,
});

const trainGenerator = z.strictObject({
  styleTrackId: idSchema,
  data: pathSchema,
  epochs: z.int().min(TRAINING_EPOCH_LIMITS.min).max(TRAINING_EPOCH_LIMITS.max),
  name: modelNameSchema,
});

const trainCycleGan = z.strictObject({
  data: pathSchema,
  name: modelNameSchema,
  settings: settingsSchema(CYCLEGAN_TRAINING_PARAMETERS),
}) as unknown as z.ZodType<TrainCycleGanModelRequest>;

const evaluationStart = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('consistency'),
    model: modelNameSchema,
    trackIds: z.array(idSchema).min(1).max(256),
  }),
  z.strictObject({
    kind: z.literal('clusters'),
    model: modelNameSchema,
    data: pathSchema,
    method: z.enum(EMBEDDING_METHODS).optional(),
    // Which layers the classifier has is checked against its manifest (editor-evaluation.ts).
    layer: z.string().min(1).max(64).optional(),
    seed: z.int().min(CLUSTER_SEED_RANGE.min).max(CLUSTER_SEED_RANGE.max).optional(),
  }),
]);

const ratingsExport = z.strictObject({
  file: pathSchema.optional(),
  replace: z.boolean().optional(),
});

const exportStems = z.strictObject({
  trackIds: z.array(idSchema).min(1).max(256),
  fileFormat: z.enum(STEM_FILE_FORMATS).optional(),
  sampleFormat: z.enum(['pcm16', 'pcm24', 'float32']),
  sampleRate: z.number().int().min(STEM_RATE_RANGE.min).max(STEM_RATE_RANGE.max),
  mp3Bitrate: z.union(MP3_BITRATES.map((rate) => z.literal(rate))).optional(),
  range: z
    .strictObject({ start: z.number().finite().min(0), end: z.number().finite().min(0) })
    .refine((r) => r.end > r.start, 'the selection must end after it starts')
    .optional(),
  padToCommonLength: z.boolean(),
  namingPattern: z.string().min(1).max(200),
  folder: pathSchema.optional(),
  replace: z.boolean().optional(),
});

const none = z.tuple([]);

/** The argument schema of every channel; a missing channel is a compile error. */
export const ARGUMENT_SCHEMAS: { [C in IpcChannel]: z.ZodType<IpcCalls[C]['args']> } = {
  'app:info': none,
  'project:get': none,
  'project:new': none,
  'project:open': z.tuple([pathSchema.optional()]),
  'project:save': none,
  'project:save-as': none,
  'project:recent': none,
  'project:edit': z.tuple([editSchema]),
  'project:undo': none,
  'project:redo': none,
  'audio:import': z.tuple([
    z.strictObject({
      paths: z.array(pathSchema).min(1).max(100).optional(),
      role: role.optional(),
    }),
  ]),
  'audio:import-pcm': z.tuple([pcmSchema]),
  'audio:import-wav-bytes': z.tuple([
    z.strictObject({
      name: fileName,
      bytes: z.instanceof(Uint8Array).refine((b) => b.length <= MAX_WAV_BYTES, 'is too large'),
      role,
    }),
  ]),
  'track:lanes': z.tuple([idSchema]),
  'track:drag-out': z.tuple([idSchema]),
  'transfer:options': none,
  'transfer:start': z.tuple([transferStart]),
  'transfer:start-batch': z.tuple([transferStart, z.array(idSchema).min(1).max(256)]),
  'transfer:cancel': z.tuple([jobId]),
  'transfer:jobs': none,
  'transfer:iterate-audio': z.tuple([jobId]),
  'transfer:style-advice': z.tuple([idSchema]),
  'export:stems': z.tuple([exportStems]),
  'export:show-in-folder': z.tuple([pathSchema]),
  'models:list': none,
  'models:delete': z.tuple([modelNameSchema]),
  'models:import': z.tuple([modelImport]),
  'models:export': z.tuple([modelExport]),
  'models:choose-data': none,
  'models:train': z.tuple([trainModel]),
  'models:cancel-training': z.tuple([jobId]),
  'models:resume-training': z.tuple([jobId]),
  'models:trainings': none,
  'models:choose-content': none,
  'models:train-generator': z.tuple([trainGenerator]),
  'models:cyclegan-options': none,
  'models:choose-class-pair': none,
  'models:train-cyclegan': z.tuple([trainCycleGan]),
  'evaluation:start': z.tuple([evaluationStart]),
  'evaluation:cancel': z.tuple([jobId]),
  'evaluation:curves': z.tuple([idSchema]),
  'evaluation:list': none,
  'evaluation:cluster-options': z.tuple([modelNameSchema]),
  'evaluation:ratings': none,
  'evaluation:export-ratings': z.tuple([ratingsExport]),
};

function describeValue(value: unknown): string {
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of ${value.byteLength} bytes`;
  const text = value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Checks a request's arguments; throws ParameterError naming the first bad one. */
export function parseArguments<C extends IpcChannel>(
  channel: C,
  args: unknown,
): IpcCalls[C]['args'] {
  const result = ARGUMENT_SCHEMAS[channel].safeParse(args);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  // The first element of the path is the argument's position; name from the next.
  const path =
    issue.path.slice(1).map(String).join('.') || `argument ${Number(issue.path[0] ?? 0) + 1}`;
  const value =
    issue.code === 'unrecognized_keys'
      ? (issue.keys ?? []).join(', ')
      : describeValue(valueAt(args, issue.path));
  throw new ParameterError(
    path,
    `The ${channel} request has a bad value: ${path} ${issue.message.replace(/^Invalid input: /, '').toLowerCase()} (got ${value}).`,
  );
}
