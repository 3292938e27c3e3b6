// The generator's training loss (METHODS.md section 4): the trained-CNN transfer's objective
// (method 3: content, Gram style terms, energy and frequency envelopes, engine/cnn) evaluated on
// the generator's output for a batch of content crops, differentiated back to the generator's
// weights. The classifier's weights stay fixed (no weight gradients through it).
import * as tf from '@tensorflow/tfjs-core';
import type { PreparedStyle } from '../cnn/cnn-targets';
import { deepestLayer } from '../cnn/cnn-targets';
import { envelopeLoss, type EnvelopeAxis } from '../cnn/envelopes';
import { featureLoss, squaredNorm, type LayerTarget } from '../cnn/feature-losses';
import type { CnnNetwork } from '../cnn/network';
import { sumOfTerms } from '../loss-sum';
import type { GeneratorNetwork } from './generator-network';

export interface GeneratorLossWeights {
  content: number;
  style: number;
  energy: number;
  frequency: number;
}

export interface GeneratorLossSetup {
  generator: GeneratorNetwork;
  /** The loss network: a trained classifier. */
  network: CnnNetwork;
  contentLayer: string;
  styleLayers: readonly { layer: string; weight: number }[];
  weights: GeneratorLossWeights;
  style: PreparedStyle;
}

/** Weighted terms of the last evaluation, each the batch mean; total is their sum. */
export type GeneratorLossValues = {
  total: number;
  content: number;
  style: number;
  energy: number;
  frequency: number;
};

/**
 * An envelope term over a batch [n, frames, bins, 1]: weight * the mean over items of
 * envelopeLoss against each item's target, with its exact gradient (computed in float64 on the
 * JS side, like the transfer's).
 */
function envelopeTerm(
  targets: readonly Float64Array[],
  axis: EnvelopeAxis,
  weight: number,
  values: { value: number },
): (y: tf.Tensor4D) => tf.Scalar {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [y, save] = args as [tf.Tensor4D, tf.GradSaveFunc];
    const [n, frames, bins] = y.shape;
    const data = y.dataSync();
    const gradient = new Float32Array(data.length);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const item = data.subarray(i * frames * bins, (i + 1) * frames * bins);
      const g = gradient.subarray(i * frames * bins, (i + 1) * frames * bins);
      sum += envelopeLoss(item, frames, bins, targets[i]!, axis, g, weight / n);
    }
    values.value = (weight * sum) / n;
    // Tensors made here live on only when saved.
    save([tf.tensor4d(gradient, y.shape)]);
    return {
      value: tf.scalar(values.value),
      gradFunc: (dy: tf.Scalar, saved: tf.Tensor[]) => tf.mul(saved[0]!, dy) as tf.Tensor4D,
    };
  }) as unknown as (y: tf.Tensor4D) => tf.Scalar;
}

/**
 * The loss of the generator on content crops `x` [n, frames, bins, 1] and its gradients with
 * respect to the generator's weights. `energyTargets` holds each crop's aligned style energy
 * envelope (frames values). Returns the weighted terms; the gradients are the caller's to dispose.
 */
export function generatorLossAndGradients(
  setup: GeneratorLossSetup,
  x: tf.Tensor4D,
  energyTargets: readonly Float64Array[],
  options: { gradients?: boolean } = {},
): { values: GeneratorLossValues; grads?: tf.NamedTensorMap } {
  const { generator, network, weights, style } = setup;
  const layerNames = [...new Set([setup.contentLayer, ...setup.styleLayers.map((l) => l.layer)])];
  const deepest = deepestLayer(network, layerNames);
  const ordered = network.layers.map((l) => l.output).filter((name) => layerNames.includes(name));
  const features =
    weights.content > 0
      ? tf.tidy(() => network.forward(x, { until: setup.contentLayer }).last)
      : undefined;
  try {
    const totalLayerWeight = setup.styleLayers.reduce((s, l) => s + l.weight, 0);
    const targets: LayerTarget[] = ordered.map((layer) => {
      const target: LayerTarget = { layer };
      if (features && layer === setup.contentLayer)
        target.content = { features, normSq: Math.max(squaredNorm(features), 1e-30) };
      const styleLayer = setup.styleLayers.find((l) => l.layer === layer);
      const gram = style.grams.get(layer);
      if (weights.style > 0 && styleLayer && styleLayer.weight > 0 && gram)
        target.style = { ...gram, weight: styleLayer.weight / totalLayerWeight };
      return target;
    });
    const network_ = { content: 0, style: 0 };
    const energy = { value: 0 };
    const frequency = { value: 0 };
    const lossOf = (): tf.Scalar => {
      const y = generator.forward(x);
      const terms: tf.Scalar[] = [];
      if (weights.content > 0 || weights.style > 0) {
        const { collected } = network.forward(y, {
          until: deepest,
          collect: ordered,
          inputGradient: true,
          weightGradients: false,
        });
        terms.push(
          featureLoss(
            targets,
            weights.content,
            weights.style,
            network_,
          )(ordered.map((l) => collected.get(l)!)),
        );
      }
      if (weights.energy > 0)
        terms.push(envelopeTerm(energyTargets, 'time', weights.energy, energy)(y));
      if (weights.frequency > 0) {
        const n = x.shape[0];
        terms.push(
          envelopeTerm(
            Array.from({ length: n }, () => style.frequency),
            'frequency',
            weights.frequency,
            frequency,
          )(y),
        );
      }
      return sumOfTerms(terms);
    };
    let grads: tf.NamedTensorMap | undefined;
    if (options.gradients ?? true) {
      const result = tf.variableGrads(lossOf, generator.variables());
      result.value.dispose();
      grads = result.grads;
    } else {
      tf.tidy(() => {
        lossOf();
      });
    }
    const values = {
      content: network_.content,
      style: network_.style,
      energy: energy.value,
      frequency: frequency.value,
    };
    return {
      values: {
        total: values.content + values.style + values.energy + values.frequency,
        ...values,
      },
      ...(grads && { grads }),
    };
  } finally {
    features?.dispose();
  }
}
