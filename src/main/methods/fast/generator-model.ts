// A generator of the model cache as a ready network. The cache holds files and manifests; the
// network they make is this method's knowledge (generator training saves through it too).
import {
  GeneratorNetwork,
  GeneratorWeightsError,
  type GeneratorConfig,
} from '../../engine/generator/generator-network';
import { ModelMismatchError } from '../../models/errors';
import type { GeneratorManifest } from '../../models/manifest';
import type { ModelCache } from '../../models/model-cache';

/** The network configuration a generator's manifest describes. */
export function generatorConfigOf(manifest: GeneratorManifest): GeneratorConfig {
  return {
    bins: manifest.spectrogram.nFft / 2 + 1,
    ...manifest.generator,
    inputMean: manifest.input.mean,
    inputStd: manifest.input.std,
  };
}

/** The model as a ready generator (generators only); the caller disposes it. */
export async function loadGenerator(
  cache: ModelCache,
  name: string,
): Promise<{ manifest: GeneratorManifest; generator: GeneratorNetwork }> {
  const { built } = await cache.build(
    name,
    ({ manifest, weights }) => {
      if (manifest.kind !== 'generator')
        throw new ModelMismatchError(
          name,
          `The model "${name}" is a ${manifest.kind}, not a generator: the fast method needs a generator (train one with \`timbrefold train --kind generator\`), or transfer with "${name}" by --method cnn.`,
        );
      return { manifest, generator: new GeneratorNetwork(generatorConfigOf(manifest), weights) };
    },
    (error): error is GeneratorWeightsError => error instanceof GeneratorWeightsError,
  );
  return built;
}
