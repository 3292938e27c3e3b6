// One trained-CNN transfer, end to end, in the shape of the shallow method's pipeline
// (src/main/transfer/run-transfer.ts, whose analysis, window, output and preview helpers it
// uses): the model from the cache -> files -> analysis streams at the model's STFT -> windows
// through the CNN objective -> joined spectrogram -> phase -> the content's rate and channels ->
// WAV + recipe. Runs inside a worker (the 'cnn-transfer' job); everything here is plain Node.
import * as tf from '@tensorflow/tfjs-core';
import type { TransferResult } from '../../../shared/transfer';
import { ParameterError } from '../../../shared/user-error';
import { logMagnitude, magnitude, stft, type Spectrogram } from '../../dsp';
import { defaultModelsFolder, shippedModelsFolder } from '../../models/locations';
import { ModelMismatchError } from '../../models/errors';
import type { ModelManifest } from '../../models/manifest';
import { ModelCache } from '../../models/model-cache';
import {
  checkNotSilent,
  cutRegion,
  loadClip,
  splitStreams,
  toAnalysisRate,
} from '../../transfer/analysis';
import { finishTransfer } from '../../transfer/finish-transfer';
import { describeBackend } from '../../transfer/run-transfer';
import { optimiseWindows } from '../../transfer/window-loop';
import { planWindows } from '../../transfer/windows';
import { initBackend } from '../backend';
import type { LogSpectrogram } from '../spectrogram';
import { featureLayerNames } from './architectures';
import { writeCnnRecipe } from './cnn-recipe';
import { makeCnnPreview } from './cnn-preview';
import { DEMO_MODELS } from '../../models/shipped';
import {
  CNN_PRESET_NAMES,
  resolveCnnSettings,
  type CnnLossTerms,
  type CnnSettings,
  type CnnTransferProgress,
  type CnnTransferRequest,
} from './cnn-settings';
import { deepestLayer, disposeStyle, prepareStyle } from './cnn-targets';
import { cnnTransferWindow, type CnnTransferParams } from './cnn-transfer';
import type { CnnNetwork } from './network';
import { describeSpectrogram, type SpectrogramSettings } from './spectrogram-settings';

export interface CnnTransferRunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: CnnTransferProgress, transfer?: ArrayBuffer[]) => void;
}

export type CnnTransferResult = TransferResult & {
  finalLosses: CnnLossTerms;
  model: { name: string; architecture: string; weightsSha256: string };
};

/** Crossfade between content windows, as the shallow pipeline. */
const overlapSeconds = 1;

interface Stream {
  samples: Float32Array;
  spectrum: Spectrogram;
  logMagnitude: LogSpectrogram;
}

const seconds = (since: number): number => (performance.now() - since) / 1000;

function analyse(samples: Float32Array, analysis: SpectrogramSettings): Stream {
  const spectrum = stft(samples, {
    nFft: analysis.nFft,
    hop: analysis.hop,
    winLength: analysis.winLength,
  });
  return {
    samples,
    spectrum,
    logMagnitude: {
      frames: spectrum.frames,
      bins: spectrum.bins,
      data: logMagnitude(magnitude(spectrum)),
    },
  };
}

function checkRequest(request: CnnTransferRequest): void {
  if (request.method !== 'cnn')
    throw new ParameterError(
      'method',
      `runCnnTransfer runs the cnn method, not "${String(request.method)}".`,
    );
  if (request.model !== undefined && (typeof request.model !== 'string' || request.model === ''))
    throw new ParameterError('model', 'Name the trained model to transfer with (--model NAME).');
  if (request.preset !== undefined && !CNN_PRESET_NAMES.includes(request.preset))
    throw new ParameterError(
      'preset',
      `Unknown preset "${String(request.preset)}": use ${CNN_PRESET_NAMES.join(' or ')}.`,
    );
  if (request.styles.length === 0)
    throw new ParameterError('styles', 'Give at least one style clip.');
  for (const style of request.styles)
    if (!(Number.isFinite(style.weight) && style.weight > 0))
      throw new ParameterError(
        'styleWeight',
        `Style weights must be above 0; ${style.path} has ${String(style.weight)}.`,
      );
  if (
    request.previewEvery !== undefined &&
    !(Number.isInteger(request.previewEvery) && request.previewEvery >= 0)
  )
    throw new ParameterError(
      'previewEvery',
      `previewEvery must be a whole number of iterations, not ${String(request.previewEvery)}.`,
    );
}

