// A feed-forward spectrogram generator (after Johnson et al.): a convolutional encoder, residual
// blocks and a decoder, mapping a log-magnitude spectrogram to one of the same shape in one pass.
//
// Layout: the frequency bins are the channels and the convolutions run along time only (kernels
// k x 1 over [n, frames, 1, bins]), as Ulyanov's audio texture networks do: a sound's timbre is
// the shape of its whole spectrum, which a 1-D convolution sees at once, where a 2-D one would
// need many layers to span the bins. It is also far cheaper: at 257 bins and 64 channels one
// 4 s window (400 frames) is ~0.1 GFLOP, where 16-channel 3 x 3 convolutions over the image
// would be ~4 GFLOP. Every convolution is stride 1 ('same'), so any number of frames works and
// the output lines up frame for frame with the input.
//
// The output is the input plus what the network adds (a global skip), with the last layer
// started small: an untrained generator is close to the identity, and training learns the
// change of timbre rather than how to copy the content.
//
// Every op has its gradient written out (conv2d.ts, layers.ts and the two below): tfjs-core's
// Node bundle registers none.
import * as tf from '@tensorflow/tfjs-core';
import { convLayer } from '../cnn/conv2d';
import { standardise } from '../cnn/layers';
import { EngineParameterError } from '../errors';
import { checkInputStatistics, initialiseNetwork, NamedWeightsNetwork } from '../named-weights';

export interface GeneratorConfig {
  /** Frequency bins of the spectrograms it reads and writes (n_fft / 2 + 1). */
  bins: number;
  /** Channels of the encoder's output, the residual blocks and the decoder's input. */
  channels: number;
  residualBlocks: number;
  /** Kernel length (frames) of the first and last layers. */
  outerKernel: number;
  /** Kernel length (frames) of every other layer. */
  kernel: number;
  /** Statistics of the training spectrograms: the network reads standardised input. */
  inputMean: number;
  inputStd: number;
}

/** Thrown when stored weights do not fit the configuration (a damaged or foreign model). */
export class GeneratorWeightsError extends Error {
  override readonly name = 'GeneratorWeightsError';
}

interface ConvSpec {
  name: string;
  kernel: number;
  channelsIn: number;
  channelsOut: number;
  relu: boolean;
}

/** The layers in order: enc1-3, res{i}a/b, dec1-3 (dec3 linear, the change added to the input). */
export function generatorLayers(config: GeneratorConfig): ConvSpec[] {
  const { bins, channels: c, kernel: k, outerKernel: ko } = config;
  const layers: ConvSpec[] = [
    { name: 'enc1', kernel: ko, channelsIn: bins, channelsOut: c, relu: true },
    { name: 'enc2', kernel: k, channelsIn: c, channelsOut: c, relu: true },
    { name: 'enc3', kernel: k, channelsIn: c, channelsOut: c, relu: true },
  ];
  for (let i = 1; i <= config.residualBlocks; i++)
    layers.push(
      { name: `res${i}a`, kernel: k, channelsIn: c, channelsOut: c, relu: true },
      { name: `res${i}b`, kernel: k, channelsIn: c, channelsOut: c, relu: false },
    );
  layers.push(
    { name: 'dec1', kernel: k, channelsIn: c, channelsOut: c, relu: true },
    { name: 'dec2', kernel: k, channelsIn: c, channelsOut: c, relu: true },
    { name: 'dec3', kernel: ko, channelsIn: c, channelsOut: bins, relu: false },
  );
  return layers;
}

export function generatorWeightShapes(config: GeneratorConfig): [string, number[]][] {
  return generatorLayers(config).flatMap((l): [string, number[]][] => [
    [`${l.name}/kernel`, [l.kernel, 1, l.channelsIn, l.channelsOut]],
    [`${l.name}/bias`, [l.channelsOut]],
  ]);
}

/** a + b with its gradient (both operands get dy). */
const addOp = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a, b] = args as [tf.Tensor, tf.Tensor];
  return { value: tf.add(a, b), gradFunc: (dy: tf.Tensor) => [dy, dy] };
}) as unknown as (a: tf.Tensor4D, b: tf.Tensor4D) => tf.Tensor4D;

const reshapeOps = new Map<string, (x: tf.Tensor4D) => tf.Tensor4D>();

