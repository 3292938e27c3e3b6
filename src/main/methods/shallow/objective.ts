// The transfer's objective: alpha * content + beta * style over the network's features of the
// result, and its gradient by tfjs autodiff through the custom gradients of shallow-network.ts
// and losses.ts. One evaluation allocates and frees the same tensors every time: nothing
// survives it but the returned arrays.
import * as tf from '@tensorflow/tfjs-core';
import type { Frames } from '../../../shared/units';
import {
  contentTerm,
  styleTerm,
  weightedLoss,
  type StyleTarget,
  type WeightedTerm,
} from '../../engine/losses';
import type { ShallowNetwork } from '../../engine/shallow-network';

/** Loss values of one evaluation, weights applied: total = content + style. */
export type LossValues = {
  total: number;
  /** alpha * sum((F - Fc)^2). */
  content: number;
  /** beta * sum((G - Gs)^2). */
  style: number;
};

export interface Evaluation extends LossValues {
  /** d total / d S, bins x frames (the layout of the input). */
  gradient: Float32Array;
}

export interface ObjectiveSetup {
  network: ShallowNetwork;
  /** Content spectrogram, bins x frames; only needed when contentWeight > 0. */
  contentT?: tf.Tensor2D;
  /** Mixed style target; only needed when styleWeight > 0. */
  style?: StyleTarget;
  contentWeight: number;
  styleWeight: number;
  /** Frames of the result (its Gram matrix is normalised by them, as the peer does). */
  frames: Frames;
}

export class TransferObjective {
  readonly bins: number;
  readonly frames: Frames;
  private readonly contentFeaturesT: tf.Tensor2D | undefined;
  /** Weighted float64 values of the active terms, content first, from the last evaluation. */
  private readonly termValues: number[] = [];
  private readonly terms: { content: number; style: number };
  private readonly lossAndGradient: (x: tf.Tensor2D) => { value: tf.Scalar; grad: tf.Tensor2D };

  constructor(private readonly setup: ObjectiveSetup) {
    const { network, contentWeight, styleWeight, frames } = setup;
    this.bins = network.shape.bins;
    this.frames = frames;
    if (contentWeight > 0 && !setup.contentT)
      throw new Error('TransferObjective: contentWeight > 0 needs contentT');
    if (styleWeight > 0 && !setup.style)
      throw new Error('TransferObjective: styleWeight > 0 needs a style target');
    this.contentFeaturesT =
      contentWeight > 0 && setup.contentT ? network.forward(setup.contentT) : undefined;
    const terms: WeightedTerm[] = [];
    this.terms = { content: -1, style: -1 };
    if (this.contentFeaturesT) {
      this.terms.content = terms.length;
      terms.push({ term: contentTerm(this.contentFeaturesT), weight: contentWeight });
    }
    if (styleWeight > 0 && setup.style) {
      this.terms.style = terms.length;
      terms.push({ term: styleTerm(setup.style, frames), weight: styleWeight });
    }
    const loss = weightedLoss(terms, this.termValues);
    this.lossAndGradient = tf.valueAndGrad((x: tf.Tensor2D) => loss(network.features(x))) as (
      x: tf.Tensor2D,
    ) => { value: tf.Scalar; grad: tf.Tensor2D };
  }

  /** Loss and gradient at `x` (bins x frames, row-major). */
  evaluate(x: Float32Array): Evaluation {
    const gradient = tf.tidy(() => {
      const { grad } = this.evaluateTensor(tf.tensor2d(x, [this.bins, this.frames]));
      return grad;
    });
    const values = this.lastValues();
    const data = gradient.dataSync() as Float32Array;
    gradient.dispose();
    return { ...values, gradient: data };
  }

  /** Loss and gradient as tensors (for optimisers that keep the result on the backend). */
  evaluateTensor(x: tf.Tensor2D): { values: LossValues; grad: tf.Tensor2D } {
    const { value, grad } = this.lossAndGradient(x);
    value.dispose();
    return { values: this.lastValues(), grad };
  }

  dispose(): void {
    this.contentFeaturesT?.dispose();
  }

  private lastValues(): LossValues {
    const content = this.terms.content >= 0 ? this.termValues[this.terms.content]! : 0;
    const style = this.terms.style >= 0 ? this.termValues[this.terms.style]! : 0;
    return { total: content + style, content, style };
  }
}