/** Throws ModelMismatchError unless the model can serve this preset, these layers and this analysis. */
export function checkModelFits(
  manifest: ModelManifest,
  network: CnnNetwork,
  request: CnnTransferRequest,
  settings: CnnSettings,
): void {
  if (request.preset !== undefined && manifest.architecture !== request.preset)
    throw new ModelMismatchError(
      manifest.name,
      `The model "${manifest.name}" is a ${manifest.architecture} network; the ${request.preset} preset needs ${article(request.preset)} ${request.preset} model.`,
    );
  const available = featureLayerNames(network.layers);
  for (const layer of [settings.contentLayer, ...settings.styleLayers])
    if (!available.includes(layer))
      throw new ModelMismatchError(
        manifest.name,
        `The model "${manifest.name}" has no layer "${layer}"; its layers are ${available.join(', ')}.`,
      );
  const asked = request.analysis ?? {};
  for (const key of ['sampleRate', 'nFft', 'hop', 'winLength'] as const) {
    const value = asked[key];
    if (value !== undefined && value !== manifest.spectrogram[key])
      throw new ModelMismatchError(
        manifest.name,
        `The model "${manifest.name}" reads spectrograms of ${describeSpectrogram(manifest.spectrogram)}; the request asks for ${key} ${value}. Leave the analysis to the model.`,
      );
  }
}

