// A classifier network built from an architecture's layer list: weights as tf.Variables, a
// forward pass that can stop at any named activation and hand back the ones asked for, with
// gradients (through the custom-gradient layers) for training and for the transfer.
//
// Why not @tensorflow/tfjs-layers (Sequential, conv2d layers, save/load): its training runs on
// tfjs-core's registered gradients, and in Node tfjs-core registers none; the WebAssembly
// backend has no Conv2DBackpropFilter at all, and the cpu backend's took 31 s for one filter
// gradient that conv2d.ts computes in 1.2 s (220 ms on wasm). Every differentiable op would need
// replacing inside its layers anyway, the transfer needs named intermediate activations and
// input gradients without weight gradients, and save/load is tf.io.encodeWeights here. Two
// layer lists on tfjs-core ops are smaller than that adaptation.
import * as tf from '@tensorflow/tfjs-core';
import { EngineParameterError } from '../errors';
import {
  buildLayers,
  poolCount,
  weightShapes,
  type ArchitectureConfig,
  type LayerSpec,
} from './architectures';
import { convLayer } from './conv2d';
import { dense, globalMean, maxPool2x2, standardise } from './layers';
import { checkInputStatistics, initialiseNetwork, NamedWeightsNetwork } from '../named-weights';

export interface NetworkConfig extends ArchitectureConfig {
  /** Mean and standard deviation of the training spectrograms; inputs are standardised by them. */
  inputMean: number;
  inputStd: number;
}

export interface ForwardOptions {
  /** Stop after this activation (default: the logits). */
  until?: string;
  /** Activations to hand back, by name. */
  collect?: readonly string[];
  /** The gradient with respect to the input is wanted (the transfer; never training). */
  inputGradient?: boolean;
  /** Gradients of the weights are wanted (default true; the transfer keeps weights fixed). */
  weightGradients?: boolean;
}

/** Thrown when stored weights do not fit the architecture (a damaged or foreign model). */
export class NetworkWeightsError extends Error {
  override readonly name = 'NetworkWeightsError';
}

export class CnnNetwork extends NamedWeightsNetwork {
  readonly layers: readonly LayerSpec[];

  /**
   * Makes variables of `weights`, which must match the architecture's shapes exactly. The
   * variables share the tensors' data until trained; the caller still disposes its tensors.
   */
  constructor(
    readonly config: NetworkConfig,
    weights: tf.NamedTensorMap,
  ) {
    const layers = buildLayers(config);
    checkInputStatistics(config);
    super(weights, {
      expected: weightShapes(layers),
      kind: 'cnn',
      needs: 'the architecture',
      weightsError: (problem) => new NetworkWeightsError(problem),
      label: 'CnnNetwork',
    });
    this.layers = layers;
  }

  /**
   * A network with fresh weights: He-normal for layers followed by a ReLU, LeCun-normal for the
   * logits, zero biases, drawn from `seed` in layer order (the same seed gives the same network).
   */
  static initialise(config: NetworkConfig, seed: number): CnnNetwork {
    const layers = buildLayers(config);
    return initialiseNetwork(
      weightShapes(layers),
      seed,
      (name, shape) => {
        const size = shape.reduce((a, b) => a * b, 1);
        const layer = layers.find((l) => `${l.name}/kernel` === name)!;
        const fanIn = size / shape[shape.length - 1]!;
        const gain = layer.kind === 'dense' && !layer.relu ? 1 : 2;
        return Math.sqrt(gain / fanIn);
      },
      (weights) => new CnnNetwork(config, weights),
    );
  }

  /** Frames (and bins) an input needs so that no pooling up to `until` runs out of rows. */
  minimumFrames(until?: string): number {
    let pools = 0;
    for (const layer of this.layers) {
      if (layer.kind === 'pool') pools++;
      if (layer.output === until) break;
    }
    return until === undefined ? 2 ** poolCount(this.config.architecture) : 2 ** pools;
  }

  /**
   * Runs the network on spectrograms [n, frames, bins, 1] up to `until`; returns the last
   * activation and the collected ones. Call inside tf.tidy or a gradient function.
   */
  forward(
    input: tf.Tensor4D,
    options: ForwardOptions = {},
  ): { last: tf.Tensor; collected: Map<string, tf.Tensor> } {
    this.checkLive();
    const { until, collect = [], inputGradient = false, weightGradients = true } = options;
    if (until !== undefined && !this.layers.some((l) => l.output === until))
      throw new EngineParameterError(
        'layer',
        until,
        `${this.config.architecture} has no layer called "${until}".`,
      );
    if (input.shape[2] !== this.config.bins || input.shape[3] !== 1)
      throw new EngineParameterError(
        'bins',
        input.shape[2],
        `The network reads spectrograms of ${this.config.bins} bins, this one has ${input.shape[2]}: use the model's FFT size.`,
      );
    const needed = this.minimumFrames(until);
    if (input.shape[1] < needed)
      throw new EngineParameterError(
        'frames',
        input.shape[1],
        `The spectrogram has ${input.shape[1]} frames; ${this.config.architecture} needs at least ${needed} up to ${until ?? 'its output'}.`,
      );
    const collected = new Map<string, tf.Tensor>();
    let x: tf.Tensor = standardise(input, this.config.inputMean, this.config.inputStd);
    let first = true;
    for (const layer of this.layers) {
      x = this.apply(layer, x, first ? inputGradient : true, weightGradients);
      first = false;
      if (collect.includes(layer.output)) collected.set(layer.output, x);
      if (layer.output === until) break;
    }
    return { last: x, collected };
  }

  /** Class scores before the softmax, [n, classes]. */
  logits(input: tf.Tensor4D): tf.Tensor2D {
    return this.forward(input).last as tf.Tensor2D;
  }

  private apply(
    layer: LayerSpec,
    x: tf.Tensor,
    inputGradient: boolean,
    weightGradients: boolean,
  ): tf.Tensor {
    switch (layer.kind) {
      case 'conv':
        return convLayer(x as tf.Tensor4D, ...this.convWeights(layer.name), {
          relu: true,
          inputGradient,
          weightGradients,
        });
      case 'pool':
        return maxPool2x2(x as tf.Tensor4D);
      case 'global-mean':
        return globalMean(x as tf.Tensor4D);
      case 'dense':
        return dense(
          x as tf.Tensor2D,
          this.weight(`${layer.name}/kernel`) as tf.Tensor2D,
          this.weight(`${layer.name}/bias`) as tf.Tensor1D,
          layer.relu,
        );
    }
  }
}
