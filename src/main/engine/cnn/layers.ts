// The other differentiable pieces of the two classifiers, each one tf.customGrad whose backward
// pass uses forward kernels only: tfjs-core's Node bundle registers no gradients, so nothing in
// a network may rely on them.
// Tensors are NHWC with H = time frames and W = frequency bins.
import * as tf from '@tensorflow/tfjs-core';

type Unary<T extends tf.Tensor, U extends tf.Tensor> = (x: T) => U;

/**
 * 2 x 2 max pooling, stride 2 ('valid': an odd last row or column is dropped, as in VGG).
 * The gradient goes to the window's maximum (shared equally between tied maxima, a valid
 * subgradient). Not the MaxPoolGrad kernel: the wasm backend's drops the gradient of windows
 * whose values are all negative (tfjs 4.22; test/cnn/layer-gradients.test.ts has the case).
 */
export const maxPool2x2: Unary<tf.Tensor4D, tf.Tensor4D> = tf.customGrad(
  (...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, save] = args as [tf.Tensor4D, tf.GradSaveFunc];
    const y = tf.maxPool(x, 2, 2, 'valid');
    save([x, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor4D, saved: tf.Tensor[]) => {
        const [xs, ys] = saved as [tf.Tensor4D, tf.Tensor4D];
        const [n, h, w, c] = xs.shape;
        const h2 = ys.shape[1] * 2;
        const w2 = ys.shape[2] * 2;
        const covered = h2 === h && w2 === w ? xs : tf.slice(xs, [0, 0, 0, 0], [n, h2, w2, c]);
        // Nearest-neighbour resizing by exactly 2 repeats each value over its window.
        const spread = (t: tf.Tensor4D) => tf.image.resizeNearestNeighbor(t, [h2, w2]);
        const isMax = tf.cast(tf.equal(covered, spread(ys)), 'float32') as tf.Tensor4D;
        const ties = tf.mul(tf.avgPool(isMax, 2, 2, 'valid'), 4) as tf.Tensor4D;
        const g = tf.mul(isMax, spread(tf.div(dy, ties) as tf.Tensor4D)) as tf.Tensor4D;
        return h2 === h && w2 === w
          ? g
          : tf.pad(g, [
              [0, 0],
              [0, h - h2],
              [0, w - w2],
              [0, 0],
            ]);
      },
    };
  },
) as unknown as Unary<tf.Tensor4D, tf.Tensor4D>;

/**
 * Mean over time and frequency: [n, frames, bins, channels] -> [n, channels]. A note's pattern
 * moves along the frequency axis with its pitch; averaging over frequency too makes the head
 * judge the pattern (timbre), not where it sits, and lets one network take clips of any length.
 * Measured on the corpus (flute vs keyboard, Verma & Smith at width 1/8, 5 seeds, a third of
 * the files held out): 5 of 5 runs classify every held-out clip right (crops: 92 %), against
 * 4 of 5 (crops: 87 %) for a time-only mean that keeps the frequency layout.
 */
export const globalMean: Unary<tf.Tensor4D, tf.Tensor2D> = tf.customGrad(
  (...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x] = args as [tf.Tensor4D];
    const [n, frames, bins, channels] = x.shape;
    return {
      value: tf.mean(x, [1, 2]) as tf.Tensor2D,
      gradFunc: (dy: tf.Tensor2D) =>
        tf.tile(tf.div(tf.reshape(dy, [n, 1, 1, channels]), frames * bins), [1, frames, bins, 1]),
    };
  },
) as unknown as Unary<tf.Tensor4D, tf.Tensor2D>;

type DenseOp = (x: tf.Tensor2D, weights: tf.Tensor2D, bias: tf.Tensor1D) => tf.Tensor2D;

function makeDense(relu: boolean): DenseOp {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, weights, bias, save] = args as [
      tf.Tensor2D,
      tf.Tensor2D,
      tf.Tensor1D,
      tf.GradSaveFunc,
    ];
    const y = tf.fused.matMul({
      a: x,
      b: weights,
      bias,
      activation: relu ? 'relu' : 'linear',
    });
    save([x, weights, y]);
    return {
      value: y as tf.Tensor2D,
      gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
        const [xs, w, ys] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
        const g: tf.Tensor2D = relu ? tf.mul(dy, tf.step(ys)) : dy;
        // x^T g as (g^T x)^T: transposeA is a slow path on the wasm backend.
        return [
          tf.matMul(g, w, false, true),
          tf.transpose(tf.matMul(tf.transpose(g), xs)),
          tf.sum(g, 0),
        ];
      },
    };
  }) as unknown as DenseOp;
}

const denseRelu = makeDense(true);
const denseLinear = makeDense(false);

/** x W + b, with an optional ReLU. */
export function dense(
  x: tf.Tensor2D,
  weights: tf.Tensor2D,
  bias: tf.Tensor1D,
  relu: boolean,
): tf.Tensor2D {
  return (relu ? denseRelu : denseLinear)(x, weights, bias);
}

/**
 * Mean softmax cross-entropy of logits [n, classes] against one-hot targets [n, classes];
 * the targets are data (their gradient is zero).
 */
export const softmaxCrossEntropy: (logits: tf.Tensor2D, targets: tf.Tensor2D) => tf.Scalar =
  tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [logits, targets, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    const n = logits.shape[0];
    const logProbabilities = logSoftmax(logits);
    const value = tf.neg(tf.div(tf.sum(tf.mul(targets, logProbabilities)), n)) as tf.Scalar;
    save([logProbabilities, targets]);
    return {
      value,
      gradFunc: (dy: tf.Scalar, saved: tf.Tensor[]) => {
        const [logP, t] = saved as [tf.Tensor2D, tf.Tensor2D];
        return [tf.mul(tf.div(tf.sub(tf.exp(logP), t), n), dy), tf.zerosLike(t)];
      },
    };
  }) as unknown as (logits: tf.Tensor2D, targets: tf.Tensor2D) => tf.Scalar;

/** log softmax along the last axis, shifted by the row maximum so that exp never overflows. */
export function logSoftmax(logits: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const shifted = tf.sub(logits, tf.max(logits, 1, true));
    return tf.sub(shifted, tf.log(tf.sum(tf.exp(shifted), 1, true)));
  });
}

type StandardiseOp = (x: tf.Tensor4D) => tf.Tensor4D;
const standardisers = new Map<string, StandardiseOp>();

/**
 * (x - mean) / std with fixed statistics of the training spectrograms: the network sees inputs
 * near zero mean and unit variance whatever the level of the user's sounds.
 */
export function standardise(x: tf.Tensor4D, mean: number, std: number): tf.Tensor4D {
  const key = `${mean}:${std}`;
  let op = standardisers.get(key);
  if (!op) {
    op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [input] = args as [tf.Tensor4D];
      return {
        value: tf.div(tf.sub(input, mean), std) as tf.Tensor4D,
        gradFunc: (dy: tf.Tensor4D) => tf.div(dy, std),
      };
    }) as unknown as StandardiseOp;
    standardisers.set(key, op);
  }
  return op(x);
}
