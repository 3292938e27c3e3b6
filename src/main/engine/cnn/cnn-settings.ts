// The settings of a trained-CNN transfer, its two presets, and the request that carries them.
// The analysis (rate, FFT, hop) is the model's own: a network only understands spectrograms
// like the ones it was trained on, so a request may restate it but never change it.
import type {
  BackendChoice,
  ChannelMode,
  StyleSource,
  TransferProgress,
} from '../../../shared/transfer';
import type { Seconds } from '../../../shared/units';
import type { ArchitectureName } from './architectures';
import type { SpectrogramSettings } from './spectrogram-settings';
import { check, checkPipelineSettings } from '../../transfer/check-settings';

export type CnnPresetName = ArchitectureName;

export interface CnnSettings {
  /** The activation whose distance to the content's is the content term. */
  contentLayer: string;
  /** Activations whose Gram matrices make the style term. */
  styleLayers: string[];
  /** Weight of each style layer (same length as styleLayers; normalised to sum 1). */
  styleLayerWeights: number[];
  /** alpha: the content term. */
  contentWeight: number;
  /** beta: the Gram (style) terms. */
  styleWeight: number;
  /** The temporal energy envelope term (seed 000's interpolation factor: 1e-2). */
  energyWeight: number;
  /** The frequency (timbral) envelope term. */
  frequencyWeight: number;
  /** 'noise' as both papers, or 'content'. */
  start: 'noise' | 'content';
  seed: number;
  optimiser: 'lbfgs' | 'adam';
  iterations: number;
  learningRate: number;
  phaseMethod: 'gl' | 'fgla';
  phaseIterations: number;
  phaseStart: 'random' | 'content';
  channelMode: ChannelMode;
  /** Content is optimised in windows of this length, joined with crossfades. */
  windowSeconds: Seconds;
}

const common = {
  contentWeight: 1,
  styleWeight: 1,
  start: 'noise',
  seed: 0,
  optimiser: 'lbfgs',
  iterations: 100,
  learningRate: 0.05,
  phaseMethod: 'fgla',
  phaseIterations: 100,
  phaseStart: 'random',
  channelMode: 'mono',
  windowSeconds: 10,
} as const;

/**
 * audio-vgg: seed 000 (content relu3_3; style relu1_2, relu2_2, relu3_3, relu4_3; the envelope
 * terms balanced against the Gram terms by the interpolation factor 1e-2). verma-smith: seed 004
 * (its small receptive fields keep detail: content at the deepest convolution, style at all
 * five), with the same envelope balance (envelopes.ts has the measurements).
 */
export const CNN_PRESETS: Readonly<Record<CnnPresetName, Readonly<CnnSettings>>> = {
  'audio-vgg': {
    ...common,
    contentLayer: 'relu3_3',
    styleLayers: ['relu1_2', 'relu2_2', 'relu3_3', 'relu4_3'],
    styleLayerWeights: [1, 1, 1, 1],
    energyWeight: 1e-2,
    frequencyWeight: 1e-2,
  },
  'verma-smith': {
    ...common,
    contentLayer: 'relu5',
    styleLayers: ['relu1', 'relu2', 'relu3', 'relu4', 'relu5'],
    styleLayerWeights: [1, 1, 1, 1, 1],
    energyWeight: 1e-2,
    frequencyWeight: 1e-2,
  },
};

export const CNN_PRESET_NAMES = Object.keys(CNN_PRESETS) as CnnPresetName[];

export interface CnnTransferRequest {
  method: 'cnn';
  /** Default: the model's own architecture. */
  preset?: CnnPresetName;
  /** A classifier in the model cache (default: the shipped demo model of the preset). */
  model?: string;
  /** The user's model cache (default: the app's user-data folder). */
  modelsDir?: string;
  /** Folders of shipped models (default: resources/models). */
  shippedModelsDirs?: string[];
  settings: Partial<CnnSettings>;
  /** The analysis, if the caller states one: it must be the model's. */
  analysis?: Partial<SpectrogramSettings>;
  content: string;
  styles: StyleSource[];
  output: string;
  region?: { start: Seconds; end: Seconds };
  previewEvery?: number;
  backend?: BackendChoice;
}

