// One transfer, end to end: files -> analysis streams -> windows through the engine -> joined
// spectrogram -> phase reconstruction -> the content's rate and channels -> WAV + recipe.
// Runs inside the engine worker (see transfer-job.ts); everything here is plain Node.
import * as tf from '@tensorflow/tfjs-core';
import type {
  LossTerms,
  TransferProgress,
  TransferRequest,
  TransferResult,
} from '../../shared/transfer';
import { ParameterError } from '../../shared/user-error';
import { initBackend, type BackendReport } from '../engine/backend';
import { checkNetworkSize } from '../engine/params';
import { ShallowNetwork } from '../engine/shallow-network';
import { ShallowTransferSession } from '../engine/shallow-transfer';
import type { StyleInput } from '../engine/spectrogram';
import {
  analyse,
  checkNotSilent,
  cutRegion,
  loadClip,
  splitStreams,
  toAnalysisRate,
  type AnalysedStream,
} from './analysis';
import { finishTransfer } from './finish-transfer';
import { draftPreview } from './draft-preview';
import { makePreview } from './preview';
import { writeRecipe } from './recipe';
import { networkParams, resolveSettings } from './settings';
import { optimiseWindows } from './window-loop';
import { planWindows } from './windows';

export interface TransferRunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: TransferProgress, transfer?: ArrayBuffer[]) => void;
}

/** Crossfade length between content windows: long enough to hide a seam, short next to a window. */
const overlapSeconds = 1;

/** "wasm (SIMD, 2 threads)": the backend as a user would want it named in a recipe. */
export function describeBackend(report: BackendReport): string {
  const features = [
    report.simd ? 'SIMD' : '',
    `${report.threads} thread${report.threads === 1 ? '' : 's'}`,
  ].filter(Boolean);
  return `${report.backend} (${features.join(', ')})`;
}

