// Opening a one-pass method (the fast generator, CycleGAN): a generator of the model cache, read
// at the model's own analysis, each window one forward pass. The two differ only in how they
// load their generator, what they say, and what the recipe records of their model.
import { ParameterError } from '../../shared/user-error';
import type { GeneratorNetwork } from '../engine/generator/generator-network';
import type { SpectrogramSettings } from '../engine/cnn/spectrogram-settings';
import type { ModelCache } from '../models/model-cache';
import type { MethodJob, OpenedMethod } from './method';
import {
  generatorWindowMemory,
  modelAnalysis,
  modelCacheOf,
  NO_LOSSES,
  onePassOptimiser,
} from './model-methods';

/** What a one-pass method loads: its model's manifest and the generator it transfers through. */
export interface OnePassModel {
  manifest: { name: string; spectrogram: SpectrogramSettings; weights: { sha256: string } };
  generator: GeneratorNetwork;
}

export interface OnePassMethod<Model extends OnePassModel> {
  /** The sentence of the refusal when the request names no model. */
  modelMissing: string;
  /** Loads the generator of the named model; the opened method disposes it. */
  load(cache: ModelCache, model: string): Promise<Model>;
  /** Refuses an analysis the model was not trained at (see modelAnalysis). */
  refusal(modelName: string, at: string, key: string, value: number): string;
  preset: string;
  /** The result's architecture ('generator', 'cyclegan'). */
  architecture: string;
  /** What the recipe records of the model. */
  recipeModel(model: Model): Record<string, unknown>;
}

export async function openOnePass<Settings, Model extends OnePassModel>(
  { request, settings, backendReady }: MethodJob<Settings>,
  method: OnePassMethod<Model>,
): Promise<OpenedMethod<Settings>> {
  if (typeof request.model !== 'string' || request.model === '')
    throw new ParameterError('model', method.modelMissing);
  await backendReady;
  const cache = modelCacheOf(request);
  const model = await method.load(cache, request.model);
  const { manifest, generator } = model;
  try {
    const analysis = manifest.spectrogram;
    const modelAnalysisSettings = modelAnalysis(
      manifest.name,
      analysis,
      request.analysis,
      (at, key, value) => method.refusal(manifest.name, at, key, value),
    );
    return {
      settings,
      preset: method.preset,
      analysis: modelAnalysisSettings,
      minimumFrames: 1,
      windowMemory: generatorWindowMemory(generator.config),
      noLosses: { ...NO_LOSSES },
      // The style is the model's: the streams' (empty) style lists are not used.
      async streamOptimiser() {
        return onePassOptimiser(generator);
      },
      recipe: { model: method.recipeModel(model), analysis },
      result: {
        model: {
          name: manifest.name,
          architecture: method.architecture,
          weightsSha256: manifest.weights.sha256,
        },
      },
      dispose: () => generator.dispose(),
    };
  } catch (error) {
    generator.dispose();
    throw error;
  }
}
