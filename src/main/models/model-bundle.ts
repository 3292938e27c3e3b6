// One model as one file, to move between machines: "TFMODEL1", the manifest's length (uint32,
// little-endian), the manifest (UTF-8 JSON), then the weights. Import checks it exactly as a
// load does (schema, size, SHA-256) before anything is written to the cache.
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';
import { ModelDamagedError } from './errors';
import {
  firstProblem,
  MANIFEST_FILE,
  manifestSchema,
  WEIGHTS_FILE,
  type ModelManifest,
} from './manifest';
import { checkModelName, checkWeights, readModel, type ModelCache } from './model-cache';

const MAGIC = 'TFMODEL1';

/** Writes a model of the cache to one file (atomically). */
export async function exportModel(
  cache: ModelCache,
  name: string,
  file: string,
): Promise<ModelManifest> {
  const location = await cache.locate(name);
  const { manifest, data } = await readModel(location);
  const header = Buffer.from(JSON.stringify(manifest), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.byteLength);
  // The model's own files are the inputs of an export: never written over.
  const protect = [join(location.folder, MANIFEST_FILE), join(location.folder, WEIGHTS_FILE)];
  await writeFileAtomic(file, Buffer.concat([Buffer.from(MAGIC, 'ascii'), length, header, data]), {
    protect,
  });
  return manifest;
}

/** Reads a bundle, checks it, and writes it into the cache (as `name`, default its own). */
export async function importModel(
  cache: ModelCache,
  file: string,
  options: { name?: string; replace?: boolean } = {},
): Promise<ModelManifest> {
  const damaged = (why: string) =>
    new ModelDamagedError(basename(file), `${file} is not a usable model file: ${why}.`);
  const bytes = await readFile(file).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    throw damaged(code === 'ENOENT' ? 'it does not exist' : `it cannot be read (${String(code)})`);
  });
  if (bytes.byteLength < 12 || bytes.subarray(0, 8).toString('ascii') !== MAGIC)
    throw damaged('it is not a Timbrefold model export');
  const headerLength = bytes.readUInt32LE(8);
  if (12 + headerLength > bytes.byteLength) throw damaged('it is cut short');
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.subarray(12, 12 + headerLength).toString('utf8'));
  } catch {
    throw damaged('its manifest is not valid JSON');
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success)
    throw damaged(`its manifest is not a model manifest (${firstProblem(parsed.error)})`);
  const data = new Uint8Array(bytes.subarray(12 + headerLength));
  checkWeights(parsed.data, data, damaged);
  const name = options.name ?? parsed.data.name;
  checkModelName(name);
  const manifest = { ...parsed.data, name };
  await cache.writeFolder(manifest, data, options.replace ?? false);
  return manifest;
}
