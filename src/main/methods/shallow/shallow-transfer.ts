// The shallow random-network transfer (METHODS.md section 2): optimise a log-magnitude
// spectrogram so that its random-network features keep the content's and its Gram matrix takes
// the style clips' mix. Spectrograms in and out are frames x bins; inside, bins x frames.
import * as tf from '@tensorflow/tfjs-core';
import type { Frames } from '../../../shared/units';
import { seededRandom } from '../../dsp/random';
import { currentBackend, initBackend, type BackendReport } from '../../engine/backend';
import { EngineParameterError } from '../../engine/errors';
import type { LbfgsStop } from '../../engine/lbfgs';
import { optimise } from '../../engine/optimise';
import { TransferObjective, type Evaluation, type LossValues } from './objective';
import { KernelObjective } from './kernel-loss';
import { envelopeStyle, withEnvelopes } from './envelope-terms';
import {
  checkNetworkSize,
  resolveTransferParams,
  validateTransferParams,
  type ShallowTransferParams,
  type TransferParamsInput,
} from './network-params';
import { ShallowNetwork, type NetworkLayout } from '../../engine/shallow-network';
import {
  checkSpectrogram,
  transposeMatrix,
  type LogSpectrogram,
  type StyleInput,
} from '../../engine/spectrogram';
import type { StyleTarget } from '../../engine/losses';
import {
  buildStyleTarget,
  chooseStyleMode,
  disposeStyleTarget,
  type StyleMode,
  type WeightedStyle,
} from './style-target';

/** One line of progress, after every iteration. */
export interface TransferProgress {
  /** Iterations done, 1-based. */
  iteration: number;
  /** contentLoss + styleLoss. */
  loss: number;
  /** alpha * sum((F - Fc)^2). */
  contentLoss: number;
  /** beta * sum((G - Gs)^2). */
  styleLoss: number;
  /** Since the optimisation started (after set-up). */
  elapsedMs: number;
  /** Loss-and-gradient evaluations so far (L-BFGS's line search may take several per iteration). */
  evaluations: number;
  /** The spectrogram as it stands after this iteration, frames x bins (a fresh copy per call). */
  current: () => Float32Array;
}

export interface TransferOptions {
  /** Stops the run within one evaluation; the promise rejects with TransferCancelled. */
  signal?: AbortSignal;
  /** The window's first frame in the content (aligns the style's energy envelope; default 0). */
  startFrame?: Frames;
  /** Called after every iteration; awaited, so a slow consumer slows the run. */
  onIteration?: (progress: TransferProgress) => void | Promise<void>;
}

export interface SessionOptions {
  /**
   * Style loss formulation of the finite network (default `auto`: the cheaper one; both are
   * exact); `kernel` (a kernel session's styleMode) means `auto` here.
   */
  styleMode?: 'auto' | StyleMode | 'kernel';
  /** Filter-bank blocking (speed only). */
  layout?: NetworkLayout;
  /** Frames of the longest content the session will see (chooses the cheaper style form). */
  contentFrames: Frames;
  /**
   * A network of this shape and seed to borrow (the caller disposes it), e.g. across streams.
   * Ignored (and never built) when the parameters ask for the kernel form.
   */
  network?: ShallowNetwork;
}

export interface TransferResult {
  /** The optimised log-magnitude spectrogram, frames x bins like the content. */
  spectrogram: LogSpectrogram;
  params: ShallowTransferParams;
  iterations: number;
  /** Loss-and-gradient evaluations (L-BFGS's line search may take more than one per iteration). */
  evaluations: number;
  /** Loss at the start point and at the result. */
  initialLoss: LossValues;
  finalLoss: LossValues;
  /** Why the optimiser stopped. */
  stop: LbfgsStop;
  /** The finite network's style formulation; `kernel` when the kernel form was used. */
  styleMode: StyleMode | 'kernel';
  backend: BackendReport;
  timings: { setupMs: number; optimiseMs: number };
}

/**
 * The part of a transfer that depends only on the parameters and the styles: the network (46M
 * random weights at 4,096 filters) and the styles' Gram target. Built once and used for every
 * window of a long content clip; rebuilding them per window cost ~3 s a window on the dev machine.
 * With `network: 'kernel'` there is no network and no Gram target: each window's objective is a
 * KernelObjective (kernel-loss.ts) over the content and the style clips themselves.
 */
export class ShallowTransferSession {
  readonly params: ShallowTransferParams;
  /** The drawn filter bank; undefined for the kernel form. */
  readonly network: ShallowNetwork | undefined;
  readonly styleMode: StyleMode | 'kernel';
  readonly bins: number;
  readonly backend: BackendReport;
  /** Milliseconds spent building the network and the style target. */
  readonly setupMs: number;
  private readonly mix: WeightedStyle[];
  private readonly target: StyleTarget | undefined;
  private readonly ownsNetwork: boolean;

