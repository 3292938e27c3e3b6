// Seed 000's figure 3: where a trained classifier puts each clip. Every clip of a folder of class
// folders goes through the classifier up to a late layer (its last pooling layer by default);
// the activation, averaged over the clip's crops, time and frequency, is the clip's feature
// vector (one value per channel: after the last pooling layer, what the classifier's head
// reads), and t-SNE or UMAP maps the vectors to two dimensions. Measured on the corpus (flute
// and keyboard, the shipped Verma & Smith demo, t-SNE seed 0), silhouette of the map: 0.70 with
// these vectors, 0.60 with each channel standardised, 0.29 and 0.15 keeping the frequency rows
// (1,024 values) raw and standardised: the rows carry pitch, which the classes share.
import * as tf from '@tensorflow/tfjs-core';
import { TSNE } from '@keckelt/tsne';
import { UMAP } from 'umap-js';
import {
  CLUSTER_SEED_RANGE,
  EMBEDDING_METHODS,
  type EmbeddingMethod,
} from '../../shared/ipc-evaluation';
import type { BackendChoice } from '../../shared/transfer';
import { ParameterError } from '../../shared/user-error';
import { seededRandom } from '../dsp/random';
import { initBackend } from '../engine/backend';
import type { CnnNetwork } from '../engine/cnn/network';
import type { LogSpectrogram } from '../engine/spectrogram';
import { loadClassifier } from '../methods/cnn/classifier';
import { ModelCache } from '../models/model-cache';
import { clipCropStarts } from '../training/classify';
import { fillBatch } from '../training/crops';
import { loadTrainingClips, type SkippedClip } from '../training/load-clips';
import { findTrainingData } from '../training/training-data';
import { defaultMapLayer, mapLayers } from './cluster-layers';
import { EvaluationError } from './errors';

export { EMBEDDING_METHODS, type EmbeddingMethod };

export interface ClusterRequest {
  /** A classifier of the cache. */
  model: string;
  modelsDir: string;
  shippedModelsDirs?: string[];
  /** A folder with one subfolder of WAV clips per class. */
  data: string;
  /** The activation to embed (default: the classifier's last pooling layer). */
  layer?: string;
  method?: EmbeddingMethod;
  seed?: number;
  backend?: BackendChoice;
}

export interface ClusterPoint {
  file: string;
  class: string;
  x: number;
  y: number;
}

export interface ClusterReport {
  model: string;
  /** The model's own classes (the data's folders may hold others: generated classes). */
  modelClasses: string[];
  layer: string;
  method: EmbeddingMethod;
  seed: number;
  /** The data's classes, in folder order; each point's class is one of them. */
  classes: string[];
  /** Length of each clip's feature vector. */
  features: number;
  points: ClusterPoint[];
  resampled: { files: number; toRate: number };
  skipped: SkippedClip[];
}

export interface ClusterProgress {
  phase: 'loading' | 'features' | 'embedding';
  done: number;
  total: number;
}

/** t-SNE's iterations: its cost falls by less than 0.1 % an iteration well before 1000 here. */
const TSNE_ITERATIONS = 1000;

