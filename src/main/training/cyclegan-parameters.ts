// CycleGAN training's settings, each declared once (name, unit, range, default, doc): the
// request's checks, the `train --kind cyclegan` flags, the models:train-cyclegan schema and the
// Models panel's fields (those marked `panel`) are derived from these.
import {
  defaultsOf,
  parameterProblem,
  type IntegerDeclaration,
  type NumberDeclaration,
  type SettingsOf,
} from '../../shared/parameters';
import { ParameterError } from '../../shared/user-error';
import type { CycleGanTerms } from '../models/manifest';

/** The analysis both generators read and write: the Verma & Smith classifier's. */
export const CYCLEGAN_ANALYSIS_NAME = 'verma-smith' as const;

/** Each loss term in a user's words (G maps the first class to the second, F back), in order. */
export const CYCLEGAN_TERM_LABELS: Readonly<Record<keyof CycleGanTerms, string>> = {
  adversarialG: 'G adversarial',
  adversarialF: 'F adversarial',
  cycle: 'cycle',
  identity: 'identity',
  discriminatorX: 'D_X',
  discriminatorY: 'D_Y',
};

const integer = <N extends string>(
  name: N,
  label: string,
  unit: IntegerDeclaration['unit'],
  min: number,
  max: number,
  value: number,
  doc: string,
  flag?: string,
): IntegerDeclaration<N> => ({
  kind: 'integer',
  name,
  label,
  unit,
  min,
  max,
  default: value,
  doc,
  ...(flag && { flag }),
});

const number = <N extends string>(
  name: N,
  label: string,
  min: number,
  max: number,
  value: number,
  doc: string,
  more: Partial<Omit<NumberDeclaration, 'name'>> = {},
): NumberDeclaration<N> => ({
  kind: 'number',
  name,
  label,
  unit: '',
  min,
  max,
  default: value,
  doc,
  ...more,
});

/**
 * Defaults: seed 000's 10 epochs at learning rate 1e-4; cycle weight 10 and identity 5 (half of
 * it), as Zhu et al. Sizes by measurement (wasm, 2 shared cores, one step = 8 crops of 1 s of
 * each class): generators 32 channels x 2 blocks with discriminators of 8 first-block channels,
 * generator step 2.6 s + discriminator step 4.3 s; discriminators of 4, 2.6 + 2.1 s; generators
 * of 16 x 1 change little (2.4 s: the generator step is mostly the passes through the
 * discriminators). So 4: 2 x 100 clips of 4 s are ~23 steps an epoch, ~2 min, ~18 min for 10.
 */
export const CYCLEGAN_TRAINING_PARAMETERS = [
  {
    ...integer(
      'epochs',
      'Epochs',
      'iterations',
      1,
      10000,
      10,
      'passes over the two classes’ clips',
    ),
    panel: true,
  },
  number('learningRate', 'Learning rate', 0, 1, 1e-4, 'Adam’s step for all four networks', {
    minExclusive: true,
    flag: 'lr',
    panel: true,
  }),
  number(
    'cycleWeight',
    'Cycle weight',
    0,
    1000,
    10,
    'weight of the cycle terms |F(G(x)) - x| + |G(F(y)) - y| against the adversarial ones',
    { panel: true },
  ),
  number(
    'identityWeight',
    'Identity weight',
    0,
    1000,
    5,
    'weight of |G(y) - y| + |F(x) - x|: keeps a clip already of the target class as it is',
    { panel: true },
  ),
  integer('batchSize', 'Batch size', '', 1, 512, 8, 'crops of each class per step'),
  number('cropSeconds', 'Crop length', 0.1, 60, 1, 'length of the training crops (seconds)'),
  integer('cropsPerClip', 'Crops per clip', '', 1, 256, 2, 'random crops per clip and epoch'),
  number('holdOut', 'Held-out share', 0, 0.9, 0.1, 'share of each class’s clips kept aside'),
  integer(
    'seed',
    'Seed',
    'seed',
    0,
    2 ** 31 - 1,
    0,
    'seed of the weights, the split and the crops',
  ),
  integer('channels', 'Generator channels', 'filters', 1, 1024, 32, 'width of both generators'),
  integer('residualBlocks', 'Residual blocks', '', 0, 32, 2, 'residual blocks of each generator'),
  integer(
    'discriminatorChannels',
    'Discriminator channels',
    'filters',
    1,
    256,
    4,
    'first-block width of both discriminators (each block doubles it)',
  ),
] as const;

export type CycleGanTrainingSettings = SettingsOf<typeof CYCLEGAN_TRAINING_PARAMETERS>;

export const CYCLEGAN_TRAINING_DEFAULTS: CycleGanTrainingSettings = defaultsOf(
  CYCLEGAN_TRAINING_PARAMETERS,
);

/** The settings with defaults filled in; a ParameterError naming the first bad one. */
export function cycleGanSettings(
  given: Partial<Record<string, unknown>>,
): CycleGanTrainingSettings {
  const settings = { ...CYCLEGAN_TRAINING_DEFAULTS } as Record<string, unknown>;
  for (const d of CYCLEGAN_TRAINING_PARAMETERS) {
    const value = given[d.name];
    if (value === undefined) continue;
    const problem = parameterProblem(d, value);
    if (problem) throw new ParameterError(d.name, problem);
    settings[d.name] = value;
  }
  return settings as CycleGanTrainingSettings;
}
