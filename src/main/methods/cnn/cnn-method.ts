// The trained-CNN method (METHODS.md section 3, seeds 000 and 004) as the transfer skeleton calls
// it: a classifier from the model cache, whose analysis the skeleton reads the clips at, and per
// stream the style's Gram matrices and envelopes; each window is optimised through the network.
import { ParameterError } from '../../../shared/user-error';
import { featureLayerNames } from '../../engine/cnn/architectures';
import { deepestLayer, disposeStyle, prepareStyle } from '../../engine/cnn/cnn-targets';
import type { CnnNetwork } from '../../engine/cnn/network';
import { describeSpectrogram } from '../../engine/cnn/spectrogram-settings';
import type { LogSpectrogram } from '../../engine/spectrogram';
import { ModelMismatchError } from '../../models/errors';
import type { ClassifierManifest } from '../../models/manifest';
import { DEMO_MODELS } from '../../models/shipped';
import type { LayerSpec } from '../../engine/cnn/architectures';
import { LBFGS_BYTES_PER_VALUE } from '../memory-estimate';
import { modelCacheOf } from '../model-methods';
import type { TransferMethod, WindowMemory } from '../method';
import { loadClassifier } from './classifier';
import type { CnnLossValues } from './cnn-objective';
import { cnnTransferWindow, type CnnTransferParams } from './cnn-window';
import {
  CNN_PARAMETERS,
  CNN_PRESET_NAMES,
  CNN_PRESETS,
  type CnnPresetName,
  type CnnSettings,
} from './parameters';

export const cnnMethod: TransferMethod<CnnSettings, CnnLossValues> = {
  name: 'cnn',
  label: 'Trained CNN',
  doc:
    'listens through a network trained to tell instruments apart and follows the style’s tone ' +
    'and dynamics more closely (needs a model: the shipped demos or your own)',
  parameters: CNN_PARAMETERS,
  presets: CNN_PRESETS,
  usesModel: true,
  analysisFrom: 'model',
  extraLossTerms: ['energy', 'frequency'],

  check(s, overrides) {
    // Layers given without weights weigh the same.
    if (overrides.styleLayers !== undefined && overrides.styleLayerWeights === undefined)
      s.styleLayerWeights = s.styleLayers.map(() => 1);
    if (
      s.styleLayerWeights.length !== s.styleLayers.length ||
      !s.styleLayerWeights.some((w) => w > 0)
    )
      throw new ParameterError(
        'styleLayerWeights',
        `Give one weight (0 or more, not all 0) per style layer: ${s.styleLayers.length} layers, ${s.styleLayerWeights.length} weights.`,
      );
    if (s.contentWeight + s.styleWeight + s.energyWeight + s.frequencyWeight === 0)
      throw new ParameterError(
        'styleWeight',
        'Every loss weight is 0: there is nothing to optimise.',
      );
    return s;
  },

  async open({ request, settings: asked, resolve, backendReady, signal }) {
    if (request.model !== undefined && (typeof request.model !== 'string' || request.model === ''))
      throw new ParameterError('model', 'Name the trained model to transfer with (--model NAME).');
    // The model first: a model that does not fit is reported before any audio is read.
    await backendReady;
    const cache = modelCacheOf(request);
    const modelName = request.model ?? DEMO_MODELS[request.preset ?? CNN_PRESET_NAMES[0]!]!;
    const { manifest, network } = await loadClassifier(cache, modelName);
    try {
      const preset = request.preset ?? manifest.architecture;
      const settings = request.preset === undefined ? resolve(preset) : asked;
      checkModelFits(
        manifest,
        network,
        request.preset as CnnPresetName | undefined,
        request.analysis,
        settings,
      );
      const analysis = manifest.spectrogram;
      const layers = [...new Set([settings.contentLayer, ...settings.styleLayers])];
      const minimumFrames = network.minimumFrames(deepestLayer(network, layers));
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
      return {
        settings,
        preset,
        analysis: {
          sampleRate: analysis.sampleRate,
          nFft: analysis.nFft,
          hop: analysis.hop,
          winLength: analysis.winLength,
        },
        minimumFrames,
        windowMemory: cnnWindowMemory(network.layers, network.config.bins),
        noLosses: { total: 0, content: 0, style: 0, energy: 0, frequency: 0 },
        async streamOptimiser(styles) {
          const totalWeight = styles.reduce((sum, s) => sum + s.weight, 0);
          const style = prepareStyle(
            network,
            styles.map((s) => ({
              spectrogram: padToFrames(s.spectrogram, minimumFrames),
              share: s.weight / totalWeight,
            })),
            settings.styleLayers,
          );
          return {
            optimise: async (window, startFrame, onIteration) => {
              const padded = padToFrames(window, minimumFrames);
              const result = await cnnTransferWindow(network, padded, style, params, {
                startFrame,
                ...(signal && { signal }),
                onIteration: (step) =>
                  onIteration({
                    iteration: step.iteration,
                    losses: { ...step.losses },
                    current: step.current,
                  }),
              });
              return { data: result.spectrogram.data, finalLosses: { ...result.finalLoss } };
            },
            dispose: () => disposeStyle(style),
          };
        },
        recipe: {
          model: {
            name: manifest.name,
            architecture: manifest.architecture,
            width: manifest.width,
            classes: manifest.classes,
            weightsSha256: manifest.weights.sha256,
            heldOutAccuracy: manifest.accuracy.heldOut,
          },
          analysis,
        },
        result: {
          model: {
            name: manifest.name,
            architecture: manifest.architecture,
            weightsSha256: manifest.weights.sha256,
          },
        },
        dispose: () => network.dispose(),
      };
    } catch (error) {
      network.dispose();
      throw error;
    }
  },
};

