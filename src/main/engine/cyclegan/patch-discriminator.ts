// A PatchGAN discriminator (after Isola et al. and Zhu et al.) for log-magnitude spectrograms: a
// small 2-D convolutional net whose output is a grid of real/fake scores, one per patch of the
// spectrogram (time x frequency), rather than one score per clip.
//
// Layout: NHWC with H = frames and W = bins, one input channel. Each block is a 3 x 3 'same'
// convolution with ReLU followed by 2 x 2 max pooling; a last linear 3 x 3 convolution gives the
// scores. Stride-1 convolutions and max pooling are the engine's ops with written-out gradients
// (the wasm backend has no Conv2DBackpropFilter: engine/cnn/conv2d.ts).
//
// The patch (receptive field) is 78 x 78 at the default four blocks: 0.78 s by 2.4 kHz at the
// 16 kHz, hop-160, 512-point analysis. The paper's 70 x 70 pixels is for photographs; on a log
// spectrogram a patch should span a note's attack and decay (a few hundred ms) and several
// harmonics of a mid-range note (at C4, 262 Hz, nine) so that it judges timbre, but not the whole
// spectrum, so that the scores stay local and the generator gets a gradient for each region.
import * as tf from '@tensorflow/tfjs-core';
import { convLayer } from '../cnn/conv2d';
import { maxPool2x2, standardise } from '../cnn/layers';
import { EngineParameterError } from '../errors';
import { checkInputStatistics, initialiseNetwork, NamedWeightsNetwork } from '../named-weights';

export interface DiscriminatorConfig {
  /** Channels of the first block; each further block doubles them. */
  channels: number;
  /** Conv + pool blocks before the scoring layer. */
  blocks: number;
  /** Statistics of the training spectrograms: the network reads standardised input. */
  inputMean: number;
  inputStd: number;
}

/** Thrown when stored weights do not fit the configuration. */
export class DiscriminatorWeightsError extends Error {
  override readonly name = 'DiscriminatorWeightsError';
}

interface Layer {
  name: string;
  channelsIn: number;
  channelsOut: number;
  relu: boolean;
}

const KERNEL = 3;

export function discriminatorLayers(config: DiscriminatorConfig): Layer[] {
  const layers: Layer[] = [];
  let channelsIn = 1;
  for (let i = 0; i < config.blocks; i++) {
    const channelsOut = config.channels * 2 ** i;
    layers.push({ name: `block${i + 1}`, channelsIn, channelsOut, relu: true });
    channelsIn = channelsOut;
  }
  layers.push({ name: 'score', channelsIn, channelsOut: 1, relu: false });
  return layers;
}

export function discriminatorWeightShapes(config: DiscriminatorConfig): [string, number[]][] {
  return discriminatorLayers(config).flatMap((l): [string, number[]][] => [
    [`${l.name}/kernel`, [KERNEL, KERNEL, l.channelsIn, l.channelsOut]],
    [`${l.name}/bias`, [l.channelsOut]],
  ]);
}

/** The side of one patch in frames (and bins): what one score sees. */
export function patchSize(config: Pick<DiscriminatorConfig, 'blocks'>): number {
  // Each conv widens the field by 2 x the current stride; each pool doubles the stride.
  let field = 1;
  let stride = 1;
  for (let i = 0; i < config.blocks; i++) {
    field += (KERNEL - 1) * stride;
    field += stride;
    stride *= 2;
  }
  return field + (KERNEL - 1) * stride;
}

/** The fewest frames (and bins) that give at least one score. */
export function minimumFrames(config: Pick<DiscriminatorConfig, 'blocks'>): number {
  return 2 ** config.blocks;
}

export class PatchDiscriminator extends NamedWeightsNetwork {
  readonly layers: readonly Layer[];

  constructor(
    readonly config: DiscriminatorConfig,
    weights: tf.NamedTensorMap,
  ) {
    const int = (v: number, lo: number) => Number.isInteger(v) && v >= lo;
    if (!(int(config.channels, 1) && int(config.blocks, 1) && config.blocks <= 8))
      throw new EngineParameterError(
        'discriminator',
        JSON.stringify(config),
        'A discriminator needs whole channels (1 or more) and 1 to 8 blocks.',
      );
    checkInputStatistics(config);
    const layers = discriminatorLayers(config);
    super(weights, {
      expected: discriminatorWeightShapes(config),
      kind: 'discriminator',
      needs: 'the discriminator',
      weightsError: (problem) => new DiscriminatorWeightsError(problem),
      label: 'PatchDiscriminator',
    });
    this.layers = layers;
  }

  /** Fresh weights from `seed`: He-normal before a ReLU, LeCun-normal for the scores. */
  static initialise(config: DiscriminatorConfig, seed: number): PatchDiscriminator {
    const layers = discriminatorLayers(config);
    return initialiseNetwork(
      discriminatorWeightShapes(config),
      seed,
      (name) => {
        const layer = layers.find((l) => `${l.name}/kernel` === name)!;
        const fanIn = KERNEL * KERNEL * layer.channelsIn;
        return Math.sqrt((layer.relu ? 2 : 1) / fanIn);
      },
      (weights) => new PatchDiscriminator(config, weights),
    );
  }

  /**
   * Spectrograms [n, frames, bins, 1] -> scores [n, frames / 2^blocks, bins / 2^blocks, 1].
   * `inputGradient`: the generator's training needs the gradient with respect to the input;
   * `weightGradients`: the discriminator's own training needs the weights'. Call inside a
   * gradient or tf.tidy.
   */
  forward(
    input: tf.Tensor4D,
    options: { inputGradient: boolean; weightGradients: boolean },
  ): tf.Tensor4D {
    this.checkLive();
    const least = minimumFrames(this.config);
    if (input.shape[1] < least || input.shape[2] < least || input.shape[3] !== 1)
      throw new EngineParameterError(
        'frames',
        input.shape[1],
        `The discriminator needs spectrograms of at least ${least} frames and bins, not ${input.shape[1]} x ${input.shape[2]}.`,
      );
    let x = standardise(input, this.config.inputMean, this.config.inputStd);
    for (const [i, layer] of this.layers.entries()) {
      x = convLayer(x, ...this.convWeights(layer.name), {
        relu: layer.relu,
        inputGradient: i > 0 || options.inputGradient,
        weightGradients: options.weightGradients,
      });
      if (layer.relu) x = maxPool2x2(x);
    }
    return x;
  }
}
