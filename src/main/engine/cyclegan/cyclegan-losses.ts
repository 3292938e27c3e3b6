// CycleGAN's loss terms (Zhu et al.) as pure scalar ops with their gradients written out
// (tfjs-core's Node bundle registers none): the least-squares adversarial term (Mao et al.'s
// LSGAN, which the paper uses instead of the log loss) and the L1 distance of the cycle and
// identity terms. Each reports its weighted value through `out`, so the trainer can show every
// term without a second pass.
import * as tf from '@tensorflow/tfjs-core';

/** Where a term leaves its last weighted value. */
export interface TermValue {
  value: number;
}

/**
 * weight * mean((scores - target)^2) over every patch score of the batch. target 1 asks the
 * scores to say "real", 0 "generated". The gradient flows into the scores.
 */
export function leastSquaresTerm(
  scores: tf.Tensor4D,
  target: 0 | 1,
  weight: number,
  out?: TermValue,
): tf.Scalar {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [s, save] = args as [tf.Tensor4D, tf.GradSaveFunc];
    const difference = tf.sub(s, target);
    const value = tf.mul(tf.mean(tf.square(difference)), weight) as tf.Scalar;
    if (out) out.value = value.dataSync()[0]!;
    save([difference]);
    return {
      value,
      gradFunc: (dy: tf.Scalar, saved: tf.Tensor[]) =>
        tf.mul(saved[0]!, tf.mul(dy, (2 * weight) / s.size)) as tf.Tensor4D,
    };
  }) as unknown as (s: tf.Tensor4D) => tf.Scalar;
  return op(scores);
}

/**
 * weight * mean(|a - b|): the distance of a generated spectrogram `a` from the data `b` it
 * should equal (the cycle's return, or the identity). `b` is data: its gradient is zero.
 */
export function l1Term(a: tf.Tensor4D, b: tf.Tensor4D, weight: number, out?: TermValue): tf.Scalar {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [p, q, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    const difference = tf.sub(p, q);
    const value = tf.mul(tf.mean(tf.abs(difference)), weight) as tf.Scalar;
    if (out) out.value = value.dataSync()[0]!;
    save([tf.sign(difference)]);
    return {
      value,
      gradFunc: (dy: tf.Scalar, saved: tf.Tensor[]) => [
        tf.mul(saved[0]!, tf.mul(dy, weight / p.size)) as tf.Tensor4D,
        tf.zerosLike(q),
      ],
    };
  }) as unknown as (p: tf.Tensor4D, q: tf.Tensor4D) => tf.Scalar;
  return op(a, b);
}
