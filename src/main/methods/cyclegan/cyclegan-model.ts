// One direction of a CycleGAN model of the cache as a ready generator: G (classes[0] ->
// classes[1]) or F (back), chosen by the target class. Training saves both under G/ and F/.
import { ParameterError } from '../../../shared/user-error';
import { GeneratorNetwork, GeneratorWeightsError } from '../../engine/generator/generator-network';
import { ModelMismatchError } from '../../models/errors';
import type { CycleGanManifest } from '../../models/manifest';
import type { ModelCache } from '../../models/model-cache';
import { NO_CLASS } from './parameters';

export interface CycleGanDirection {
  manifest: CycleGanManifest;
  generator: GeneratorNetwork;
  from: string;
  to: string;
  /** 'G' (classes[0] -> classes[1]) or 'F'. */
  network: 'G' | 'F';
}

/** The generator toward `to`; the caller disposes it. */
export async function loadCycleGanDirection(
  cache: ModelCache,
  name: string,
  to: string,
): Promise<CycleGanDirection> {
  const { built } = await cache.build(
    name,
    ({ manifest, weights }): CycleGanDirection => {
      if (manifest.kind !== 'cyclegan')
        throw new ModelMismatchError(
          name,
          `The model "${name}" is a ${manifest.kind}, not a CycleGAN: the cyclegan method needs one (train it with \`timbrefold train --kind cyclegan\`)${manifest.kind === 'generator' ? `, or transfer with "${name}" by --method fast` : ''}.`,
        );
      const [x, y] = manifest.classes;
      const choose = `--to ${x} or --to ${y}`;
      if (to === NO_CLASS)
        throw new ParameterError(
          'to',
          `Name the target class (${choose}): the CycleGAN "${name}" turns ${x} into ${y} and back.`,
        );
      if (to !== x && to !== y)
        throw new ParameterError(
          'to',
          `The CycleGAN "${name}" knows the classes ${x} and ${y}, not "${to}": use ${choose}.`,
        );
      const network = to === y ? 'G' : 'F';
      const own = Object.fromEntries(
        Object.entries(weights)
          .filter(([w]) => w.startsWith(`${network}/`))
          .map(([w, t]) => [w.slice(2), t]),
      );
      const generator = new GeneratorNetwork(
        {
          bins: manifest.spectrogram.nFft / 2 + 1,
          ...manifest.generator,
          inputMean: manifest.input.mean,
          inputStd: manifest.input.std,
        },
        own,
      );
      return { manifest, generator, from: to === y ? x : y, to, network };
    },
    (error): error is GeneratorWeightsError => error instanceof GeneratorWeightsError,
  );
  return built;
}
