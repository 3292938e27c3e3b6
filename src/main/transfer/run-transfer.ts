// One transfer, end to end, the same for every method: files -> analysis streams at the method's
// STFT -> windows through the method's optimiser -> joined spectrogram -> phase reconstruction ->
// the content's rate and channels -> WAV + recipe. The method (src/main/methods/) brings only its
// settings, its network or model, and how one window is optimised. Runs inside the engine worker.
import * as tf from '@tensorflow/tfjs-core';
import type { ParameterValue } from '../../shared/parameters';
import type {
  LossTerms,
  TransferProgress,
  TransferRequest,
  TransferResult,
} from '../../shared/transfer';
import { ParameterError } from '../../shared/user-error';
import { initBackend, type BackendReport } from '../engine/backend';
import type { WeightedStyleInput } from '../methods/method';
import { methodNamed } from '../methods/registry';
import { resolveSettings } from '../methods/resolve-settings';
import {
  checkClipMemory,
  checkWindowMemory,
  streamsOf,
  type ClipShape,
} from '../methods/memory-estimate';
import { peekWavShape } from '../audio/wav-shape';
import {
  analyse,
  checkNotSilent,
  cutRegion,
  loadClip,
  splitStreams,
  toAnalysisRate,
  type AnalysedStream,
} from './analysis';
import { assertOutputsSpareInputs, finishTransfer } from './finish-transfer';
import { makePreview } from './preview';
import { measureRender } from './render-quality';
import { writeRecipe } from './recipe';
import { optimiseWindows } from './window-loop';
import { planWindows } from './windows';

