// Loss terms over the network's features, each a tf.customGrad whose backward pass is matMuls.
// Features arrive transposed, F^T (filters x frames), as the network makes them. Values are
// summed in float64 on the JS side (row sums come back from the backend), because the line
// search compares losses that differ in their 6th or 7th digit; float32 sums over millions of
// terms are off by more than that.
//
// The style loss is the peer's: sum((G - Gs)^2), G = F^T F / n (filters x filters), with n the
// number of input frames (not conv frames), and Gs the style clips' mixed Gram matrix. It has two
// exact formulations, chosen by cost (style-target.ts):
//   'gram'    builds G: 2 matMuls of frames x filters^2 each (forward, backward).
//   'frames'  never builds G. With Gs = Z^T Z (Z: the style features, rows scaled), the
//             trace identities ||F^T F||^2 = ||F F^T||^2 and <F^T F, Z^T Z> = ||F Z^T||^2 give
//             loss = ||P||^2 / n^2 - 2 ||Q||^2 / n + ||Z Z^T||^2, P = F F^T, Q = F Z^T, and
//             dLoss/dF = (4 / n) (P F / n - Q Z): 4 matMuls of frames x filters x (frames or
//             style rows). At 4096 filters and 421 + 421 frames that is 5x fewer flops.
import * as tf from '@tensorflow/tfjs-core';

/** Sum of a tensor's values in float64 (row sums on the backend, the rest here). */
export function preciseSum(t: tf.Tensor): number {
  const rowSums = tf.tidy(() => (t.rank >= 2 ? tf.sum(t, -1) : t));
  const values = rowSums.dataSync();
  if (rowSums !== t) rowSums.dispose();
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum;
}

/** Sum of squares in float64, straight from the values (for small matrices). */
export function sumOfSquares(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]! * values[i]!;
  return sum;
}

/** G = F^T F / n for features given as F^T (filters x frames): filters x filters. */
export function gramMatrix(featuresT: tf.Tensor2D, normFrames: number): tf.Tensor2D {
  return tf.tidy(() => tf.div(tf.matMul(featuresT, tf.transpose(featuresT)), normFrames));
}

/** One forward pass of a loss term: its value (float64) and the tensors its gradient needs. */
export interface TermForward {
  value: number;
  saved: tf.Tensor[];
}

/**
 * A loss over the features F^T (filters x frames). Terms are combined by `weightedLoss` into one
 * tf.customGrad, so autodiff needs no registered gradients (tfjs-core's Node bundle has none)
 * and later terms (the envelope losses of METHODS.md section 3) slot in beside these.
 */
export interface LossTerm {
  forward(featuresT: tf.Tensor2D): TermForward;
  /** scale * d value / d F^T. */
  backward(featuresT: tf.Tensor2D, saved: readonly tf.Tensor[], scale: tf.Scalar): tf.Tensor2D;
}

/** sum((F - Fc)^2) with gradient 2 (F - Fc). */
export function contentTerm(contentFeaturesT: tf.Tensor2D): LossTerm {
  return {
    forward(featuresT) {
      const diff = tf.sub(featuresT, contentFeaturesT);
      const squares = tf.square(diff);
      const value = preciseSum(squares);
      squares.dispose();
      return { value, saved: [diff] };
    },
    backward(_featuresT, saved, scale) {
      return tf.tidy(() => tf.mul(saved[0]!, tf.mul(scale, 2)));
    },
  };
}

/** The mixed style Gram matrix in one of its two forms (see the top of this file). */
export type StyleTarget =
  | {
      mode: 'gram';
      /** Gs, filters x filters. */
      gram: tf.Tensor2D;
      /** ||Gs||^2 (float64). */
      normSq: number;
    }
  | {
      mode: 'frames';
      /** Z^T, filters x rows, with Gs = Z^T Z. */
      rowsT: tf.Tensor2D;
      /** ||Gs||^2 = ||Z Z^T||^2 (float64). */
      normSq: number;
    };

/** sum((G - Gs)^2), G = F^T F / normFrames, with its matMul gradient. */
export function styleTerm(target: StyleTarget, normFrames: number): LossTerm {
  const n = normFrames;
  if (target.mode === 'gram')
    return {
      forward(featuresT) {
        const diff = tf.tidy(() =>
          tf.sub(tf.div(tf.matMul(featuresT, tf.transpose(featuresT)), n), target.gram),
        );
        const squares = tf.square(diff);
        const value = preciseSum(squares);
        squares.dispose();
        return { value, saved: [diff] };
      },
      backward(featuresT, saved, scale) {
        // (4 / n) (G - Gs) F^T
        return tf.tidy(() =>
          tf.mul(tf.matMul(saved[0] as tf.Tensor2D, featuresT), tf.mul(scale, 4 / n)),
        );
      },
    };
  return {
    forward(featuresT) {
      const [p, q] = tf.tidy(() => {
        const features = tf.transpose(featuresT);
        return [tf.matMul(features, featuresT), tf.matMul(features, target.rowsT)];
      });
      const value =
        sumOfSquares(p.dataSync()) / (n * n) - (2 * sumOfSquares(q.dataSync())) / n + target.normSq;
      return { value, saved: [p, q] };
    },
    backward(featuresT, saved, scale) {
      const [p, q] = saved as [tf.Tensor2D, tf.Tensor2D];
      // (4 / n) (F^T P / n - Z^T Q^T), P symmetric.
      return tf.tidy(() => {
        const fromResult = tf.matMul(featuresT, tf.div(p, n));
        const fromStyle = tf.matMul(target.rowsT, tf.transpose(q));
        return tf.mul(tf.sub(fromResult, fromStyle), tf.mul(scale, 4 / n));
      });
    },
  };
}

/** A term and its weight in the total. */
export interface WeightedTerm {
  term: LossTerm;
  weight: number;
}

/**
 * sum_i weight_i * term_i(F^T) as one tf.customGrad. `values` receives each term's weighted
 * float64 value on every forward pass (the returned tensor is float32).
 */
export function weightedLoss(
  terms: readonly WeightedTerm[],
  values: number[],
): (featuresT: tf.Tensor2D) => tf.Scalar {
  return tf.customGrad((input: tf.Tensor | tf.GradSaveFunc, save) => {
    const featuresT = input as tf.Tensor2D;
    const forwards = terms.map(({ term }) => term.forward(featuresT));
    let total = 0;
    forwards.forEach((f, i) => {
      values[i] = terms[i]!.weight * f.value;
      total += values[i]!;
    });
    (save as tf.GradSaveFunc)([featuresT, ...forwards.flatMap((f) => f.saved)]);
    const counts = forwards.map((f) => f.saved.length);
    return {
      value: tf.scalar(total),
      gradFunc: (dy: tf.Scalar, saved: tf.Tensor[]) => {
        const fT = saved[0] as tf.Tensor2D;
        let offset = 1;
        const grads = terms.map(({ term, weight }, i) => {
          const own = saved.slice(offset, offset + counts[i]!);
          offset += counts[i]!;
          return term.backward(fT, own, tf.mul(dy, weight));
        });
        return grads.length === 1 ? grads[0]! : tf.addN(grads);
      },
    };
  }) as (featuresT: tf.Tensor2D) => tf.Scalar;
}
