// The shallow method's network and optimiser parameters as the engine-side code takes them, checked
// against their declarations (parameters.ts) before any tensor exists, so a bad value costs nothing.
import type { Frames } from '../../../shared/units';
import { parameterProblem, type ParameterDeclaration } from '../../../shared/parameters';
import { EngineParameterError } from '../../engine/errors';
import {
  SHALLOW_PARAMETERS,
  SHALLOW_PRESETS,
  shallowPreset,
  type ShallowPresetName,
  type ShallowSettings,
} from './parameters';

/** What the optimiser starts from: the content spectrogram, or N(0, noiseSigma) noise. */
export type StartPoint = 'content' | 'noise';

/** L-BFGS (two-loop recursion, strong Wolfe line search) or tfjs's Adam. */
export type OptimiserName = 'lbfgs' | 'adam';

/** The network the loss is taken through: drawn filters, or its infinite-width kernel form. */
export type NetworkForm = 'finite' | 'kernel';

export interface ShallowTransferParams {
  /** `finite`: a drawn filter bank; `kernel`: the expected loss over the filters (kernel-loss.ts). */
  network: NetworkForm;
  /** Random filters in the one convolution layer (the peer: 4096). */
  filters: number;
  /** Width of each filter in frames (the peer: 11). */
  kernelWidth: Frames;
  /** Seed of the random filters; the noise start draws from seed + 1, as the peer does. */
  seed: number;
  /** alpha: weight of the content loss sum((F - Fc)^2). */
  contentWeight: number;
  /** beta: weight of the style loss sum((G - Gs)^2). */
  styleWeight: number;
  /** Weight of the temporal energy envelope term (engine/cnn/envelopes.ts; 0: none). */
  energyWeight: number;
  /** Weight of the frequency (time-averaged spectrum) envelope term (0: none). */
  frequencyWeight: number;
  /** Start from the content spectrogram or from noise. */
  start: StartPoint;
  /** Standard deviation of the noise start, in log-magnitude units (the peer: 1e-3). */
  noiseSigma: number;
  optimiser: OptimiserName;
  /** Optimiser iterations (L-BFGS iterations, or Adam steps). */
  iterations: number;
  /** Adam's step size, in log-magnitude units per step. */
  learningRate: number;
  /** L-BFGS history length (pairs of steps and gradient changes kept). */
  lbfgsMemory: number;
}

export type PresetName = ShallowPresetName;

/** What the declarations do not say: L-BFGS's history and the wasm heap's room. */
export const LIMITS = {
  /** L-BFGS history length (pairs kept); the peer keeps 10. */
  defaultLbfgsMemory: 10,
  lbfgsMemory: 100,
  /** Two copies of the filter bank (forward and backward layouts), in bytes. */
  networkBytes: 1.5 * 2 ** 30,
} as const;

/** The network and optimiser part of each preset (parameters.ts declares them all). */
export const PRESETS: Readonly<Record<PresetName, Readonly<ShallowTransferParams>>> =
  Object.fromEntries(
    SHALLOW_PRESETS.map((p) => [p.name, networkPart(shallowPreset(p.name))]),
  ) as Record<PresetName, ShallowTransferParams>;

/** The engine-side parameters of a shallow transfer's settings. */
export function networkPart(settings: ShallowSettings): ShallowTransferParams {
  return {
    network: settings.network,
    filters: settings.filters,
    kernelWidth: settings.kernelWidth,
    seed: settings.seed,
    contentWeight: settings.contentWeight,
    styleWeight: settings.styleWeight,
    energyWeight: settings.energyWeight,
    frequencyWeight: settings.frequencyWeight,
    start: settings.start,
    noiseSigma: settings.noiseSigma,
    optimiser: settings.optimiser,
    iterations: settings.iterations,
    learningRate: settings.learningRate,
    lbfgsMemory: LIMITS.defaultLbfgsMemory,
  };
}

export type TransferParamsInput = Partial<ShallowTransferParams> & { preset?: PresetName };

/** The preset (default: `default`) with the given overrides, validated. */
export function resolveTransferParams(input: TransferParamsInput = {}): ShallowTransferParams {
  const { preset = 'default', ...overrides } = input;
  const base = PRESETS[preset];
  if (base === undefined)
    throw new EngineParameterError(
      'preset',
      preset,
      `Unknown preset "${String(preset)}": use one of ${Object.keys(PRESETS).join(', ')}.`,
    );
  const merged: ShallowTransferParams = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
  }
  return validateTransferParams(merged);
}

const declared = new Map<string, ParameterDeclaration>(SHALLOW_PARAMETERS.map((d) => [d.name, d]));

/** Throws EngineParameterError naming the first parameter that is out of its declared range. */
export function validateTransferParams(p: ShallowTransferParams): ShallowTransferParams {
  for (const [name, value] of Object.entries(p)) {
    const declaration = declared.get(name);
    const problem = declaration
      ? parameterProblem(declaration, value)
      : name === 'lbfgsMemory' &&
          !(Number.isInteger(value) && value >= 1 && value <= LIMITS.lbfgsMemory)
        ? `lbfgsMemory must be a whole number from 1 to ${LIMITS.lbfgsMemory}, not ${String(value)}.`
        : undefined;
    if (problem) throw new EngineParameterError(name, value, problem);
  }
  if (p.contentWeight === 0 && p.styleWeight === 0)
    throw new EngineParameterError(
      'styleWeight',
      p.styleWeight,
      'contentWeight and styleWeight are both 0: there is nothing to optimise.',
    );
  return p;
}

/** Throws when the filter bank for `bins` input channels would not fit the wasm heap. */
export function checkNetworkSize(filters: number, bins: number, kernelWidth: Frames): void {
  const bytes = 2 * 4 * filters * bins * kernelWidth;
  if (bytes > LIMITS.networkBytes)
    throw new EngineParameterError(
      'filters',
      filters,
      `${filters} filters of width ${kernelWidth} over ${bins} bins need ` +
        `${Math.round(bytes / 2 ** 20)} MiB of weights, more than the ` +
        `${LIMITS.networkBytes / 2 ** 20} MiB the engine allows: use fewer filters or a narrower kernel.`,
    );
}
