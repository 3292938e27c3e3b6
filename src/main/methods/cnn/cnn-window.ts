// The trained-CNN transfer on one window of content (METHODS.md section 3, seeds 000 and 004):
// optimise a log-magnitude spectrogram so that a trained classifier sees the content's
// activations at the content layer, the style's Gram matrices at the style layers, and the
// style's temporal and frequency envelopes. L-BFGS (as the shallow method) or Adam.
import * as tf from '@tensorflow/tfjs-core';
import { seededRandom } from '../../dsp/random';
import type { LbfgsStop } from '../../engine/lbfgs';
import { optimise } from '../../engine/optimise';
import type { LogSpectrogram } from '../../engine/spectrogram';
import { CnnObjective, type CnnLossValues, type CnnWeights } from './cnn-objective';
import { contentFeatures, type PreparedStyle } from '../../engine/cnn/cnn-targets';
import { alignedEnergyTarget, mixEnvelopes } from '../../engine/cnn/envelopes';
import { squaredNorm, type LayerTarget } from '../../engine/cnn/feature-losses';
import type { CnnNetwork } from '../../engine/cnn/network';

export interface CnnTransferParams {
  contentLayer: string;
  /** Style layers and their weights within the style term (normalised to sum 1). */
  styleLayers: readonly { layer: string; weight: number }[];
  weights: CnnWeights;
  /** 'noise' (the papers): Gaussian noise with the content's mean and spread; or the content. */
  start: 'noise' | 'content';
  seed: number;
  optimiser: 'lbfgs' | 'adam';
  iterations: number;
  /** Adam's step size. */
  learningRate: number;
}

export interface CnnIteration {
  iteration: number;
  losses: CnnLossValues;
  /** The current iterate, frames x bins (a copy). */
  current: () => Float32Array;
}

export interface CnnTransferOptions {
  signal?: AbortSignal;
  /** Where this window starts in the content, in frames (aligns the style's energy envelope). */
  startFrame?: number;
  onIteration?: (step: CnnIteration) => void | Promise<void>;
}

export interface CnnWindowResult {
  spectrogram: LogSpectrogram;
  iterations: number;
  initialLoss: CnnLossValues;
  finalLoss: CnnLossValues;
  stop: LbfgsStop;
}

/** Runs the optimisation on one content window against a prepared style. */
export async function cnnTransferWindow(
  network: CnnNetwork,
  content: LogSpectrogram,
  style: PreparedStyle,
  params: CnnTransferParams,
  options: CnnTransferOptions = {},
): Promise<CnnWindowResult> {
  const { frames, bins } = content;
  const startFrame = options.startFrame ?? 0;
  const features =
    params.weights.content > 0 ? contentFeatures(network, content, params.contentLayer) : undefined;
  try {
    const targets = layerTargets(params, style, features);
    const objective = new CnnObjective({
      network,
      frames,
      bins,
      targets,
      weights: params.weights,
      energyTarget: mixEnvelopes(
        style.energy.map((e) => alignedEnergyTarget(e.envelope, startFrame, frames)),
        style.energy.map((e) => e.share),
      ),
      frequencyTarget: style.frequency,
    });
    const run = await optimise<CnnLossValues>(objective, startPoint(content, params, startFrame), {
      optimiser: params.optimiser,
      iterations: params.iterations,
      learningRate: params.learningRate,
      lbfgsMemory: 10,
      ...(options.signal && { signal: options.signal }),
      onIteration: ({ iteration, values, current }) =>
        options.onIteration?.({ iteration, losses: values, current }),
    });
    return {
      spectrogram: { frames, bins, data: run.x },
      iterations: run.iterations,
      initialLoss: run.initialLoss,
      finalLoss: run.finalLoss,
      stop: run.stop,
    };
  } finally {
    features?.dispose();
  }
}

/** The network-side targets: one entry per layer, content and style where they apply. */
function layerTargets(
  params: CnnTransferParams,
  style: PreparedStyle,
  features: tf.Tensor | undefined,
): LayerTarget[] {
  const targets = new Map<string, LayerTarget>();
  if (features) {
    targets.set(params.contentLayer, {
      layer: params.contentLayer,
      content: { features, normSq: Math.max(squaredNorm(features), 1e-30) },
    });
  }
  if (params.weights.style > 0) {
    const total = params.styleLayers.reduce((sum, l) => sum + l.weight, 0);
    for (const { layer, weight } of params.styleLayers) {
      const gram = style.grams.get(layer);
      if (!gram || weight <= 0) continue;
      const target = targets.get(layer) ?? { layer };
      target.style = { ...gram, weight: weight / total };
      targets.set(layer, target);
    }
  }
  return [...targets.values()];
}

/** The content itself, or noise with the content's mean and standard deviation. */
function startPoint(
  content: LogSpectrogram,
  params: CnnTransferParams,
  startFrame: number,
): Float32Array {
  if (params.start === 'content') return Float32Array.from(content.data);
  let sum = 0;
  let sumSq = 0;
  for (const v of content.data) {
    sum += v;
    sumSq += v * v;
  }
  const n = content.data.length;
  const mean = sum / n;
  const std = Math.sqrt(Math.max(sumSq / n - mean * mean, 1e-12));
  // Each window draws its own noise, from a seed that depends on where it starts.
  return seededRandom(params.seed + 1 + startFrame).fillNormal(new Float32Array(n), mean, std);
}
