// The CNN transfer's objective on one window of the result S (frames x bins):
//   total = alpha * content + beta * (style Gram terms) + energyWeight * energy
//           + frequencyWeight * frequency
// The network terms go through tfjs autodiff (the custom-gradient layers and feature-losses.ts),
// the envelope terms are exact float64 functions of S (envelopes.ts); their gradients add up.
import * as tf from '@tensorflow/tfjs-core';
import { envelopeLoss } from '../../engine/cnn/envelopes';
import {
  featureLoss,
  type FeatureLossValues,
  type LayerTarget,
} from '../../engine/cnn/feature-losses';
import type { CnnNetwork } from '../../engine/cnn/network';

export interface CnnWeights {
  /** alpha: the content term. */
  content: number;
  /** beta: the Gram (style) terms. */
  style: number;
  /** The temporal energy envelope term. */
  energy: number;
  /** The frequency (timbral) envelope term. */
  frequency: number;
}

/** Weighted term values; total is their sum. (A type, not an interface: it is a LossTerms.) */
export type CnnLossValues = {
  total: number;
  content: number;
  style: number;
  energy: number;
  frequency: number;
};

export interface CnnObjectiveSetup {
  network: CnnNetwork;
  frames: number;
  bins: number;
  /** One entry per layer the network terms use, in any order. */
  targets: readonly LayerTarget[];
  weights: CnnWeights;
  /** The style's energy envelope aligned to this window's frames. */
  energyTarget: Float64Array;
  /** The style's frequency envelope. */
  frequencyTarget: Float64Array;
}

export class CnnObjective {
  private readonly values: FeatureLossValues = { content: 0, style: 0 };
  private readonly layers: string[];
  private readonly deepest: string | undefined;
  private readonly lossAndGradient:
    ((x: tf.Tensor4D) => { value: tf.Scalar; grad: tf.Tensor4D }) | undefined;

  constructor(private readonly setup: CnnObjectiveSetup) {
    const { network, targets, weights } = setup;
    // Network order, so that the forward pass can stop at the deepest layer used.
    const ordered = network.layers
      .map((l) => targets.find((t) => t.layer === l.output))
      .filter((t): t is LayerTarget => t !== undefined);
    this.layers = ordered.map((t) => t.layer);
    this.deepest = this.layers.at(-1);
    if (this.deepest !== undefined && (weights.content > 0 || weights.style > 0)) {
      const loss = featureLoss(ordered, weights.content, weights.style, this.values);
      const deepest = this.deepest;
      this.lossAndGradient = tf.valueAndGrad((x: tf.Tensor4D) => {
        const { collected } = network.forward(x, {
          until: deepest,
          collect: this.layers,
          inputGradient: true,
          weightGradients: false,
        });
        return loss(this.layers.map((l) => collected.get(l)!));
      }) as (x: tf.Tensor4D) => { value: tf.Scalar; grad: tf.Tensor4D };
    }
  }

  /** Loss terms and d total / d S at `x` (frames x bins, row-major). */
  evaluate(x: Float32Array): CnnLossValues & { gradient: Float32Array } {
    const { frames, bins, weights } = this.setup;
    let gradient: Float32Array;
    let content = 0;
    let style = 0;
    if (this.lossAndGradient) {
      const grad = tf.tidy(() => {
        const result = this.lossAndGradient!(tf.tensor4d(x, [1, frames, bins, 1]));
        return result.grad;
      });
      gradient = Float32Array.from(grad.dataSync());
      grad.dispose();
      content = this.values.content;
      style = this.values.style;
    } else {
      gradient = new Float32Array(x.length);
    }
    const energy =
      weights.energy > 0
        ? weights.energy *
          envelopeLoss(x, frames, bins, this.setup.energyTarget, 'time', gradient, weights.energy)
        : 0;
    const frequency =
      weights.frequency > 0
        ? weights.frequency *
          envelopeLoss(
            x,
            frames,
            bins,
            this.setup.frequencyTarget,
            'frequency',
            gradient,
            weights.frequency,
          )
        : 0;
    return {
      total: content + style + energy + frequency,
      content,
      style,
      energy,
      frequency,
      gradient,
    };
  }
}
