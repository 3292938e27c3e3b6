// The model cache on disk: one folder per model (manifest.json + weights.bin, the tfjs weights
// format), in the user's models folder, plus read-only folders of models shipped with the app.
// A model is written into a hidden temporary folder and renamed into place, so a reader sees the
// old model or the complete new one, never half; its weights are hashed on every load, and a
// model that fails any check is reported as damaged and never used.
import { isModelName, MODEL_NAME_PATTERN } from '../../shared/model-name';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { leftoverName, tidyFolderWrites, writeFolderAtomic } from './atomic-folder';
import {
  ModelDamagedError,
  ModelExistsError,
  ModelNameError,
  ModelNotFoundError,
  ModelReadOnlyError,
} from './errors';
import {
  MANIFEST_FILE,
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  WEIGHTS_FILE,
  firstProblem,
  manifestSchema,
  type ManifestDraft,
  type ModelManifest,
} from './manifest';

export interface ModelCacheOptions {
  /** The user's models; new models are written here. */
  dir: string;
  /** Read-only folders of models shipped with the app (resources/models), searched after `dir`. */
  shipped?: readonly string[];
}

export interface ModelLocation {
  name: string;
  folder: string;
  shipped: boolean;
}

export type ListedModel =
  | (ModelLocation & { status: 'ok'; manifest: ModelManifest; bytes: number })
  | (ModelLocation & { status: 'damaged'; problem: string });

export interface LoadedModel {
  manifest: ModelManifest;
  location: ModelLocation;
  /** The decoded weights; the caller owns (and disposes) them. */
  weights: tf.NamedTensorMap;
}

/** Throws ModelNameError unless `name` is a safe folder name on every system. */
export function checkModelName(name: string): void {
  if (!isModelName(name))
    throw new ModelNameError(
      name,
      `"${name}" cannot be a model name: use 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit.`,
    );
}

export class ModelCache {
  readonly dir: string;
  readonly shipped: readonly string[];
  private tidied: Promise<unknown> | undefined;

  constructor(options: ModelCacheOptions) {
    this.dir = options.dir;
    this.shipped = options.shipped ?? [];
  }

