// Classifies sound files with a model of the cache (kind 'classify'): the check of seed 000's
// table 1, and a way to sort a sample library. A file that cannot be read gets its error in
// the results; the others are still classified.
import type { BackendChoice } from '../../shared/transfer';
import { initBackend } from '../engine/backend';
import type { JobContext } from '../jobs/job-table';
import { ModelCache } from '../models/model-cache';
import { loadClassifier } from '../methods/cnn/classifier';
import { argMax, clipProbabilities } from './classify';
import { clipSpectrogram } from './clip-spectrogram';

export interface ClassifyRequest {
  model: string;
  files: string[];
  modelsDir: string;
  shippedModelsDirs?: string[];
  backend?: BackendChoice;
}

export type FileClassification =
  | { file: string; class: string; probabilities: Record<string, number> }
  | { file: string; error: string };

export interface ClassifyProgress {
  done: number;
  total: number;
}

export async function classifyFiles(
  request: ClassifyRequest,
  options: { signal?: AbortSignal; onProgress?: (p: ClassifyProgress) => void } = {},
): Promise<FileClassification[]> {
  const cache = new ModelCache({
    dir: request.modelsDir,
    shipped: request.shippedModelsDirs ?? [],
  });
  await initBackend({ backend: request.backend ?? 'auto' });
  const { manifest, network } = await loadClassifier(cache, request.model);
  const results: FileClassification[] = [];
  try {
    for (const [i, file] of request.files.entries()) {
      if (options.signal?.aborted) throw new Error('cancelled');
      try {
        const spectrogram = await clipSpectrogram(file, manifest.spectrogram);
        const p = clipProbabilities(network, spectrogram, manifest.cropFrames);
        results.push({
          file,
          class: manifest.classes[argMax(p)]!,
          probabilities: Object.fromEntries(manifest.classes.map((c, k) => [c, p[k]!])),
        });
      } catch (error) {
        results.push({ file, error: error instanceof Error ? error.message : String(error) });
      }
      options.onProgress?.({ done: i + 1, total: request.files.length });
      await new Promise((resolve) => setImmediate(resolve));
    }
    return results;
  } finally {
    network.dispose();
  }
}

export function classifyJob(
  request: ClassifyRequest,
  context: JobContext<ClassifyProgress>,
): Promise<FileClassification[]> {
  return classifyFiles(request, {
    signal: context.signal,
    onProgress: (p) => context.progress(p),
  });
}
