// Imports a model folder (manifest.json + weights.bin, as the cache keeps them, e.g. copied from
// another machine's cache) into the cache. It is checked exactly as a load checks a model
// (schema, size, SHA-256) before anything is written.
import { basename } from 'node:path';
import type { ModelManifest } from './manifest';
import { checkModelName, readModel, type ModelCache } from './model-cache';

export async function importModelFolder(
  cache: ModelCache,
  folder: string,
  options: { name?: string; replace?: boolean } = {},
): Promise<ModelManifest> {
  const { manifest: found, data } = await readModel({
    name: basename(folder),
    folder,
    shipped: false,
  });
  const name = options.name ?? found.name;
  checkModelName(name);
  const manifest = { ...found, name };
  await cache.writeFolder(manifest, data, options.replace ?? false);
  return manifest;
}
