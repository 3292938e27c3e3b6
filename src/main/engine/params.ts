// Every parameter of the shallow random-network transfer (METHODS.md section 2), its presets and
// its validation. Validation runs before any tensor exists, so a bad value costs nothing.
import type { Frames } from '../../shared/units';
import { EngineParameterError } from './errors';

/** What the optimiser starts from: the content spectrogram, or N(0, noiseSigma) noise. */
export type StartPoint = 'content' | 'noise';

/** L-BFGS (two-loop recursion, strong Wolfe line search) or tfjs's Adam. */
export type OptimiserName = 'lbfgs' | 'adam';

export interface ShallowTransferParams {
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

export type PresetName = 'ulyanov' | 'default';

/**
 * `ulyanov` is exactly the peer's settings (ulyanov_torch.py). `default` is chosen by
 * measurement for a short wait: start from the content, keep all 4096 filters, stop early.
 * On a 10 s clip (piano content, drum-and-bass style, 2-core machine), judged by an independent
 * 4096-filter network (Gram distance to the style, relative to the content's own: 1 = no
 * transfer), at about equal time: 4096 filters x 10 iterations 0.25, 2048 x 30 0.38,
 * 1024 x 100 0.67, 512 x 100 0.85 (512 and 1024 stall by iteration 25). Fewer filters buy
 * speed per iteration but lose far more transfer than they save. 12 iterations, which fit the
 * 30 s a user should wait for 10 s of sound (docs/presets.md), reach 0.25, 0.16 and 0.18 on three
 * corpus pairs (20 would reach 0.20, 0.12 and 0.12 in 40 s).
 */
export const PRESETS: Readonly<Record<PresetName, Readonly<ShallowTransferParams>>> = {
  ulyanov: {
    filters: 4096,
    kernelWidth: 11,
    seed: 0,
    contentWeight: 1e-2,
    styleWeight: 1,
    start: 'noise',
    noiseSigma: 1e-3,
    optimiser: 'lbfgs',
    iterations: 300,
    learningRate: 0.02,
    lbfgsMemory: 10,
  },
  default: {
    filters: 4096,
    kernelWidth: 11,
    seed: 0,
    contentWeight: 1e-2,
    styleWeight: 1,
    start: 'content',
    noiseSigma: 1e-3,
    optimiser: 'lbfgs',
    iterations: 12,
    learningRate: 0.02,
    lbfgsMemory: 10,
  },
};

/** Upper bounds that keep one network inside the wasm heap (4 GiB) with room to work. */
export const LIMITS = {
  filters: 16384,
  kernelWidth: 255,
  iterations: 100000,
  lbfgsMemory: 100,
  /** Two copies of the filter bank (forward and backward layouts), in bytes. */
  networkBytes: 1.5 * 2 ** 30,
} as const;

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

/** Throws EngineParameterError naming the first parameter that is out of range. */
export function validateTransferParams(p: ShallowTransferParams): ShallowTransferParams {
  integerIn('filters', p.filters, 1, LIMITS.filters);
  integerIn('kernelWidth', p.kernelWidth, 1, LIMITS.kernelWidth);
  if (!Number.isSafeInteger(p.seed) || p.seed < 0 || p.seed > 0xfffffffe)
    throw new EngineParameterError(
      'seed',
      p.seed,
      `seed must be a whole number from 0 to ${0xfffffffe}, got ${String(p.seed)}.`,
    );
  nonNegative('contentWeight', p.contentWeight);
  nonNegative('styleWeight', p.styleWeight);
  if (p.contentWeight === 0 && p.styleWeight === 0)
    throw new EngineParameterError(
      'styleWeight',
      p.styleWeight,
      'contentWeight and styleWeight are both 0: there is nothing to optimise.',
    );
  oneOf('start', p.start, ['content', 'noise']);
  nonNegative('noiseSigma', p.noiseSigma);
  oneOf('optimiser', p.optimiser, ['lbfgs', 'adam']);
  integerIn('iterations', p.iterations, 0, LIMITS.iterations);
  if (!(Number.isFinite(p.learningRate) && p.learningRate > 0))
    throw new EngineParameterError(
      'learningRate',
      p.learningRate,
      `learningRate must be a positive number, got ${String(p.learningRate)}.`,
    );
  integerIn('lbfgsMemory', p.lbfgsMemory, 1, LIMITS.lbfgsMemory);
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

function integerIn(name: string, value: unknown, low: number, high: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < low || value > high)
    throw new EngineParameterError(
      name,
      value,
      `${name} must be a whole number from ${low} to ${high}, got ${String(value)}.`,
    );
}

function nonNegative(name: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new EngineParameterError(
      name,
      value,
      `${name} must be a finite number of at least 0, got ${String(value)}.`,
    );
}

function oneOf(name: string, value: unknown, allowed: readonly string[]): void {
  if (typeof value !== 'string' || !allowed.includes(value))
    throw new EngineParameterError(
      name,
      value,
      `${name} must be one of ${allowed.join(', ')}, got ${String(value)}.`,
    );
}
