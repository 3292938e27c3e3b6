// `timbrefold transfer --method cnn ...`: the command line's flags as a CNN transfer request.
// The transfer command parses the flags (as it does for the shallow method) and hands them here.
import type { BackendChoice } from '../../../shared/transfer';
import type { Seconds } from '../../../shared/units';
import { ParameterError } from '../../../shared/user-error';
import {
  commonOverrides,
  definedOnly,
  type CommonTransferFlags,
} from '../../transfer/common-flags';
import {
  CNN_PRESET_NAMES,
  type CnnPresetName,
  type CnnSettings,
  type CnnTransferRequest,
} from './cnn-settings';

export interface CnnTransferFlags extends CommonTransferFlags {
  content: string;
  styles: string[];
  styleWeights: number[];
  output: string;
  /** audio-vgg or verma-smith (default: the model's architecture). */
  preset?: string;
  model?: string;
  /** The model cache folder. */
  models?: string;
  region?: { start: Seconds; end: Seconds };
  backend: BackendChoice;
  previewEvery?: number;
  // Overrides of the preset (undefined: the preset's value).
  contentLayer?: string;
  /** Comma-separated layer names, each optionally with ":weight" (relu1_2:0.5,relu2_2). */
  styleLayers?: string;
  energyWeight?: number;
  frequencyWeight?: number;
  /** The analysis belongs to the model; given, it must agree with it. */
  analysisRate?: number;
  nFft?: number;
  hop?: number;
}

/** "relu1_2:0.5,relu2_2" -> layers and weights (a layer without a weight weighs 1). */
export function parseStyleLayers(raw: string): { layers: string[]; weights: number[] } {
  const layers: string[] = [];
  const weights: number[] = [];
  for (const part of raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, weightText] = part.split(':');
    const weight = weightText === undefined ? 1 : Number(weightText);
    if (!name || !(Number.isFinite(weight) && weight >= 0))
      throw new ParameterError(
        '--style-layers',
        `--style-layers takes LAYER[:WEIGHT],... (e.g. relu1_2:0.5,relu2_2), not "${raw}".`,
      );
    layers.push(name);
    weights.push(weight);
  }
  if (layers.length === 0)
    throw new ParameterError('--style-layers', '--style-layers needs at least one layer name.');
  return { layers, weights };
}

export function cnnRequestFromFlags(flags: CnnTransferFlags): CnnTransferRequest {
  if (flags.preset !== undefined && !CNN_PRESET_NAMES.includes(flags.preset as CnnPresetName))
    throw new ParameterError(
      '--preset',
      `The cnn method's presets are ${CNN_PRESET_NAMES.join(' and ')}, not "${flags.preset}".`,
    );
  if (flags.styleWeights.length > flags.styles.length)
    throw new ParameterError(
      '--style-weight',
      `There are ${flags.styleWeights.length} --style-weight values for ${flags.styles.length} --style files.`,
    );
  const style = flags.styleLayers !== undefined ? parseStyleLayers(flags.styleLayers) : undefined;
  const settings: Partial<CnnSettings> = definedOnly({
    contentLayer: flags.contentLayer,
    styleLayers: style?.layers,
    styleLayerWeights: style?.weights,
    energyWeight: flags.energyWeight,
    frequencyWeight: flags.frequencyWeight,
    ...commonOverrides(flags),
  });
  const analysis = definedOnly({
    sampleRate: flags.analysisRate,
    nFft: flags.nFft,
    hop: flags.hop,
  });
  return {
    method: 'cnn',
    ...(flags.preset !== undefined && { preset: flags.preset as CnnPresetName }),
    ...(flags.model !== undefined && { model: flags.model }),
    ...(flags.models !== undefined && { modelsDir: flags.models }),
    settings,
    ...(Object.keys(analysis).length > 0 && { analysis }),
    content: flags.content,
    styles: flags.styles.map((path, i) => ({ path, weight: flags.styleWeights[i] ?? 1 })),
    output: flags.output,
    ...(flags.region && { region: flags.region }),
    backend: flags.backend,
    previewEvery: flags.previewEvery ?? 0,
  };
}