  private constructor(fields: {
    params: ShallowTransferParams;
    bins: number;
    network: ShallowNetwork | undefined;
    ownsNetwork: boolean;
    styleMode: StyleMode | 'kernel';
    target: StyleTarget | undefined;
    mix: WeightedStyle[];
    backend: BackendReport;
    setupMs: number;
  }) {
    this.params = fields.params;
    this.bins = fields.bins;
    this.network = fields.network;
    this.ownsNetwork = fields.ownsNetwork;
    this.styleMode = fields.styleMode;
    this.target = fields.target;
    this.mix = fields.mix;
    this.backend = fields.backend;
    this.setupMs = fields.setupMs;
  }

  /**
   * Validates the parameters and the styles (for content of `bins` bins) and builds the network
   * and the style target. `params` is a preset name with overrides (see params.ts); a bad value
   * costs nothing and throws EngineParameterError.
   */
  static async create(
    bins: number,
    styles: readonly StyleInput[],
    params: TransferParamsInput,
    options: SessionOptions,
  ): Promise<ShallowTransferSession> {
    const p = resolveTransferParams(params);
    const mix = checkStyles(bins, styles, p);
    const backend = currentBackend() ?? (await initBackend());
    const started = performance.now();
    if (p.network === 'kernel')
      return new ShallowTransferSession({
        params: p,
        bins,
        network: undefined,
        ownsNetwork: false,
        styleMode: 'kernel',
        target: undefined,
        mix,
        backend,
        setupMs: performance.now() - started,
      });
    const borrowed = options.network;
    if (borrowed) checkBorrowedNetwork(borrowed, bins, p);
    const network =
      borrowed ??
      new ShallowNetwork(
        { bins, filters: p.filters, kernelWidth: p.kernelWidth },
        p.seed,
        options.layout,
      );
    try {
      const styleMode =
        options.styleMode && options.styleMode !== 'auto' && options.styleMode !== 'kernel'
          ? options.styleMode
          : chooseStyleMode(
              p.filters,
              network.outputFrames(Math.max(options.contentFrames, p.kernelWidth)),
              mix.reduce((sum, s) => sum + network.outputFrames(s.spectrogram.frames), 0),
            );
      const target = p.styleWeight > 0 ? buildStyleTarget(network, mix, styleMode) : undefined;
      return new ShallowTransferSession({
        params: p,
        bins,
        network,
        ownsNetwork: !borrowed,
        styleMode,
        target,
        mix,
        backend,
        setupMs: performance.now() - started,
      });
    } catch (error) {
      if (!borrowed) network.dispose();
      throw error;
    }
  }

  /** Transfers the styles onto one content clip (or window). */
  async transfer(content: LogSpectrogram, options: TransferOptions = {}): Promise<TransferResult> {
    const p = this.params;
    checkSpectrogram(content, 'content', p.kernelWidth);
    if (content.bins !== this.bins)
      throw new EngineParameterError(
        'content.bins',
        content.bins,
        `The content has ${content.bins} bins but the styles have ${this.bins}: ` +
          'make both with the same FFT size.',
      );
    const started = performance.now();
    const { frames, bins } = content;
    const contentT = transposeMatrix(content.data, frames, bins);
    const owned: { dispose(): void }[] = [];
    try {
      const contentTensor = p.contentWeight > 0 ? tf.tensor2d(contentT, [bins, frames]) : undefined;
      if (contentTensor) owned.push(contentTensor);
      const objective = this.network
        ? new TransferObjective({
            network: this.network,
            contentT: contentTensor,
            style: this.target,
            contentWeight: p.contentWeight,
            styleWeight: p.styleWeight,
            frames,
          })
        : new KernelObjective({
            bins,
            frames,
            contentT: contentTensor,
            styles: this.mix,
            contentWeight: p.contentWeight,
            styleWeight: p.styleWeight,
            kernelWidth: p.kernelWidth,
            filters: p.filters,
          });
      owned.push(objective);
      const envelopes =
        p.energyWeight > 0 || p.frequencyWeight > 0 ? envelopeStyle(this.mix) : undefined;
      const withTerms = withEnvelopes(objective, envelopes, p, options.startFrame ?? 0);
      const setupMs = performance.now() - started;

      const optimiseStart = performance.now();
      const run = await optimiseTransfer(
        withTerms,
        startPoint(p, contentT),
        p,
        options,
        optimiseStart,
      );
      return {
        spectrogram: { frames, bins, data: transposeMatrix(run.x, bins, frames) },
        params: p,
        iterations: run.iterations,
        evaluations: run.evaluations,
        initialLoss: run.initialLoss,
        finalLoss: run.finalLoss,
        stop: run.stop,
        styleMode: this.styleMode,
        backend: this.backend,
        timings: { setupMs, optimiseMs: performance.now() - optimiseStart },
      };
    } finally {
      for (const resource of owned.reverse()) resource.dispose();
    }
  }