/** Reshape with its gradient (the data's order is unchanged). */
export function reshape4d(x: tf.Tensor4D, shape: [number, number, number, number]): tf.Tensor4D {
  const key = `${x.shape.join('x')}>${shape.join('x')}`;
  let op = reshapeOps.get(key);
  if (!op) {
    const from = x.shape;
    op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [input] = args as [tf.Tensor4D];
      return {
        value: tf.reshape(input, shape) as tf.Tensor4D,
        gradFunc: (dy: tf.Tensor4D) => tf.reshape(dy, from),
      };
    }) as unknown as (x: tf.Tensor4D) => tf.Tensor4D;
    reshapeOps.set(key, op);
  }
  return op(x);
}

export class GeneratorNetwork extends NamedWeightsNetwork {
  readonly layers: readonly ConvSpec[];

  /** Makes variables of `weights`, which must match the configuration's shapes exactly. */
  constructor(
    readonly config: GeneratorConfig,
    weights: tf.NamedTensorMap,
  ) {
    const int = (v: number, lo: number) => Number.isInteger(v) && v >= lo;
    if (!(
      int(config.bins, 2) &&
      int(config.channels, 1) &&
      int(config.residualBlocks, 0) &&
      int(config.kernel, 1) &&
      config.kernel % 2 === 1 &&
      int(config.outerKernel, 1) &&
      config.outerKernel % 2 === 1
    ))
      throw new EngineParameterError(
        'generator',
        JSON.stringify(config),
        'A generator needs whole bins (2 or more), channels (1 or more), residual blocks (0 or more) and odd kernel lengths.',
      );
    checkInputStatistics(config);
    const layers = generatorLayers(config);
    super(weights, {
      expected: generatorWeightShapes(config),
      kind: 'generator',
      needs: 'the generator',
      weightsError: (problem) => new GeneratorWeightsError(problem),
      label: 'GeneratorNetwork',
    });
    this.layers = layers;
  }

  /**
   * Fresh weights from `seed`: He-normal before a ReLU, and the residual blocks' second layer and
   * the last layer at a tenth of LeCun-normal, so that blocks and network start near the identity.
   */
  static initialise(config: GeneratorConfig, seed: number): GeneratorNetwork {
    const layers = generatorLayers(config);
    return initialiseNetwork(
      generatorWeightShapes(config),
      seed,
      (name) => {
        const layer = layers.find((l) => `${l.name}/kernel` === name)!;
        const fanIn = layer.kernel * layer.channelsIn;
        return layer.relu ? Math.sqrt(2 / fanIn) : 0.1 * Math.sqrt(1 / fanIn);
      },
      (weights) => new GeneratorNetwork(config, weights),
    );
  }

  /**
   * Spectrograms [n, frames, bins, 1] -> generated spectrograms of the same shape.
   * Differentiable with respect to the weights (training), and with `inputGradient` fully with
   * respect to the input too; call inside tf.tidy or a gradient.
   */
  forward(
    input: tf.Tensor4D,
    options: { weightGradients?: boolean; inputGradient?: boolean } = {},
  ): tf.Tensor4D {
    this.checkLive();
    const [n, frames, bins] = input.shape;
    if (bins !== this.config.bins || input.shape[3] !== 1)
      throw new EngineParameterError(
        'bins',
        bins,
        `The generator reads spectrograms of ${this.config.bins} bins, this one has ${bins}: use the model's analysis.`,
      );
    const weightGradients = options.weightGradients ?? true;
    const columns = reshape4d(input, [n, frames, 1, bins]);
    let x = standardise(columns, this.config.inputMean, this.config.inputStd);
    let blockInput: tf.Tensor4D | undefined;
    for (const [i, layer] of this.layers.entries()) {
      if (layer.name.endsWith('a') && layer.name.startsWith('res')) blockInput = x;
      x = convLayer(x, ...this.convWeights(layer.name), {
        relu: layer.relu,
        // A spectrogram of data needs no gradient; another network's output does (CycleGAN's
        // cycle F(G(x)) trains G through F).
        inputGradient: i > 0 || (options.inputGradient ?? false),
        weightGradients,
      });
      if (layer.name.endsWith('b') && layer.name.startsWith('res')) x = addOp(x, blockInput!);
    }
    // The change, in the units of S, added to the content.
    return reshape4d(addOp(columns, x), [n, frames, bins, 1]);
  }

  /** One spectrogram through the generator, without gradients (the transfer). */
  generate(data: Float32Array, frames: number): Float32Array {
    const bins = this.config.bins;
    const out = tf.tidy(() =>
      this.forward(tf.tensor4d(data, [1, frames, bins, 1]), { weightGradients: false }),
    );
    const values = out.dataSync() as Float32Array;
    out.dispose();
    // S = log(1 + |X|) is never negative.
    for (let i = 0; i < values.length; i++) if (values[i]! < 0) values[i] = 0;
    return values;
  }
}