export async function clusterClips(
  request: ClusterRequest,
  options: { signal?: AbortSignal; onProgress?: (p: ClusterProgress) => void } = {},
): Promise<ClusterReport> {
  const method = request.method ?? 'tsne';
  if (!(EMBEDDING_METHODS as readonly string[]).includes(method))
    throw new ParameterError(
      'method',
      `Unknown method "${String(method)}": use ${EMBEDDING_METHODS.join(' or ')}.`,
    );
  const seed = request.seed ?? CLUSTER_SEED_RANGE.default;
  if (!Number.isSafeInteger(seed))
    throw new ParameterError('seed', `The seed must be a whole number, not ${seed}.`);
  const data = await findTrainingData(request.data, { layout: 'folders' });
  await initBackend({ backend: request.backend ?? 'auto' });
  const cache = new ModelCache({
    dir: request.modelsDir,
    shipped: request.shippedModelsDirs ?? [],
  });
  const { manifest, network } = await loadClassifier(cache, request.model);
  try {
    // The clusters are read against the classes the classifier knows: a folder set sharing none
    // of them was not made with this classifier's sources.
    if (!data.classes.some((name) => manifest.classes.includes(name)))
      throw new EvaluationError(
        'CLASS_MISMATCH',
        `The classifier "${request.model}" knows ${manifest.classes.join(', ')}, and none of the class folders of ${data.root} (${data.classes.join(', ')}) is one of them: use the classifier trained on these sources, or name the source folders after its classes.`,
      );
    const layer = request.layer ?? defaultMapLayer(network.layers);
    const choices = mapLayers(network.layers);
    if (!choices.includes(layer))
      throw new ParameterError(
        'layer',
        `The classifier "${request.model}" (${manifest.architecture}) has no layer "${layer}": use one of ${choices.join(', ')}.`,
      );
    const loaded = await loadTrainingClips(data, manifest.spectrogram, {
      ...(options.signal && { signal: options.signal }),
      onProgress: (done, total) => options.onProgress?.({ phase: 'loading', done, total }),
    });
    const clips = loaded.clips;
    if (clips.length < 3)
      throw new EvaluationError(
        'TOO_FEW_FILES',
        `${data.root} has ${clips.length} readable clips; a two-dimensional map needs at least 3.`,
      );
    const vectors: Float64Array[] = [];
    for (const [i, clip] of clips.entries()) {
      if (options.signal?.aborted) throw new Error('cancelled');
      vectors.push(clipFeatures(network, clip.spectrogram, manifest.cropFrames, layer));
      options.onProgress?.({ phase: 'features', done: i + 1, total: clips.length });
    }
    options.onProgress?.({ phase: 'embedding', done: 0, total: 1 });
    const coordinates = embed(
      vectors.map((v) => [...v]),
      method,
      seed,
    );
    return {
      model: request.model,
      modelClasses: manifest.classes,
      layer,
      method,
      seed,
      classes: data.classes,
      features: vectors[0]!.length,
      points: clips.map((clip, i) => ({
        file: clip.path,
        class: clip.className,
        x: coordinates[i]![0]!,
        y: coordinates[i]![1]!,
      })),
      resampled: {
        files: clips.filter((c) => c.sampleRate !== manifest.spectrogram.sampleRate).length,
        toRate: manifest.spectrogram.sampleRate,
      },
      skipped: loaded.skipped,
    };
  } finally {
    network.dispose();
  }
}

/**
 * A clip's feature vector at `layer`: the activation [frames, rows, channels] of each of the
 * clip's crops (those `classify` uses), averaged over crops, frames and rows: one per channel.
 */
export function clipFeatures(
  network: CnnNetwork,
  spectrogram: LogSpectrogram,
  cropFrames: number,
  layer: string,
): Float64Array {
  const crops = clipCropStarts(spectrogram, cropFrames).map((start) => ({
    clip: 0,
    start,
    gainDb: 0,
  }));
  const batch = fillBatch([spectrogram], crops, cropFrames);
  const mean = tf.tidy(() => {
    const input = tf.tensor4d(batch, [crops.length, cropFrames, spectrogram.bins, 1]);
    const { last } = network.forward(input, { until: layer, weightGradients: false });
    return tf.mean(last, [0, 1, 2]);
  });
  const values = new Float64Array(mean.dataSync());
  mean.dispose();
  return values;
}

/** Two-dimensional coordinates of the vectors, the same for the same seed. */
export function embed(vectors: number[][], method: EmbeddingMethod, seed: number): number[][] {
  const random = seededRandom(seed);
  if (method === 'umap') {
    const umap = new UMAP({
      nComponents: 2,
      nNeighbors: Math.max(2, Math.min(15, vectors.length - 1)),
      random: () => random.next(),
    });
    return umap.fit(vectors);
  }
  // Perplexity: the usual 30 for large sets; small ones need it below a third of the points.
  const tsne = new TSNE({
    dim: 2,
    epsilon: 10,
    perplexity: Math.max(2, Math.min(30, (vectors.length - 1) / 3)),
  });
  // The package draws its starting layout from Math.random; its own Gaussian draw, replaced
  // by the seeded one, makes the layout (and so the map) the same for the same seed.
  tsne.gaussRandom = () => random.normal();
  tsne.initDataRaw(vectors);
  for (let i = 0; i < TSNE_ITERATIONS; i++) tsne.step();
  return tsne.getSolution() as number[][];
}