/** Loss terms of the CNN method: the shared three plus the two envelopes. */
export interface CnnLossTerms {
  total: number;
  content: number;
  style: number;
  energy: number;
  frequency: number;
}

export type CnnTransferProgress = TransferProgress & { losses?: CnnLossTerms };

/** The preset with the request's overrides, every value checked (layer names against the model later). */
export function resolveCnnSettings(request: {
  preset: CnnPresetName;
  settings: Partial<CnnSettings>;
}): CnnSettings {
  const preset = CNN_PRESETS[request.preset];
  check(
    preset !== undefined,
    'preset',
    `Unknown preset "${String(request.preset)}": use ${CNN_PRESET_NAMES.join(' or ')}.`,
  );
  const s: CnnSettings = {
    ...preset!,
    styleLayers: [...preset!.styleLayers],
    styleLayerWeights: [...preset!.styleLayerWeights],
  };
  for (const [key, value] of Object.entries(request.settings)) {
    check(key in s, key, `There is no setting called "${key}".`);
    if (value !== undefined) (s as unknown as Record<string, unknown>)[key] = value;
  }
  // Layers given without weights weigh the same.
  if (request.settings.styleLayers && !request.settings.styleLayerWeights)
    s.styleLayerWeights = s.styleLayers.map(() => 1);
  const weight = (v: number) => Number.isFinite(v) && v >= 0 && v <= 1e12;
  check(
    typeof s.contentLayer === 'string' && s.contentLayer !== '',
    'contentLayer',
    'Name a content layer.',
  );
  check(
    Array.isArray(s.styleLayers) &&
      s.styleLayers.length > 0 &&
      s.styleLayers.every((l) => typeof l === 'string'),
    'styleLayers',
    'Name at least one style layer.',
  );
  check(
    s.styleLayerWeights.length === s.styleLayers.length &&
      s.styleLayerWeights.every(weight) &&
      s.styleLayerWeights.some((w) => w > 0),
    'styleLayerWeights',
    `Give one weight (0 or more, not all 0) per style layer: ${s.styleLayers.length} layers, ${s.styleLayerWeights.length} weights.`,
  );
  for (const key of ['contentWeight', 'styleWeight', 'energyWeight', 'frequencyWeight'] as const)
    check(weight(s[key]), key, `${key} must be a number from 0 to 1e12, not ${String(s[key])}.`);
  check(
    s.contentWeight + s.styleWeight + s.energyWeight + s.frequencyWeight > 0,
    'styleWeight',
    'Every loss weight is 0: there is nothing to optimise.',
  );
  check(
    ['noise', 'content'].includes(s.start),
    'start',
    `start must be noise or content, not ${String(s.start)}.`,
  );
  check(
    Number.isSafeInteger(s.seed) && s.seed >= 0,
    'seed',
    `The seed must be a whole number of at least 0, not ${String(s.seed)}.`,
  );
  check(
    ['lbfgs', 'adam'].includes(s.optimiser),
    'optimiser',
    `optimiser must be lbfgs or adam, not ${String(s.optimiser)}.`,
  );
  check(
    Number.isInteger(s.iterations) && s.iterations >= 0 && s.iterations <= 100000,
    'iterations',
    `iterations must be a whole number from 0 to 100000, not ${String(s.iterations)}.`,
  );
  check(
    Number.isFinite(s.learningRate) && s.learningRate > 0 && s.learningRate <= 100,
    'learningRate',
    `learningRate must be above 0 and at most 100, not ${String(s.learningRate)}.`,
  );
  checkPipelineSettings(s);
  return s;
}
