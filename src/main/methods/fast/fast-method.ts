// The fast method (METHODS.md section 4, after Johnson et al.) as the transfer skeleton calls it:
// a generator of the model cache, trained for one style, whose analysis the skeleton reads the
// content at; each window is one forward pass, so it reports no iterations.
import type { TransferMethod } from '../method';
import { openOnePass } from '../one-pass-method';
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

  open(job) {
    return openOnePass(job, {
      modelMissing:
        'Name the generator to transfer with (--model NAME): the fast method’s style is its generator’s.',
      load: loadGenerator,
      refusal: (name, at, key, value) =>
        `The generator "${name}" was trained at ${at}; the request asks for ${key} ${value}. A generator only works at its own analysis: leave it to the model, or train one at the analysis you want.`,
      preset: FAST_PRESETS[0].name,
      architecture: 'generator',
      recipeModel: ({ manifest }) => ({
        name: manifest.name,
        kind: manifest.kind,
        style: manifest.style,
        lossNetwork: manifest.lossNetwork,
        generator: manifest.generator,
        weightsSha256: manifest.weights.sha256,
        heldOutLoss: manifest.loss.heldOut,
      }),
    });
  },
};
