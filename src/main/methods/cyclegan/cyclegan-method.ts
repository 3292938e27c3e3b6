// The CycleGAN method (METHODS.md section 5, after Zhu et al.) as the transfer skeleton calls it:
// one direction of a CycleGAN model of the cache, chosen by the target class (--to); the style is
// the whole target class. Each window is one forward pass, so it reports no iterations; the phase,
// channels, windows and batches are the skeleton's, as for the fast method.
import { ParameterError } from '../../../shared/user-error';
import { describeSpectrogram } from '../../engine/cnn/spectrogram-settings';
import { ModelMismatchError } from '../../models/errors';
import { defaultModelsFolder, shippedModelsFolder } from '../../models/locations';
import { ModelCache } from '../../models/model-cache';
import type { TransferMethod } from '../method';
import { loadCycleGanDirection } from './cyclegan-model';
import { CYCLEGAN_PARAMETERS, CYCLEGAN_PRESETS, type CycleGanSettings } from './parameters';

const NO_LOSSES = { total: 0, content: 0, style: 0 };

export const cycleGanMethod: TransferMethod<CycleGanSettings> = {
  name: 'cyclegan',
  label: 'CycleGAN (class to class)',
  doc: 'one pass through a CycleGAN trained between two classes, toward --to CLASS (train one: timbrefold train --kind cyclegan)',
  parameters: CYCLEGAN_PARAMETERS,
  presets: CYCLEGAN_PRESETS,
  usesModel: true,
  modelKind: 'cyclegan',
  styleFrom: 'model',
  analysisFrom: 'model',

  async open({ request, settings, backendReady }) {
    if (typeof request.model !== 'string' || request.model === '')
      throw new ParameterError(
        'model',
        'Name the CycleGAN to transfer with (--model NAME) and the class to turn the content into (--to CLASS).',
      );
    await backendReady;
    const cache = new ModelCache({
      dir: request.modelsDir ?? defaultModelsFolder(),
      shipped: request.shippedModelsDirs ?? [shippedModelsFolder()],
    });
    const direction = await loadCycleGanDirection(cache, request.model, settings.to);
    const { manifest, generator } = direction;
    try {
      const analysis = manifest.spectrogram;
      const asked = request.analysis ?? {};
      for (const key of ['sampleRate', 'nFft', 'hop'] as const) {
        const value = asked[key];
        if (value !== undefined && value !== analysis[key])
          throw new ModelMismatchError(
            manifest.name,
            `The CycleGAN "${manifest.name}" was trained at ${describeSpectrogram(analysis)}; the request asks for ${key} ${value}. It only works at its own analysis: leave it to the model.`,
          );
      }
      return {
        settings,
        preset: CYCLEGAN_PRESETS[0].name,
        analysis: {
          sampleRate: analysis.sampleRate,
          nFft: analysis.nFft,
          hop: analysis.hop,
          winLength: analysis.winLength,
        },
        minimumFrames: 1,
        noLosses: { ...NO_LOSSES },
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
            classes: manifest.classes,
            from: direction.from,
            to: direction.to,
            network: direction.network,
            generator: manifest.generator,
            losses: manifest.losses,
            epochs: manifest.training.epochs,
            weightsSha256: manifest.weights.sha256,
          },
          analysis,
        },
        result: {
          model: {
            name: manifest.name,
            architecture: 'cyclegan',
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
