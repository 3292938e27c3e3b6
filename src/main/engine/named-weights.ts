// The named-weight bookkeeping every trained network shares (the classifiers, the generator and
// CycleGAN's discriminator, whose manifests all carry named weights): checking stored weights
// against the shapes a network needs, keeping them as trainable variables, handing them back by
// name, seeded fresh weights, and disposal. Each network keeps only its layers and forward pass.
import * as tf from '@tensorflow/tfjs-core';
import { seededRandom } from '../dsp/random';
import { EngineParameterError } from './errors';

/** A weight's name and shape, in the order the network lists them. */
export type WeightShapes = readonly (readonly [string, readonly number[]])[];

/** tfjs variable names are global: each network gets its own prefix from one counter. */
let serial = 0;

/**
 * The checked weights as variables named `<kind><n>/<name>`. A problem is thrown as
 * `weightsError(sentence)`, the sentence naming the weight; `needs` says who needs the shape
 * ("the architecture", "the generator").
 */
export function weightVariables(
  weights: tf.NamedTensorMap,
  expected: WeightShapes,
  kind: string,
  needs: string,
  weightsError: (problem: string) => Error,
): Map<string, tf.Variable> {
  for (const [name, shape] of expected) {
    const tensor = weights[name];
    if (!tensor) throw weightsError(`the weight ${name} is missing`);
    if (tensor.shape.join('x') !== shape.join('x'))
      throw weightsError(
        `the weight ${name} has shape ${tensor.shape.join('x')}, ${needs} needs ${shape.join('x')}`,
      );
  }
  const extra = Object.keys(weights).filter((name) => !expected.some(([n]) => n === name));
  if (extra.length > 0) throw weightsError(`unexpected weights ${extra.join(', ')}`);
  const prefix = `${kind}${++serial}`;
  return new Map(
    expected.map(([name]) => [name, tf.variable(weights[name]!, true, `${prefix}/${name}`)]),
  );
}

/** Statistics of the training spectrograms, by which a network standardises its input. */
export interface InputStatistics {
  inputMean: number;
  inputStd: number;
}

/** Throws unless the input statistics are finite with a standard deviation above 0. */
export function checkInputStatistics(config: InputStatistics): void {
  if (!(
    Number.isFinite(config.inputStd) &&
    config.inputStd > 0 &&
    Number.isFinite(config.inputMean)
  ))
    throw new EngineParameterError(
      'inputStd',
      config.inputStd,
      `The input statistics must be finite with a standard deviation above 0, not mean ${config.inputMean}, std ${config.inputStd}.`,
    );
}

/**
 * A network built on fresh weights drawn from `seed` in the order of `shapes`: zero biases
 * (`<layer>/bias`, which draw nothing) and normal kernels of `kernelStd(name, shape)`, so the
 * same seed gives the same network. The drawn tensors are disposed once `build` has them.
 */
export function initialiseNetwork<N>(
  shapes: WeightShapes,
  seed: number,
  kernelStd: (name: string, shape: readonly number[]) => number,
  build: (weights: tf.NamedTensorMap) => N,
): N {
  const random = seededRandom(seed);
  const weights: tf.NamedTensorMap = {};
  for (const [name, shape] of shapes) {
    if (name.endsWith('/bias')) {
      weights[name] = tf.zeros(shape as number[]);
      continue;
    }
    const size = shape.reduce((a, b) => a * b, 1);
    weights[name] = tf.tensor(
      random.fillNormal(new Float32Array(size), 0, kernelStd(name, shape)),
      shape as number[],
    );
  }
  try {
    return build(weights);
  } finally {
    tf.dispose(Object.values(weights));
  }
}

/** How a network's weights are named, checked and reported. */
export interface NamedWeightsSpec {
  /** The shapes the network needs, in layer order. */
  expected: WeightShapes;
  /** Prefix of the variables' names ("cnn", "generator"). */
  kind: string;
  /** Who needs the shapes, in a weight error's sentence ("the architecture"). */
  needs: string;
  /** The network's own error for weights that do not fit. */
  weightsError: (problem: string) => Error;
  /** The class's name, in the error of a use after dispose(). */
  label: string;
}

/** A network whose weights are named trainable variables it owns until dispose(). */
export abstract class NamedWeightsNetwork {
  private readonly weights: Map<string, tf.Variable>;
  private readonly label: string;
  private disposed = false;

  /**
   * Makes variables of `weights`, which must match `spec.expected` exactly. The variables share
   * the tensors' data until trained; the caller still disposes its tensors.
   */
  protected constructor(weights: tf.NamedTensorMap, spec: NamedWeightsSpec) {
    this.weights = weightVariables(
      weights,
      spec.expected,
      spec.kind,
      spec.needs,
      spec.weightsError,
    );
    this.label = spec.label;
  }

  /** The trainable weights, in layer order. */
  variables(): tf.Variable[] {
    return [...this.weights.values()];
  }

  /** The weights by name (the network keeps ownership). */
  namedWeights(): tf.NamedTensorMap {
    return Object.fromEntries(this.weights);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const v of this.weights.values()) v.dispose();
  }

  protected weight(name: string): tf.Variable {
    return this.weights.get(name)!;
  }

  /** Layer `layer`'s kernel and bias, as a convolution takes them. */
  protected convWeights(layer: string): [kernel: tf.Tensor4D, bias: tf.Tensor1D] {
    return [
      this.weight(`${layer}/kernel`) as tf.Tensor4D,
      this.weight(`${layer}/bias`) as tf.Tensor1D,
    ];
  }

  protected checkLive(): void {
    if (this.disposed) throw new Error(`${this.label} used after dispose()`);
  }
}
