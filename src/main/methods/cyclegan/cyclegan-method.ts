// The CycleGAN method (METHODS.md section 5, after Zhu et al.) as the transfer skeleton calls it:
// one direction of a CycleGAN model of the cache, chosen by the target class (--to); the style is
// the whole target class. Each window is one forward pass, so it reports no iterations; the phase,
// channels, windows and batches are the skeleton's, as for the fast method.
import type { TransferMethod } from '../method';
import { openOnePass } from '../one-pass-method';
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

  open(job) {
    return openOnePass(job, {
      modelMissing:
        'Name the CycleGAN to transfer with (--model NAME) and the class to turn the content into (--to CLASS).',
      load: (cache, model) => loadCycleGanDirection(cache, model, job.settings.to),
      refusal: (name, at, key, value) =>
        `The CycleGAN "${name}" was trained at ${at}; the request asks for ${key} ${value}. It only works at its own analysis: leave it to the model.`,
      preset: CYCLEGAN_PRESETS[0].name,
      architecture: 'cyclegan',
      recipeModel: ({ manifest, from, to, network }) => ({
        name: manifest.name,
        kind: manifest.kind,
        classes: manifest.classes,
        from,
        to,
        network,
        generator: manifest.generator,
        losses: manifest.losses,
        epochs: manifest.training.epochs,
        weightsSha256: manifest.weights.sha256,
      }),
    });
  },
};
