// What the methods that transfer through a model of the cache share: the cache a request names,
// and, for the one-pass methods (the fast generator, CycleGAN), the model's own analysis (a
// request may restate it, never change it) and a window optimiser that is one forward pass.
import type { TransferRequest } from '../../shared/transfer';
import { describeSpectrogram, type SpectrogramSettings } from '../engine/cnn/spectrogram-settings';
import { ModelMismatchError } from '../models/errors';
import { defaultModelsFolder, shippedModelsFolder } from '../models/locations';
import { ModelCache } from '../models/model-cache';
import { generatorLayers, type GeneratorConfig } from '../engine/generator/generator-network';
import type { AnalysisSettings, StreamOptimiser, WindowMemory } from './method';

/** The losses a one-pass method reports: it optimises nothing. */
export const NO_LOSSES = { total: 0, content: 0, style: 0 };

/** The model cache a request names, with the shipped models beside it. */
export function modelCacheOf(request: TransferRequest): ModelCache {
  return new ModelCache({
    dir: request.modelsDir ?? defaultModelsFolder(),
    shipped: request.shippedModelsDirs ?? [shippedModelsFolder()],
  });
}

/**
 * The analysis a model was trained at; a request asking for another rate, n_fft or hop is refused
 * with `refusal`'s sentence (it is told the model's analysis, the key and the value asked).
 */
export function modelAnalysis(
  modelName: string,
  trained: SpectrogramSettings,
  asked: TransferRequest['analysis'],
  refusal: (at: string, key: string, value: number) => string,
): AnalysisSettings {
  for (const key of ['sampleRate', 'nFft', 'hop'] as const) {
    const value = asked?.[key];
    if (value !== undefined && value !== trained[key])
      throw new ModelMismatchError(modelName, refusal(describeSpectrogram(trained), key, value));
  }
  return {
    sampleRate: trained.sampleRate,
    nFft: trained.nFft,
    hop: trained.hop,
    winLength: trained.winLength,
  };
}

/** Each window through `network` once; nothing to dispose but the network, which its owner keeps. */
export function onePassOptimiser(network: {
  generate(data: Float32Array, frames: number): Float32Array;
}): StreamOptimiser {
  return {
    optimise: async (window) => ({
      data: network.generate(window.data, window.frames),
      finalLosses: { ...NO_LOSSES },
    }),
    dispose: () => undefined,
  };
}

const FLOAT = 4;

/**
 * What one window through a generator holds (the fast method's and CycleGAN's): its weights once,
 * and per frame every layer's output (a forward pass in tf.tidy keeps them all until it ends),
 * the residual sums, the input, its standardised copy, the output and its copy to JavaScript,
 * and the largest layer's unrolled input. Nothing grows with the styles: the style is the model.
 */
export function generatorWindowMemory(config: GeneratorConfig): WindowMemory {
  const layers = generatorLayers(config);
  const weights = layers.reduce(
    (sum, l) => sum + FLOAT * (l.kernel * l.channelsIn * l.channelsOut + l.channelsOut),
    0,
  );
  const outputs = layers.reduce((sum, l) => sum + l.channelsOut, 0);
  const unrolled = Math.max(...layers.map((l) => l.kernel * l.channelsIn));
  return {
    sharedBytes: weights,
    fixedBytes: 0,
    bytesPerFrame:
      FLOAT * (5 * config.bins + outputs + config.residualBlocks * config.channels + unrolled),
    bytesPerStyle: 0,
    fixedBy: { setting: 'model', makes: "the generator's layers", fix: 'use a smaller model' },
  };
}
