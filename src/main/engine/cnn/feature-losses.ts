// The network terms of the CNN transfer (METHODS.md section 3), over activations [1, h, w, c]
// seen as F (positions x channels):
//   content  ||F - Fc||^2 / ||Fc||^2 at the content layer
//   style    sum over style layers of w_l ||G - Gs||^2 / ||Gs||^2, G = F^T F / positions
// Relative distances (Gatys et al. normalise by layer size; these are also level-free), so the
// weights mean the same for any clip. One tf.customGrad over all activations, whose backward
// pass is matMuls: dContent/dF = 2 (F - Fc) / ||Fc||^2, dStyle/dF = 4 F (G - Gs) / (P ||Gs||^2).
// Values are summed in float64 on the JS side, as the L-BFGS line search needs.
import * as tf from '@tensorflow/tfjs-core';

/** G = F^T F / positions for activations [n, h, w, c] (all batch items pooled). */
export function gramOf(activations: tf.Tensor): tf.Tensor2D {
  return tf.tidy(() => {
    const channels = activations.shape[activations.rank - 1]!;
    const f = tf.reshape(activations, [-1, channels]) as tf.Tensor2D;
    // An explicit transpose: matMul's transposeA is a slow path on the wasm backend.
    return tf.div(tf.matMul(tf.transpose(f), f), f.shape[0]) as tf.Tensor2D;
  });
}

export function squaredNorm(t: tf.Tensor): number {
  const values = t.dataSync();
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]! * values[i]!;
  return sum;
}

export interface LayerTarget {
  layer: string;
  /** Content features at this layer (same shape as the result's), when it is the content layer. */
  content?: { features: tf.Tensor; normSq: number };
  /** Mixed style Gram matrix at this layer, with its weight in the style term. */
  style?: { gram: tf.Tensor2D; normSq: number; weight: number };
}

/** Weighted term values of the last evaluation. */
export interface FeatureLossValues {
  content: number;
  style: number;
}

/**
 * contentWeight * content + styleWeight * style over the activations of `targets`' layers (in
 * that order). `values` receives the weighted terms on every forward pass.
 */
export function featureLoss(
  targets: readonly LayerTarget[],
  contentWeight: number,
  styleWeight: number,
  values: FeatureLossValues,
): (activations: tf.Tensor[]) => tf.Scalar {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args.pop() as tf.GradSaveFunc;
    const acts = args as tf.Tensor[];
    let content = 0;
    let style = 0;
    const saved: tf.Tensor[] = [];
    acts.forEach((a, i) => {
      const target = targets[i]!;
      if (target.content) {
        const diff = tf.sub(a, target.content.features);
        content += squaredNorm(diff) / target.content.normSq;
        saved.push(diff);
      }
      if (target.style) {
        const gramDiff = tf.sub(gramOf(a), target.style.gram) as tf.Tensor2D;
        style += (target.style.weight * squaredNorm(gramDiff)) / target.style.normSq;
        saved.push(gramDiff);
      }
    });
    values.content = contentWeight * content;
    values.style = styleWeight * style;
    save([...acts, ...saved]);
    return {
      value: tf.scalar(values.content + values.style),
      gradFunc: (dy: tf.Scalar, all: tf.Tensor[]) => {
        const savedActs = all.slice(0, acts.length);
        let next = acts.length;
        return savedActs.map((a, i) => {
          const target = targets[i]!;
          const channels = a.shape[a.rank - 1]!;
          const terms: tf.Tensor[] = [];
          if (target.content) {
            const diff = all[next++]!;
            terms.push(tf.mul(diff, (2 * contentWeight) / target.content.normSq));
          }
          if (target.style) {
            const gramDiff = all[next++]! as tf.Tensor2D;
            const f = tf.reshape(a, [-1, channels]) as tf.Tensor2D;
            const positions = f.shape[0];
            const scale =
              (4 * styleWeight * target.style.weight) / (positions * target.style.normSq);
            terms.push(tf.reshape(tf.mul(tf.matMul(f, gramDiff), scale), a.shape));
          }
          const grad = terms.length === 1 ? terms[0]! : tf.add(terms[0]!, terms[1]!);
          return tf.mul(grad, dy);
        });
      },
    };
  });
  return (activations) => (op as unknown as (...a: tf.Tensor[]) => tf.Scalar)(...activations);
}
