// The CycleGAN method (METHODS.md section 5, after Zhu et al.) as the transfer skeleton calls it:
// one direction of a CycleGAN model of the cache, chosen by the target class (--to); the style is
// the whole target class. Each window is one forward pass, so it reports no iterations; the phase,
// channels, windows and batches are the skeleton's, as for the fast method.
import { ParameterError } from '../../../shared/user-error';
import type { TransferMethod } from '../method';
import {
  generatorWindowMemory,
  modelAnalysis,
  modelCacheOf,
  NO_LOSSES,
  onePassOptimiser,
} from '../model-methods';
import { loadCycleGanDirection } from './cyclegan-model';
import { CYCLEGAN_PARAMETERS, CYCLEGAN_PRESETS, type CycleGanSettings } from './parameters';

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
    const cache = modelCacheOf(request);
    const direction = await loadCycleGanDirection(cache, request.model, settings.to);
    const { manifest, generator } = direction;
    try {
      const analysis = manifest.spectrogram;
      const modelAnalysisSettings = modelAnalysis(
        manifest.name,
        analysis,
        request.analysis,
        (at, key, value) =>
          `The CycleGAN "${manifest.name}" was trained at ${at}; the request asks for ${key} ${value}. It only works at its own analysis: leave it to the model.`,
      );
      return {
        settings,
        preset: CYCLEGAN_PRESETS[0].name,
        analysis: modelAnalysisSettings,
        minimumFrames: 1,
        windowMemory: generatorWindowMemory(generator.config),
        noLosses: { ...NO_LOSSES },
        async streamOptimiser() {
          return onePassOptimiser(generator);
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