function lossTerms(total: number, content: number, style: number): LossTerms {
  return { total, content, style };
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

function checkRequest(request: TransferRequest): void {
  if (request.method !== 'shallow')
    throw new ParameterError(
      'method',
      `Unknown method "${String(request.method)}": this engine offers shallow.`,
    );
  if (request.styles.length === 0)
    throw new ParameterError('styles', 'Give at least one style clip.');
  for (const style of request.styles) {
    if (!(Number.isFinite(style.weight) && style.weight > 0)) {
      throw new ParameterError(
        'styleWeight',
        `Style weights must be above 0; ${style.path} has ${String(style.weight)}.`,
      );
    }
  }
  if (
    request.previewEvery !== undefined &&
    !(Number.isInteger(request.previewEvery) && request.previewEvery >= 0)
  ) {
    throw new ParameterError(
      'previewEvery',
      `previewEvery must be a whole number of iterations, not ${String(request.previewEvery)}.`,
    );
  }
}

export async function runTransfer(
  request: TransferRequest,
  options: TransferRunOptions = {},
): Promise<TransferResult> {
  const started = performance.now();
  const { signal, onProgress } = options;
  checkRequest(request);
  const settings = resolveSettings(request);
  const params = networkParams(settings);
  const progress = (
    event: Omit<TransferProgress, 'elapsedSeconds'>,
    transfer?: ArrayBuffer[],
  ): void => onProgress?.({ ...event, elapsedSeconds: seconds(started) }, transfer);

  // The backend compiles its WebAssembly while the inputs are read and analysed.
  const backendReady = initBackend({ backend: request.backend ?? 'auto' });
  backendReady.catch(() => undefined); // awaited below; an analysis error must not leave it unhandled

  // Analysis: every input read, checked and turned into log-magnitude streams before any tensor exists.
  progress({ phase: 'analysis', iteration: 0, iterations: 1 });
  const content = await loadClip(request.content);
  const styles = await Promise.all(request.styles.map((style) => loadClip(style.path)));
  styles.forEach((style) => checkNotSilent(style, 'style'));
  const region = cutRegion(content.audio, request.region);
  const rate = settings.analysisRate;
  const analyseClip = async (audio: typeof region): Promise<AnalysedStream[]> =>
    Promise.all(
      splitStreams(audio, settings.channelMode).map(async (stream) =>
        analyse(await toAnalysisRate(stream, audio.sampleRate, rate), settings.nFft, settings.hop),
      ),
    );
  const contentStreams = await analyseClip(region);
  const styleStreams = await Promise.all(styles.map((style) => analyseClip(style.audio)));
  const analysisSeconds = seconds(started);

  const backend = await backendReady;
  const frames = contentStreams[0]!.logMagnitude.frames;
  const windowFrames = Math.max(
    params.kernelWidth,
    Math.round((settings.windowSeconds * rate) / settings.hop),
  );
  const overlapFrames = Math.min(
    Math.round((overlapSeconds * rate) / settings.hop),
    Math.floor(windowFrames / 4),
  );
  const windows = planWindows(frames, windowFrames, overlapFrames);
  const streamStyles = (s: number): StyleInput[] =>
    // A mono style serves every stream; a stereo style gives each channel (or mid and side) its own.
    styleStreams.map((streams, i) => ({
      spectrogram: streams[Math.min(s, streams.length - 1)]!.logMagnitude,
      weight: request.styles[i]!.weight,
    }));

  const plannedIterations = contentStreams.length * windows.length * params.iterations;

  // The optimisation phase's wall time counts the draft: it is the phase's first preview.
  const optimiseStarted = performance.now();
  if (request.previewEvery) {
    const preview = await draftPreview(
      contentStreams[0]!.logMagnitude,
      streamStyles(0),
      params,
      settings,
      signal,
    );
    progress({ phase: 'optimisation', iteration: 0, iterations: plannedIterations, preview }, [
      preview.logMagnitude.buffer as ArrayBuffer,
      preview.audio.buffer as ArrayBuffer,
    ]);
  }

  // Optimisation, window by window. The network is built once for the job and each stream's style
  // target once for all of its windows.
  const bins = contentStreams[0]!.logMagnitude.bins;
  checkNetworkSize(params.filters, bins, params.kernelWidth);
  const network = new ShallowNetwork(
    { bins, filters: params.filters, kernelWidth: params.kernelWidth },
    params.seed,
  );
  const optimised = await optimiseWindows<LossTerms>({
    streams: contentStreams.map((stream) => stream.logMagnitude),
    windows,
    overlapFrames,
    iterationsPerWindow: params.iterations,
    previewEvery: request.previewEvery,
    startedAt: optimiseStarted,
    noLosses: { total: 0, content: 0, style: 0 },
    progress,
    optimiserFor: async (s) => {
      const session = await ShallowTransferSession.create(bins, streamStyles(s), params, {
        contentFrames: Math.max(...windows.map((w) => w.end - w.start)),
        network,
      });
      return {
        optimise: async (window, stream, startFrame, onIteration) => {
          const result = await session.transfer(window, {
            ...(signal && { signal }),
            onIteration: (step) =>
              onIteration({
                iteration: step.iteration,
                losses: lossTerms(step.loss, step.contentLoss, step.styleLoss),
                preview: () => makePreview(step.current(), window, stream, startFrame, settings),
              }),
          });
          const { total, content, style } = result.finalLoss;
          return { data: result.spectrogram.data, finalLosses: lossTerms(total, content, style) };
        },
        dispose: () => session.dispose(),
      };
    },
  }).finally(() => network.dispose());
  const { joined: joinedStreams, iterations: done, finalLosses } = optimised;
  const optimisationSeconds = seconds(optimiseStarted);

  // Phase reconstruction over each whole stream, so the joins between windows stay seamless.
  const { written, reconstructionSeconds } = await finishTransfer({
    streams: contentStreams,
    joined: joinedStreams,
    settings,
    progress,
    signal,
    request,
    region,
    contentLength: content.audio.channels[0]!.length,
  });
  const wallSeconds = {
    analysis: analysisSeconds,
    optimisation: optimisationSeconds,
    reconstruction: reconstructionSeconds,
    total: seconds(started),
  };
  const recipe = await writeRecipe(request.output, {
    method: request.method,
    preset: request.preset,
    settings,
    seed: settings.seed,
    content: {
      path: request.content,
      sha256: content.sha256,
      sampleRate: content.audio.sampleRate,
      channels: content.audio.channels.length,
      frames: content.audio.channels[0]!.length,
    },
    region: request.region ?? null,
    styles: styles.map((style, i) => ({
      path: style.path,
      sha256: style.sha256,
      sampleRate: style.audio.sampleRate,
      channels: style.audio.channels.length,
      frames: style.audio.channels[0]!.length,
      weight: request.styles[i]!.weight,
    })),
    output: { path: request.output, sampleRate: region.sampleRate, ...written },
    backend: describeBackend(backend),
    tfjsVersion: tf.version_core,
    result: { iterations: done, finalLosses, wallSeconds },
  });
  return {
    output: request.output,
    recipe,
    backend: describeBackend(backend),
    iterations: done,
    finalLosses,
    wallSeconds,
  };
}