export async function runCnnTransfer(
  request: CnnTransferRequest,
  options: CnnTransferRunOptions = {},
): Promise<CnnTransferResult> {
  const started = performance.now();
  const { signal, onProgress } = options;
  checkRequest(request);
  // Values are checked before anything is loaded (layer names later, against the model).
  resolveCnnSettings({ preset: request.preset ?? 'verma-smith', settings: request.settings });
  const progress = (
    event: Omit<CnnTransferProgress, 'elapsedSeconds'>,
    transfer?: ArrayBuffer[],
  ): void => onProgress?.({ ...event, elapsedSeconds: seconds(started) }, transfer);
  progress({ phase: 'analysis', iteration: 0, iterations: 1 });

  // The model first: a model that does not fit is reported before any audio is read.
  const backend = await initBackend({ backend: request.backend ?? 'auto' });
  const cache = new ModelCache({
    dir: request.modelsDir ?? defaultModelsFolder(),
    shipped: request.shippedModelsDirs ?? [shippedModelsFolder()],
  });
  const modelName = request.model ?? DEMO_MODELS[request.preset ?? 'verma-smith'];
  const { manifest, network } = await cache.loadNetwork(modelName);
  try {
    const preset = request.preset ?? manifest.architecture;
    const settings = resolveCnnSettings({ preset, settings: request.settings });
    checkModelFits(manifest, network, request, settings);
    const analysis = manifest.spectrogram;
    const rate = analysis.sampleRate;

    const content = await loadClip(request.content);
    const styles = await Promise.all(request.styles.map((style) => loadClip(style.path)));
    styles.forEach((style) => checkNotSilent(style, 'style'));
    const region = cutRegion(content.audio, request.region);
    const analyseClip = async (audio: typeof region): Promise<Stream[]> =>
      Promise.all(
        splitStreams(audio, settings.channelMode).map(async (stream) =>
          analyse((await toAnalysisRate(stream, audio.sampleRate, rate)).samples, analysis),
        ),
      );
    const contentStreams = await analyseClip(region);
    const styleStreams = await Promise.all(styles.map((style) => analyseClip(style.audio)));
    const analysisSeconds = seconds(started);

    const layers = [...new Set([settings.contentLayer, ...settings.styleLayers])];
    const minimumFrames = network.minimumFrames(deepestLayer(network, layers));
    const frames = contentStreams[0]!.logMagnitude.frames;
    const windowFrames = Math.max(
      minimumFrames,
      Math.round((settings.windowSeconds * rate) / analysis.hop),
    );
    const overlapFrames = Math.min(
      Math.round((overlapSeconds * rate) / analysis.hop),
      Math.floor(windowFrames / 4),
    );
    const windows = planWindows(frames, windowFrames, overlapFrames);
    const params: CnnTransferParams = {
      contentLayer: settings.contentLayer,
      styleLayers: settings.styleLayers.map((layer, i) => ({
        layer,
        weight: settings.styleLayerWeights[i]!,
      })),
      weights: {
        content: settings.contentWeight,
        style: settings.styleWeight,
        energy: settings.energyWeight,
        frequency: settings.frequencyWeight,
      },
      start: settings.start,
      seed: settings.seed,
      optimiser: settings.optimiser,
      iterations: settings.iterations,
      learningRate: settings.learningRate,
    };
    const totalWeight = request.styles.reduce((sum, s) => sum + s.weight, 0);

    const optimiseStarted = performance.now();
    const {
      joined: joinedStreams,
      iterations: done,
      finalLosses,
    } = await optimiseWindows<CnnLossTerms>({
      streams: contentStreams.map((stream) => stream.logMagnitude),
      windows,
      overlapFrames,
      iterationsPerWindow: settings.iterations,
      previewEvery: request.previewEvery,
      startedAt: optimiseStarted,
      noLosses: { total: 0, content: 0, style: 0, energy: 0, frequency: 0 },
      progress,
      optimiserFor: async (s) => {
        // A mono style serves every stream; a stereo style gives each channel (or mid and side) its own.
        const style = prepareStyle(
          network,
          styleStreams.map((streams, i) => ({
            spectrogram: padToFrames(
              streams[Math.min(s, streams.length - 1)]!.logMagnitude,
              minimumFrames,
            ),
            share: request.styles[i]!.weight / totalWeight,
          })),
          settings.styleLayers,
        );
        return {
          optimise: async (window, stream, startFrame, onIteration) => {
            const padded = padToFrames(window, minimumFrames);
            const result = await cnnTransferWindow(network, padded, style, params, {
              startFrame,
              ...(signal && { signal }),
              onIteration: (step) =>
                onIteration({
                  iteration: step.iteration,
                  losses: { ...step.losses },
                  preview: () =>
                    makeCnnPreview(
                      step.current(),
                      padded,
                      stream,
                      startFrame,
                      analysis,
                      settings.seed,
                    ),
                }),
            });
            return { data: result.spectrogram.data, finalLosses: { ...result.finalLoss } };
          },
          dispose: () => disposeStyle(style),
        };
      },
    });
    const optimisationSeconds = seconds(optimiseStarted);

    // Phase reconstruction over each whole stream, so the joins between windows stay seamless.
    const { written, reconstructionSeconds } = await finishTransfer({
      streams: contentStreams,
      joined: joinedStreams,
      settings: { ...settings, analysisRate: rate },
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
    const recipe = await writeCnnRecipe(request.output, {
      preset,
      model: manifest,
      settings,
      analysis,
      content,
      region: request.region ?? null,
      styles: styles.map((style, i) => ({ clip: style, weight: request.styles[i]!.weight })),
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
      model: {
        name: manifest.name,
        architecture: manifest.architecture,
        weightsSha256: manifest.weights.sha256,
      },
    };
  } finally {
    network.dispose();
  }
}

const article = (word: string): string => (/^[aeiou]/i.test(word) ? 'an' : 'a');

/** A spectrogram padded with silence (S = 0) to at least `frames` frames. */
function padToFrames(spec: LogSpectrogram, frames: number): LogSpectrogram {
  if (spec.frames >= frames) return spec;
  const data = new Float32Array(frames * spec.bins);
  data.set(spec.data);
  return { frames, bins: spec.bins, data };
}
