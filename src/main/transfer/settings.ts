// The full settings of a shallow transfer: analysis, network, optimiser, phase and channels.
// The network part is validated by the engine (engine/params.ts); the rest here.
import type { ShallowPresetName, ShallowSettings, TransferRequest } from '../../shared/transfer';
import { PRESETS, validateTransferParams, type ShallowTransferParams } from '../engine/params';
import { check, checkPipelineSettings } from './check-settings';

const analysisDefaults = {
  analysisRate: 22050,
  nFft: 2048,
  hop: 512,
} as const;

/**
 * `ulyanov`: the reference notebook exactly (mono, noise start, L-BFGS 300, 500 Griffin-Lim
 * iterations from random phase). `default`: chosen by measurement for a short wait on a laptop CPU
 * (see docs/presets.md): start from the content, fewer filters and iterations, fast Griffin-Lim.
 */
export const SHALLOW_PRESETS: Readonly<Record<ShallowPresetName, Readonly<ShallowSettings>>> = {
  ulyanov: {
    ...analysisDefaults,
    ...PRESETS.ulyanov,
    phaseMethod: 'gl',
    phaseIterations: 500,
    phaseStart: 'random',
    channelMode: 'mono',
    windowSeconds: 30,
  },
  default: {
    ...analysisDefaults,
    ...PRESETS.default,
    phaseMethod: 'fgla',
    phaseIterations: 100,
    phaseStart: 'random',
    channelMode: 'mono',
    windowSeconds: 10,
  },
};

export const PRESET_NAMES = Object.keys(SHALLOW_PRESETS) as ShallowPresetName[];

/** The network and optimiser part, in the engine's terms. */
export function networkParams(settings: ShallowSettings): ShallowTransferParams {
  return validateTransferParams({
    filters: settings.filters,
    kernelWidth: settings.kernelWidth,
    seed: settings.seed,
    contentWeight: settings.contentWeight,
    styleWeight: settings.styleWeight,
    start: settings.start,
    noiseSigma: settings.noiseSigma,
    optimiser: settings.optimiser,
    iterations: settings.iterations,
    learningRate: settings.learningRate,
    lbfgsMemory: PRESETS.ulyanov.lbfgsMemory,
  });
}

/** The preset with the request's overrides, every value checked; throws ParameterError naming the first bad one. */
export function resolveSettings(
  request: Pick<TransferRequest, 'preset' | 'settings'>,
): ShallowSettings {
  const preset = SHALLOW_PRESETS[request.preset];
  check(
    preset !== undefined,
    'preset',
    `Unknown preset "${String(request.preset)}": use one of ${PRESET_NAMES.join(', ')}.`,
  );
  const settings: ShallowSettings = { ...preset! };
  for (const [key, value] of Object.entries(request.settings)) {
    check(key in settings, key, `There is no setting called "${key}".`);
    if (value !== undefined) (settings as unknown as Record<string, unknown>)[key] = value;
  }
  const s = settings;
  check(
    Number.isInteger(s.analysisRate) && s.analysisRate >= 8000 && s.analysisRate <= 192000,
    'analysisRate',
    `analysisRate must be a whole number of Hz from 8000 to 192000, not ${String(s.analysisRate)}.`,
  );
  check(
    Number.isInteger(s.nFft) && s.nFft >= 256 && s.nFft <= 8192 && (s.nFft & (s.nFft - 1)) === 0,
    'nFft',
    `nFft must be a power of two from 256 to 8192, not ${String(s.nFft)}.`,
  );
  check(
    Number.isInteger(s.hop) && s.hop >= 1 && s.hop <= s.nFft / 2,
    'hop',
    `hop must be a whole number of samples from 1 to nFft / 2 (${s.nFft / 2}), not ${String(s.hop)}.`,
  );
  checkPipelineSettings(s);
  networkParams(s);
  return s;
}
