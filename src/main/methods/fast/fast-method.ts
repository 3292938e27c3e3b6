// The fast method (METHODS.md section 4, after Johnson et al.) as the transfer skeleton calls it:
// a generator of the model cache, trained for one style, whose analysis the skeleton reads the
// content at; each window is one forward pass, so it reports no iterations.
import { ParameterError } from '../../../shared/user-error';
import { describeSpectrogram } from '../../engine/cnn/spectrogram-settings';
import { ModelMismatchError } from '../../models/errors';
import { defaultModelsFolder, shippedModelsFolder } from '../../models/locations';
import { ModelCache } from '../../models/model-cache';
import type { TransferMethod } from '../method';
import { loadGenerator } from './generator-model';
import { FAST_PARAMETERS, FAST_PRESETS, type FastSettings } from './parameters';

const NO_LOSSES = { total: 0, content: 0, style: 0 };

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
    const cache = new ModelCache({
      dir: request.modelsDir ?? defaultModelsFolder(),
      shipped: request.shippedModelsDirs ?? [shippedModelsFolder()],
    });
    const { manifest, generator } = await loadGenerator(cache, request.model);
    try {
      const analysis = manifest.spectrogram;
      const asked = request.analysis ?? {};
      for (const key of ['sampleRate', 'nFft', 'hop'] as const) {
        const value = asked[key];
        if (value !== undefined && value !== analysis[key])
          throw new ModelMismatchError(
            manifest.name,
            `The generator "${manifest.name}" was trained at ${describeSpectrogram(analysis)}; the request asks for ${key} ${value}. A generator only works at its own analysis: leave it to the model, or train one at the analysis you want.`,
          );
      }
      return {
        settings,
        preset: FAST_PRESETS[0].name,
        analysis: {
          sampleRate: analysis.sampleRate,
          nFft: analysis.nFft,
          hop: analysis.hop,
          winLength: analysis.winLength,
        },
        minimumFrames: 1,
        noLosses: { ...NO_LOSSES },
        // The style is the generator's: the streams' (empty) style lists are not used.
        async streamOptimiser() {
          return {
            optimise: async (window) => ({
              data: generator.generate(window.data, window.frames),
              finalLosses: { ...NO_LOSSES },
            }),
            dispose: () => undefined,
          };
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
