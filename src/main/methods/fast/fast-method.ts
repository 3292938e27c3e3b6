// The fast method (METHODS.md section 4, after Johnson et al.) as the transfer skeleton calls it:
// a generator of the model cache, trained for one style, whose analysis the skeleton reads the
// content at; each window is one forward pass, so it reports no iterations.
import { ParameterError } from '../../../shared/user-error';
import type { TransferMethod } from '../method';
import {
  generatorWindowMemory,
  modelAnalysis,
  modelCacheOf,
  NO_LOSSES,
  onePassOptimiser,
} from '../model-methods';
import { loadGenerator } from './generator-model';
import { FAST_PARAMETERS, FAST_PRESETS, type FastSettings } from './parameters';

export const fastMethod: TransferMethod<FastSettings> = {
  name: 'fast',
  label: 'Fast (trained generator)',
  doc: 'one pass through a generator trained for one style (train one: timbrefold train --kind generator)',
  parameters: FAST_PARAMETERS,
  presets: FAST_PRESETS,
  usesModel: true,
  modelKind: 'generator',
  styleFrom: 'model',
  analysisFrom: 'model',

  async open({ request, settings, backendReady }) {
    if (typeof request.model !== 'string' || request.model === '')
      throw new ParameterError(
        'model',
        'Name the generator to transfer with (--model NAME): the fast method’s style is its generator’s.',
      );
    await backendReady;
    const cache = modelCacheOf(request);
    const { manifest, generator } = await loadGenerator(cache, request.model);
    try {
      const analysis = manifest.spectrogram;
      const modelAnalysisSettings = modelAnalysis(
        manifest.name,
        analysis,
        request.analysis,
        (at, key, value) =>
          `The generator "${manifest.name}" was trained at ${at}; the request asks for ${key} ${value}. A generator only works at its own analysis: leave it to the model, or train one at the analysis you want.`,
      );
      return {
        settings,
        preset: FAST_PRESETS[0].name,
        analysis: modelAnalysisSettings,
        minimumFrames: 1,
        windowMemory: generatorWindowMemory(generator.config),
        noLosses: { ...NO_LOSSES },
        // The style is the generator's: the streams' (empty) style lists are not used.
        async streamOptimiser() {
          return onePassOptimiser(generator);
        },
        recipe: {
          model: {
            name: manifest.name,
            kind: manifest.kind,
            style: manifest.style,
            lossNetwork: manifest.lossNetwork,
            generator: manifest.generator,
            weightsSha256: manifest.weights.sha256,
            heldOutLoss: manifest.loss.heldOut,
          },
          analysis,
        },
        result: {
          model: {
            name: manifest.name,
            architecture: 'generator',
            weightsSha256: manifest.weights.sha256,
          },
        },
        dispose: () => generator.dispose(),
      };
    } catch (error) {
      generator.dispose();
      throw error;
    }
  },
};