  /** Every model, the user's first; shipped ones a user model of the same name hides. */
  async list(): Promise<ListedModel[]> {
    // Once per cache: what writes killed earlier left (atomic-folder.ts).
    this.tidied ??= tidyFolderWrites(this.dir);
    await this.tidied;
    const seen = new Set<string>();
    const out: ListedModel[] = [];
    for (const [folder, shipped] of this.folders()) {
      for (const name of await modelFolders(folder)) {
        if (seen.has(name)) continue;
        seen.add(name);
        const location = { name, folder: join(folder, name), shipped };
        try {
          const { manifest, data } = await readModel(location);
          out.push({ ...location, status: 'ok', manifest, bytes: data.byteLength });
        } catch (error) {
          if (!(error instanceof ModelDamagedError)) throw error;
          out.push({ ...location, status: 'damaged', problem: error.message });
        }
      }
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Where a model lives: the user's folder first, then the shipped ones. */
  async locate(name: string): Promise<ModelLocation> {
    checkModelName(name);
    for (const [folder, shipped] of this.folders()) {
      const path = join(folder, name);
      if ((await stat(path).catch(() => undefined))?.isDirectory())
        return { name, folder: path, shipped };
    }
    throw new ModelNotFoundError(
      name,
      `There is no model called "${name}" in ${this.dir}${this.shipped.length ? ' or among the shipped models' : ''}: run \`timbrefold models list\` to see them.`,
    );
  }

  async exists(name: string): Promise<boolean> {
    return this.locate(name).then(
      () => true,
      (error: unknown) => {
        if (error instanceof ModelNotFoundError) return false;
        throw error;
      },
    );
  }

  /** Reads, checks (manifest schema, weights size and hash) and decodes a model. */
  async load(name: string): Promise<LoadedModel> {
    const location = await this.locate(name);
    const { manifest, data } = await readModel(location);
    return { manifest, location, weights: decodeWeights(location, manifest, data) };
  }

  /**
   * Builds the caller's network from a model's weights and frees the decoded weights (the
   * network keeps its own copies). An error `isWeightsError` recognises (weights of the wrong
   * names or shapes) is reported as the model being damaged; any other passes through.
   */
  async build<T>(
    name: string,
    make: (model: LoadedModel) => T,
    isWeightsError: (error: unknown) => error is Error,
  ): Promise<{ manifest: ModelManifest; built: T }> {
    const model = await this.load(name);
    try {
      return { manifest: model.manifest, built: make(model) };
    } catch (error) {
      if (isWeightsError(error))
        throw new ModelDamagedError(
          name,
          `The model "${name}" in ${model.location.folder} is damaged: ${error.message}.`,
        );
      throw error;
    } finally {
      tf.dispose(Object.values(model.weights));
    }
  }

  /**
   * Writes a model atomically under `draft.name`. An existing user model of that name is kept
   * unless `replace` is set; a shipped one is only ever hidden, never touched.
   */
  async save(
    draft: ManifestDraft,
    weights: tf.NamedTensorMap,
    options: { replace?: boolean } = {},
  ): Promise<ModelManifest> {
    checkModelName(draft.name);
    const encoded = await tf.io.encodeWeights(weights);
    const data = new Uint8Array(encoded.data as ArrayBuffer);
    const manifest = manifestSchema.parse({
      format: MODEL_FORMAT,
      formatVersion: MODEL_FORMAT_VERSION,
      ...draft,
      weights: {
        file: WEIGHTS_FILE,
        bytes: data.byteLength,
        sha256: sha256(data),
        specs: encoded.specs.map((s) => ({ name: s.name, shape: s.shape, dtype: s.dtype })),
      },
    });
    await this.writeFolder(manifest, data, options.replace ?? false);
    return manifest;
  }

  /** Removes a user model (never a shipped one). */
  async delete(name: string): Promise<void> {
    const location = await this.locate(name);
    if (location.shipped)
      throw new ModelReadOnlyError(
        name,
        `"${name}" is shipped with the app and cannot be deleted.`,
      );
    // Renamed away first, so a half-deleted folder is never mistaken for a model.
    const doomed = join(this.dir, leftoverName(name, 'deleted'));
    await rename(location.folder, doomed);
    await rm(doomed, { recursive: true, force: true });
  }

  /** Folder for a model's training checkpoint (resume after a cancel). */
  checkpointFolder(name: string): string {
    checkModelName(name);
    return join(this.dir, '.training', name);
  }

  /** Writes manifest + weights (already checked) as the model `manifest.name`. */
  async writeFolder(manifest: ModelManifest, data: Uint8Array, replace: boolean): Promise<void> {
    const name = manifest.name;
    checkModelName(name);
    await mkdir(this.dir, { recursive: true });
    const target = join(this.dir, name);
    const taken = (await stat(target).catch(() => undefined)) !== undefined;
    if (taken && !replace)
      throw new ModelExistsError(
        name,
        `A model called "${name}" already exists in ${this.dir}: choose another name, or delete or replace it.`,
      );
    await writeFolderAtomic(target, {
      [WEIGHTS_FILE]: data,
      [MANIFEST_FILE]: `${JSON.stringify(manifest, null, 2)}\n`,
    });
  }

  private folders(): [string, boolean][] {
    return [[this.dir, false], ...this.shipped.map((f): [string, boolean] => [f, true])];
  }
}

/** Checks a model's manifest and weights against each other; returns both. */
export async function readModel(
  location: ModelLocation,
): Promise<{ manifest: ModelManifest; data: Uint8Array }> {
  const damaged = (why: string, cause?: unknown) =>
    new ModelDamagedError(
      location.name,
      `The model "${location.name}" in ${location.folder} is damaged: ${why}. Delete it and train or import it again.`,
      { cause },
    );
  let text: string;
  try {
    text = await readFile(join(location.folder, MANIFEST_FILE), 'utf8');
  } catch (error) {
    throw damaged(`its ${MANIFEST_FILE} cannot be read`, error);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw damaged(`its ${MANIFEST_FILE} is not valid JSON`, error);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success)
    throw damaged(`its ${MANIFEST_FILE} is not a model manifest (${firstProblem(parsed.error)})`);
  const manifest = parsed.data;
  const data = await readFile(join(location.folder, WEIGHTS_FILE)).catch((error: unknown) => {
    throw damaged(`its ${WEIGHTS_FILE} cannot be read`, error);
  });
  checkWeights(manifest, data, damaged);
  return { manifest, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/** Size, hash and specs of the weights against the manifest. */
export function checkWeights(
  manifest: ModelManifest,
  data: Uint8Array,
  damaged: (why: string) => Error,
): void {
  if (data.byteLength !== manifest.weights.bytes)
    throw damaged(
      `its weights are ${data.byteLength} bytes, the manifest says ${manifest.weights.bytes}`,
    );
  if (sha256(data) !== manifest.weights.sha256)
    throw damaged(
      'its weights do not match their recorded SHA-256 (changed or corrupted since it was saved)',
    );
  const expected = manifest.weights.specs.reduce(
    (sum, s) => sum + 4 * s.shape.reduce((a, b) => a * b, 1),
    0,
  );
  if (expected !== data.byteLength)
    throw damaged(`its weight list needs ${expected} bytes, the weights are ${data.byteLength}`);
}

function decodeWeights(
  location: ModelLocation,
  manifest: ModelManifest,
  data: Uint8Array,
): tf.NamedTensorMap {
  const buffer = data.buffer.slice(
    data.byteOffset,
    data.byteOffset + data.byteLength,
  ) as ArrayBuffer;
  try {
    return tf.io.decodeWeights(buffer, manifest.weights.specs);
  } catch (error) {
    throw new ModelDamagedError(
      location.name,
      `The model "${location.name}" in ${location.folder} is damaged: its weights cannot be decoded.`,
      { cause: error },
    );
  }
}

/** Model folders directly inside `folder` (hidden and temporary ones skipped). */
async function modelFolders(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((e) => e.isDirectory() && MODEL_NAME_PATTERN.test(e.name))
    .map((e) => e.name);
}

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
