// The two classifier architectures of METHODS.md section 3, as lists of layers. Both read a
// log-magnitude spectrogram as a one-channel image [frames, bins] and end in a head that
// averages the last features over time and frequency (layers.ts, globalMean: measured to
// generalise across pitch better), so one trained network classifies clips of any length.
//
//   audio-VGG (seed 000): VGG-19's 16 convolutions (3x3, 'same') in 5 blocks of 2, 2, 4, 4, 4
//     with 64, 128, 256, 512, 512 channels, 2x2 max pooling after each block, then fc6 and fc7
//     (4096 units) and fc8 (the classes). The only change seed 000 makes is the one-channel
//     first layer; ours adds the global average before fc6.
//   Verma & Smith (seed 004): AlexNet with 3x3 kernels and 2x2 pooling, 6 layers: conv1-conv5
//     (96, 256, 384, 384, 256 channels; pooling after conv1, conv2 and conv5, as AlexNet) and
//     one fully connected classifier layer.
//
// A width multiplier scales every channel and hidden-unit count, so the networks fit a CPU.
import { EngineParameterError } from '../errors';

export type ArchitectureName = 'audio-vgg' | 'verma-smith';
export const ARCHITECTURES: readonly ArchitectureName[] = ['audio-vgg', 'verma-smith'];

export interface ArchitectureConfig {
  architecture: ArchitectureName;
  /** Channel and hidden-unit multiplier (1: the papers' widths). */
  width: number;
  /** Frequency bins of the input spectrogram (nFft / 2 + 1). */
  bins: number;
  /** Classes the classifier tells apart (at least 2). */
  classes: number;
}

export type LayerSpec =
  | {
      kind: 'conv';
      /** Weights are stored under `${name}/kernel` and `${name}/bias`. */
      name: string;
      /** The activation after the ReLU, as the papers name it (relu3_3, relu2 ...). */
      output: string;
      channelsIn: number;
      channelsOut: number;
      kernel: number;
    }
  | { kind: 'pool'; name: string; output: string }
  | { kind: 'global-mean'; name: string; output: string }
  | { kind: 'dense'; name: string; output: string; unitsIn: number; units: number; relu: boolean };

const VGG_BLOCKS: readonly (readonly number[])[] = [
  [64, 64],
  [128, 128],
  [256, 256, 256, 256],
  [512, 512, 512, 512],
  [512, 512, 512, 512],
];
const VGG_HIDDEN = 4096;
const VERMA_CONVS = [96, 256, 384, 384, 256] as const;
const VERMA_POOL_AFTER = new Set([1, 2, 5]);

/** Scaled channel count, never below 1. */
export function scaled(channels: number, width: number): number {
  return Math.max(1, Math.round(channels * width));
}

/** Width multipliers from 1/64 to 1; checked here so that every caller gets the same message. */
export function checkArchitecture(config: ArchitectureConfig): void {
  if (!ARCHITECTURES.includes(config.architecture))
    throw new EngineParameterError(
      'architecture',
      config.architecture,
      `Unknown architecture "${String(config.architecture)}": use ${ARCHITECTURES.join(' or ')}.`,
    );
  if (!(Number.isFinite(config.width) && config.width >= 1 / 64 && config.width <= 1))
    throw new EngineParameterError(
      'width',
      config.width,
      `The width multiplier must be from 1/64 to 1, not ${String(config.width)}.`,
    );
  if (!(Number.isInteger(config.classes) && config.classes >= 2))
    throw new EngineParameterError(
      'classes',
      config.classes,
      `A classifier needs at least two classes, not ${String(config.classes)}.`,
    );
  const pools = poolCount(config.architecture);
  if (!(Number.isInteger(config.bins) && config.bins >= 2 ** pools))
    throw new EngineParameterError(
      'bins',
      config.bins,
      `${config.architecture} needs at least ${2 ** pools} frequency bins, not ${String(config.bins)}: use a larger FFT.`,
    );
}

/** 2x2 poolings in the whole network: inputs need at least 2^pools frames and bins. */
export function poolCount(architecture: ArchitectureName): number {
  return architecture === 'audio-vgg' ? VGG_BLOCKS.length : VERMA_POOL_AFTER.size;
}

export function buildLayers(config: ArchitectureConfig): LayerSpec[] {
  checkArchitecture(config);
  return config.architecture === 'audio-vgg' ? vggLayers(config) : vermaSmithLayers(config);
}

function vggLayers({ width, classes }: ArchitectureConfig): LayerSpec[] {
  const layers: LayerSpec[] = [];
  let channels = 1;
  VGG_BLOCKS.forEach((block, b) => {
    block.forEach((paperChannels, i) => {
      const out = scaled(paperChannels, width);
      const id = `${b + 1}_${i + 1}`;
      layers.push({
        kind: 'conv',
        name: `conv${id}`,
        output: `relu${id}`,
        channelsIn: channels,
        channelsOut: out,
        kernel: 3,
      });
      channels = out;
    });
    layers.push({ kind: 'pool', name: `pool${b + 1}`, output: `pool${b + 1}` });
  });
  const hidden = scaled(VGG_HIDDEN, width);
  layers.push({ kind: 'global-mean', name: 'global_mean', output: 'global_mean' });
  layers.push(denseSpec('fc6', channels, hidden, true));
  layers.push(denseSpec('fc7', hidden, hidden, true));
  layers.push(denseSpec('fc8', hidden, classes, false));
  return layers;
}

function vermaSmithLayers({ width, classes }: ArchitectureConfig): LayerSpec[] {
  const layers: LayerSpec[] = [];
  let channels = 1;
  VERMA_CONVS.forEach((paperChannels, i) => {
    const out = scaled(paperChannels, width);
    layers.push({
      kind: 'conv',
      name: `conv${i + 1}`,
      output: `relu${i + 1}`,
      channelsIn: channels,
      channelsOut: out,
      kernel: 3,
    });
    channels = out;
    if (VERMA_POOL_AFTER.has(i + 1)) {
      layers.push({ kind: 'pool', name: `pool${i + 1}`, output: `pool${i + 1}` });
    }
  });
  layers.push({ kind: 'global-mean', name: 'global_mean', output: 'global_mean' });
  layers.push(denseSpec('fc6', channels, classes, false));
  return layers;
}

function denseSpec(name: string, unitsIn: number, units: number, relu: boolean): LayerSpec {
  return { kind: 'dense', name, output: name, unitsIn, units, relu };
}

/** Names of the activations a transfer may use (the convolutions' ReLUs and the poolings). */
export function featureLayerNames(layers: readonly LayerSpec[]): string[] {
  return layers.filter((l) => l.kind === 'conv' || l.kind === 'pool').map((l) => l.output);
}

/** Shapes of every weight, by name, in the order the network creates them. */
export function weightShapes(layers: readonly LayerSpec[]): [string, number[]][] {
  const shapes: [string, number[]][] = [];
  for (const layer of layers) {
    if (layer.kind === 'conv') {
      shapes.push([
        `${layer.name}/kernel`,
        [layer.kernel, layer.kernel, layer.channelsIn, layer.channelsOut],
      ]);
      shapes.push([`${layer.name}/bias`, [layer.channelsOut]]);
    } else if (layer.kind === 'dense') {
      shapes.push([`${layer.name}/kernel`, [layer.unitsIn, layer.units]]);
      shapes.push([`${layer.name}/bias`, [layer.units]]);
    }
  }
  return shapes;
}
