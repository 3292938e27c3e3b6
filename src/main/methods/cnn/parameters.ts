// Every setting of the trained-CNN method (METHODS.md section 3), declared once, and its presets,
// one per network architecture. The analysis (rate, FFT, hop) is not among them: it is the model's
// own, since a network only understands spectrograms like the ones it was trained on.
import {
  presetSettings,
  type NameListDeclaration,
  type PresetDeclaration,
  type SettingsOf,
  type TextDeclaration,
  type WeightListDeclaration,
} from '../../../shared/parameters';
import {
  CONTENT_WEIGHT,
  ITERATIONS,
  LEARNING_RATE,
  OPTIMISER,
  SEED,
  START,
  STYLE_WEIGHT,
  lossWeight,
  PHASE_AND_CHANNELS,
} from '../common-parameters';
import { withDefault } from '../../../shared/parameters';

const CONTENT_LAYER: TextDeclaration<'contentLayer'> = {
  kind: 'text',
  name: 'contentLayer',
  label: 'Content layer',
  doc: 'the layer whose activations keep the content (e.g. relu3_3)',
  maxLength: 64,
  default: 'relu5',
};

const STYLE_LAYERS: NameListDeclaration<'styleLayers'> = {
  kind: 'names',
  name: 'styleLayers',
  label: 'Style layers',
  doc: 'style layers, LAYER[:WEIGHT],... (e.g. relu1_2,relu2_2:0.5)',
  maxItems: 32,
  default: ['relu1', 'relu2', 'relu3', 'relu4', 'relu5'],
  weightsIn: 'styleLayerWeights',
};

const STYLE_LAYER_WEIGHTS: WeightListDeclaration<'styleLayerWeights'> = {
  kind: 'weights',
  name: 'styleLayerWeights',
  label: 'Style layer weights',
  doc: 'weight of each style layer (normalised to sum 1); given with --style-layers',
  flag: false,
  min: 0,
  max: 1e12,
  maxItems: 32,
  default: [1, 1, 1, 1, 1],
};

export const CNN_PARAMETERS = [
  CONTENT_LAYER,
  STYLE_LAYERS,
  STYLE_LAYER_WEIGHTS,
  withDefault(CONTENT_WEIGHT, 1),
  STYLE_WEIGHT,
  // Seed 000 balances the envelope terms against the Gram terms by an interpolation factor of 1e-2.
  lossWeight(
    'energyWeight',
    'Energy envelope weight',
    'energy envelope weight: how closely the result’s loudness over time follows the style’s ' +
      'swells and attacks (0: off; it costs some of the content’s rhythm)',
    1e-2,
  ),
  lossWeight(
    'frequencyWeight',
    'Frequency envelope weight',
    'frequency envelope weight: how closely the result takes on the style’s overall EQ, its ' +
      'brightness or darkness (0: off)',
    1e-2,
  ),
  withDefault(START, 'noise'),
  SEED,
  OPTIMISER,
  withDefault(ITERATIONS, 100),
  withDefault(LEARNING_RATE, 0.05),
  ...PHASE_AND_CHANNELS,
] as const;

export type CnnSettings = SettingsOf<typeof CNN_PARAMETERS>;

/**
 * verma-smith: seed 004 (its small receptive fields keep detail: content at the deepest
 * convolution, style at all five). audio-vgg: seed 000 (content relu3_3; style relu1_2, relu2_2,
 * relu3_3, relu4_3). Both with the envelope balance of seed 000 (envelopes.ts has the measurements).
 * A preset's name is the architecture of the model it needs.
 */
export const CNN_PRESETS = [
  {
    name: 'verma-smith',
    label: 'Verma & Smith (small, fast)',
    doc: 'seed 004’s small network: small receptive fields keep detail',
    values: {},
  },
  {
    name: 'audio-vgg',
    label: 'Audio-VGG (deeper)',
    doc: 'seed 000’s VGG-19 on spectrograms',
    values: {
      contentLayer: 'relu3_3',
      styleLayers: ['relu1_2', 'relu2_2', 'relu3_3', 'relu4_3'],
      styleLayerWeights: [1, 1, 1, 1],
    },
  },
] as const satisfies readonly PresetDeclaration<Partial<CnnSettings>>[];

export type CnnPresetName = (typeof CNN_PRESETS)[number]['name'];
export const CNN_PRESET_NAMES: readonly CnnPresetName[] = CNN_PRESETS.map((p) => p.name);

/** A preset's full settings. */
export function cnnPreset(name: CnnPresetName): CnnSettings {
  return presetSettings(
    CNN_PARAMETERS,
    CNN_PRESETS.find((p) => p.name === name)!,
  );
}