  /** The styles with their normalised shares, as the session mixes them. */
  get styles(): readonly WeightedStyle[] {
    return this.mix;
  }

  dispose(): void {
    if (this.target) disposeStyleTarget(this.target);
    if (this.ownsNetwork) this.network?.dispose();
  }
}

export type ShallowTransferOptions = TransferOptions & Omit<SessionOptions, 'contentFrames'>;

/** One transfer with a session of its own: validates, builds, runs, frees. */
export async function shallowTransfer(
  content: LogSpectrogram,
  styles: readonly StyleInput[],
  params: TransferParamsInput = {},
  options: ShallowTransferOptions = {},
): Promise<TransferResult> {
  checkInputs(content, styles, resolveTransferParams(params));
  const session = await ShallowTransferSession.create(content.bins, styles, params, {
    ...options,
    contentFrames: content.frames,
  });
  try {
    const result = await session.transfer(content, options);
    return {
      ...result,
      timings: { ...result.timings, setupMs: result.timings.setupMs + session.setupMs },
    };
  } finally {
    session.dispose();
  }
}

/** Runs the chosen optimiser with progress (the current iterate as frames x bins). */
async function optimiseTransfer(
  objective: {
    bins: number;
    frames: number;
    evaluate(x: Float32Array): Evaluation;
  },
  start: Float32Array,
  p: ShallowTransferParams,
  options: TransferOptions,
  optimiseStart: number,
) {
  const { bins, frames } = objective;
  return optimise<LossValues>(objective, start, {
    optimiser: p.optimiser,
    iterations: p.iterations,
    learningRate: p.learningRate,
    lbfgsMemory: p.lbfgsMemory,
    ...(options.signal && { signal: options.signal }),
    onIteration: ({ iteration, evaluations, values, current }) =>
      options.onIteration?.({
        iteration,
        loss: values.total,
        contentLoss: values.content,
        styleLoss: values.style,
        elapsedMs: performance.now() - optimiseStart,
        evaluations,
        current: () => transposeMatrix(current(), bins, frames),
      }),
  });
}

/** Validates the clips against the parameters; returns the styles with normalised shares. */
export function checkInputs(
  content: LogSpectrogram,
  styles: readonly StyleInput[],
  params: ShallowTransferParams,
): WeightedStyle[] {
  validateTransferParams(params);
  checkSpectrogram(content, 'content', params.kernelWidth);
  return checkStyles(content.bins, styles, params);
}

/** Validates the styles for content of `bins` bins (the parameters are checked already). */
function checkStyles(
  bins: number,
  styles: readonly StyleInput[],
  params: ShallowTransferParams,
): WeightedStyle[] {
  if (params.network === 'finite') checkNetworkSize(params.filters, bins, params.kernelWidth);
  if (params.styleWeight > 0 && styles.length === 0)
    throw new EngineParameterError(
      'styles',
      0,
      'No style clip was given, but styleWeight is above 0: add a style clip or set styleWeight to 0.',
    );
  let total = 0;
  styles.forEach((style, i) => {
    const name = `styles[${i}]`;
    checkSpectrogram(style.spectrogram, name, params.kernelWidth);
    if (style.spectrogram.bins !== bins)
      throw new EngineParameterError(
        `${name}.bins`,
        style.spectrogram.bins,
        `${name} has ${style.spectrogram.bins} bins but the content has ${bins}: ` +
          'make both with the same FFT size.',
      );
    const weight = style.weight ?? 1;
    if (!Number.isFinite(weight) || weight < 0)
      throw new EngineParameterError(
        `${name}.weight`,
        weight,
        `${name}.weight must be a finite number of at least 0, got ${weight}.`,
      );
    total += weight;
  });
  if (styles.length > 0 && !(total > 0))
    throw new EngineParameterError(
      'styles[0].weight',
      total,
      'The style weights add up to 0: give at least one style clip a weight above 0.',
    );
  return styles
    .map((style) => ({ spectrogram: style.spectrogram, share: (style.weight ?? 1) / total }))
    .filter((style) => style.share > 0);
}

/** A borrowed network must be the one these parameters would build. */
function checkBorrowedNetwork(
  network: ShallowNetwork,
  bins: number,
  p: ShallowTransferParams,
): void {
  const { shape } = network;
  if (
    shape.bins !== bins ||
    shape.filters !== p.filters ||
    shape.kernelWidth !== p.kernelWidth ||
    network.seed !== p.seed
  )
    throw new Error('ShallowTransferSession: the borrowed network does not match the parameters');
}

/** The content itself, or N(0, noiseSigma) noise drawn from seed + 1 (bins x frames). */
function startPoint(p: ShallowTransferParams, contentT: Float32Array): Float32Array {
  if (p.start === 'content') return new Float32Array(contentT);
  return seededRandom(p.seed + 1).fillNormal(new Float32Array(contentT.length), 0, p.noiseSigma);
}