const article = (word: string): string => (/^[aeiou]/i.test(word) ? 'an' : 'a');

/** Throws ModelMismatchError unless the model can serve this preset, these layers and this analysis. */
export function checkModelFits(
  manifest: ClassifierManifest,
  network: CnnNetwork,
  preset: CnnPresetName | undefined,
  askedAnalysis: { sampleRate?: number; nFft?: number; hop?: number } | undefined,
  settings: CnnSettings,
): void {
  if (preset !== undefined && manifest.architecture !== preset)
    throw new ModelMismatchError(
      manifest.name,
      `The model "${manifest.name}" is a ${manifest.architecture} network; the ${preset} preset needs ${article(preset)} ${preset} model.`,
    );
  const available = featureLayerNames(network.layers);
  for (const layer of [settings.contentLayer, ...settings.styleLayers])
    if (!available.includes(layer))
      throw new ModelMismatchError(
        manifest.name,
        `The model "${manifest.name}" has no layer "${layer}"; its layers are ${available.join(', ')}.`,
      );
  const asked = askedAnalysis ?? {};
  for (const key of ['sampleRate', 'nFft', 'hop'] as const) {
    const value = asked[key];
    if (value !== undefined && value !== manifest.spectrogram[key])
      throw new ModelMismatchError(
        manifest.name,
        `The model "${manifest.name}" reads spectrograms of ${describeSpectrogram(manifest.spectrogram)}; the request asks for ${key} ${value}. Leave the analysis to the model.`,
      );
  }
}

/** A spectrogram padded with silence (S = 0) to at least `frames` frames. */
function padToFrames(spec: LogSpectrogram, frames: number): LogSpectrogram {
  if (spec.frames >= frames) return spec;
  const data = new Float32Array(frames * spec.bins);
  data.set(spec.data);
  return { frames, bins: spec.bins, data };
}

/**
 * A window's memory in the CNN (an upper estimate): every conv activation is kept for
 * the backward pass, with its gradient and its pre-ReLU value (3 float32 copies), at the
 * resolution left by the poolings before it (2x2 each); plus the optimiser's float64 history of
 * the input spectrogram. Per analysis frame of the window.
 */
function cnnWindowMemory(layers: readonly LayerSpec[], bins: number): WindowMemory {
  let pooled = 1;
  let perFrame = bins * LBFGS_BYTES_PER_VALUE;
  let weights = 0;
  for (const layer of layers) {
    if (layer.kind === 'pool') pooled *= 2;
    if (layer.kind !== 'conv') continue;
    perFrame += (3 * 4 * Math.ceil(bins / pooled) * layer.channelsOut) / pooled;
    weights += 4 * layer.kernel * layer.kernel * layer.channelsIn * layer.channelsOut;
  }
  return {
    sharedBytes: weights,
    fixedBytes: 0,
    bytesPerFrame: perFrame,
    bytesPerStyle: 0,
    fixedBy: { setting: 'model', makes: "the model's layers", fix: 'use a smaller model' },
  };
}