export interface TransferRunOptions {
  signal?: AbortSignal;
  /** A promise it returns (JobContext.progress: the event is on its way) is awaited. */
  onProgress?: (progress: TransferProgress, transfer?: ArrayBuffer[]) => unknown;
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

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

/** What every request must hold, whatever its method. */
function checkRequest(request: TransferRequest, styleFrom: 'request' | 'model'): void {
  if (styleFrom === 'model' && request.styles.length > 0)
    throw new ParameterError(
      'styles',
      `The ${request.method} method takes its style from its model: give no style clips.`,
    );
  if (styleFrom === 'request' && request.styles.length === 0)
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
  const [result] = await runTransferBatch(
    request,
    [{ content: request.content, output: request.output }],
    options,
  );
  return result!;
}

/** One content of a batch and where its result goes. */
export interface TransferBatchItem {
  content: string;
  output: string;
}

/**
 * Several contents through one opened method (its model loaded once), each to its own output,
 * with the request's method, settings, model and styles. Progress events carry the item.
 */
export async function runTransferBatch(
  request: TransferRequest,
  items: readonly TransferBatchItem[],
  options: TransferRunOptions = {},
): Promise<TransferResult[]> {
  if (items.length === 0) throw new ParameterError('content', 'Give at least one content clip.');
  const outputs = new Set(items.map((item) => item.output));
  if (outputs.size !== items.length)
    throw new ParameterError(
      'output',
      'Two contents of the batch would write the same result file.',
    );
  let started = performance.now();
  const { signal, onProgress } = options;
  const method = methodNamed(request.method);
  checkRequest(request, method.styleFrom ?? 'request');
  const overrides = request.settings as Readonly<Record<string, ParameterValue>>;
  // Every value is checked before anything is loaded.
  const asked = resolveSettings(method, request.preset, overrides);
  // No result or recipe may replace an input of the batch: any content, any style.
  const everyContent = items.map((i) => ({ path: i.content }));
  for (const i of items)
    await assertOutputsSpareInputs({
      ...request,
      content: i.content,
      styles: [...request.styles, ...everyContent],
      output: i.output,
    });
  let item = 0;
  const progress = (
    event: Omit<TransferProgress, 'elapsedSeconds'>,
    transfer?: ArrayBuffer[],
  ): unknown =>
    onProgress?.(
      {
        ...event,
        elapsedSeconds: seconds(started),
        ...(items.length > 1 && { batch: { index: item, count: items.length } }),
      },
      transfer,
    );
  progress({ phase: 'analysis', iteration: 0, iterations: 1 });

  // The backend compiles its WebAssembly while the method opens and the inputs are analysed.
  const backendReady = initBackend({ backend: request.backend ?? 'auto' });
  backendReady.catch(() => undefined); // awaited below; an earlier error must not leave it unhandled
  const opened = await method.open({
    request,
    settings: asked,
    resolve: (preset) => resolveSettings(method, preset, overrides),
    backendReady,
    signal,
  });
  try {
    const results: TransferResult[] = [];
    for (const [index, { content, output }] of items.entries()) {
      item = index;
      if (index > 0) started = performance.now();
      results.push(await transferOne({ ...request, content, output }, index === 0));
    }
    return results;
  } finally {
    opened.dispose();
  }

  // One content through the opened method: analysis, windows, phase, output and recipe.
  async function transferOne(request: TransferRequest, first: boolean): Promise<TransferResult> {
    if (!first) progress({ phase: 'analysis', iteration: 0, iterations: 1 });
    const { settings } = opened;
    const preset = opened.preset ?? request.preset ?? method.presets[0]!.name;

    /** Refuses clips whose window or whole spectrograms would not fit the memory budget. */
    const checkMemory = (content: ClipShape, styles: ClipShape[]): void => {
      const regionShape = {
        ...content,
        frames: request.region
          ? Math.round((request.region.end - request.region.start) * content.sampleRate)
          : content.frames,
      };
      const atRate = {
        ...opened.analysis,
        sampleRate: opened.analysis.sampleRate || content.sampleRate,
      };
      // A method that knows its network by now (a model's layers) says what its window holds.
      const windowOf = opened.windowMemory ? { windowMemory: () => opened.windowMemory! } : method;
      const windowBytes = checkWindowMemory(windowOf, settings, atRate, {
        styles: styles.length,
        streams: streamsOf(settings.channelMode, content.channels),
        fixedHop: method.analysisFrom === 'model',
        contentFrames:
          Math.ceil(
            (regionShape.frames / regionShape.sampleRate) * (atRate.sampleRate / atRate.hop),
          ) + 1,
      });
      checkClipMemory(settings, atRate, regionShape, styles, windowBytes);
    };

    // The memory the clips will take, from their headers (before any is decoded) and again from
    // the decoded clips (before any is analysed).
    const peeked = await Promise.all(
      [request.content, ...request.styles.map((s) => s.path)].map(peekWavShape),
    );
    if (peeked.every((shape) => shape !== undefined)) checkMemory(peeked[0]!, peeked.slice(1));
    // Analysis: every input read, checked and turned into log-magnitude streams.
    const content = await loadClip(request.content);
    const styles = await Promise.all(request.styles.map((style) => loadClip(style.path)));
    styles.forEach((style) => checkNotSilent(style, 'style'));
    const shapeOf = (clip: typeof content): ClipShape => ({
      frames: clip.audio.channels[0]!.length,
      sampleRate: clip.audio.sampleRate,
      channels: clip.audio.channels.length,
    });
    checkMemory(shapeOf(content), styles.map(shapeOf));
    const warnings = [content, ...styles].flatMap((clip) => clip.warnings);
    if (warnings.length > 0) progress({ phase: 'analysis', iteration: 0, iterations: 1, warnings });
    const region = cutRegion(content.audio, request.region);
    // A sample rate of 0 means the content's own rate (its full band).
    const analysis = {
      ...opened.analysis,
      sampleRate: opened.analysis.sampleRate || region.sampleRate,
    };
    const rate = analysis.sampleRate;
    const analyseClip = async (
      audio: typeof region,
      keepPhase = false,
    ): Promise<AnalysedStream[]> =>
      Promise.all(
        splitStreams(audio, settings.channelMode).map(async (stream) =>
          analyse(await toAnalysisRate(stream, audio.sampleRate, rate), analysis, { keepPhase }),
        ),
      );
    // The content's complex STFT only where reconstruction starts from its phase (memory).
    const contentStreams = await analyseClip(region, settings.phaseStart === 'content');
    const styleStreams = await Promise.all(styles.map((style) => analyseClip(style.audio)));
    const analysisSeconds = seconds(started);

    const backend = await backendReady;
    const frames = contentStreams[0]!.logMagnitude.frames;
    const windowFrames = Math.max(
      opened.minimumFrames,
      Math.round((settings.windowSeconds * rate) / analysis.hop),
    );
    const overlapFrames = Math.min(
      Math.round((overlapSeconds * rate) / analysis.hop),
      Math.floor(windowFrames / 4),
    );
    const windows = planWindows(frames, windowFrames, overlapFrames);
    const streamStyles = (s: number): WeightedStyleInput[] =>
      // A mono style serves every stream; a stereo style gives each channel (or mid and side) its own.
      styleStreams.map((streams, i) => ({
        spectrogram: streams[Math.min(s, streams.length - 1)]!.logMagnitude,
        weight: request.styles[i]!.weight,
      }));
    const iterationsPerWindow = settings.iterations ?? 0;
    const plannedIterations = contentStreams.length * windows.length * iterationsPerWindow;

    // Previews follow the content's dynamics as the finished result will.
    const follow = (stream: number) =>
      (settings.followDynamics ?? 0) > 0
        ? { content: contentStreams[stream]!.samples, strength: settings.followDynamics! }
        : undefined;
    // The optimisation phase's wall time counts the draft: it is the phase's first preview.
    const optimiseStarted = performance.now();
    if (request.previewEvery && opened.draft) {
      const { opening, result } = await opened.draft(
        contentStreams[0]!.logMagnitude,
        streamStyles(0),
        rate,
        signal,
      );
      const preview = {
        ...(await makePreview(result.data, opening.bins, 0, 0, analysis, settings.seed, follow(0))),
        draft: true,
      };
      // Awaited: the draft is what the user hears first, and a job process's pipe takes a
      // preview over several turns; the optimisation must not start before it is on its way.
      await progress(
        { phase: 'optimisation', iteration: 0, iterations: plannedIterations, preview },
        [preview.logMagnitude.buffer as ArrayBuffer, preview.audio.buffer as ArrayBuffer],
      );
    }

    // Optimisation, window by window; each stream's optimiser serves all of its windows.
    const longestWindow = Math.max(...windows.map((w) => w.end - w.start));
    const frameBins = contentStreams[0]!.logMagnitude.bins;
    const optimised = await optimiseWindows<LossTerms>({
      streams: contentStreams.map((stream) => stream.logMagnitude),
      windows,
      overlapFrames,
      iterationsPerWindow,
      previewEvery: request.previewEvery,
      startedAt: optimiseStarted,
      noLosses: opened.noLosses,
      progress,
      optimiserFor: (s) => opened.streamOptimiser(streamStyles(s), longestWindow),
      preview: (current, stream, startFrame) =>
        makePreview(
          current,
          frameBins,
          stream,
          startFrame,
          analysis,
          settings.seed,
          follow(stream),
        ),
    });
    const { joined: joinedStreams, iterations: done, finalLosses, history } = optimised;
    const optimisationSeconds = seconds(optimiseStarted);
    // The analyses' log-magnitudes are done with: let them go before reconstruction, the stage
    // that needs the most memory (424 MB for a 10-minute stereo song at 44.1 kHz).
    const finishStreams = contentStreams.map(({ samples, shape, phase }) => ({
      samples,
      shape,
      ...(phase && { phase }),
    }));
    contentStreams.length = 0;
    styleStreams.length = 0;

    // Phase reconstruction over each whole stream, so the joins between windows stay seamless.
    const finished = await finishTransfer({
      streams: finishStreams,
      joined: joinedStreams,
      settings: { ...settings, analysisRate: rate },
      progress,
      signal,
      request,
      region,
      contentLength: content.audio.channels[0]!.length,
    });
    const { written, reconstructionSeconds } = finished;
    // The numbers beside the result (QUALITY.md), against the transferred region of the content.
    const quality = await measureRender(
      region,
      styles.map((style) => ({ label: style.path, audio: style.audio })),
      finished.result,
      finished.spectralConvergence,
    );
    const wallSeconds = {
      analysis: analysisSeconds,
      optimisation: optimisationSeconds,
      reconstruction: reconstructionSeconds,
      total: seconds(started),
    };
    const inputOf = (clip: typeof content) => ({
      path: clip.path,
      sha256: clip.sha256,
      sampleRate: clip.audio.sampleRate,
      channels: clip.audio.channels.length,
      frames: clip.audio.channels[0]!.length,
    });
    const recipe = await writeRecipe(
      request.output,
      {
        method: method.name,
        preset,
        settings: { ...settings },
        seed: settings.seed,
        content: inputOf(content),
        region: request.region ?? null,
        styles: styles.map((style, i) => ({
          ...inputOf(style),
          weight: request.styles[i]!.weight,
        })),
        output: { path: request.output, sampleRate: region.sampleRate, ...written },
        backend: describeBackend(backend),
        tfjsVersion: tf.version_core,
        result: { iterations: done, finalLosses, wallSeconds },
        quality,
        history,
      },
      opened.recipe,
    );
    return {
      output: request.output,
      recipe,
      preset,
      settings: { ...settings } as Record<string, ParameterValue>,
      backend: describeBackend(backend),
      iterations: done,
      finalLosses,
      history,
      quality,
      ...opened.result,
      wallSeconds,
    };
  }
}
