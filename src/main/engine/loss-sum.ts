// The sum of scalar loss terms with its gradient (each term gets dy): tfjs-core's Node bundle
// registers no gradients, so even tf.addN needs one. Shared by every trained network's loss.
import * as tf from '@tensorflow/tfjs-core';

const sumOp = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const terms = args.slice(0, -1) as tf.Scalar[];
  return {
    value: tf.addN(terms),
    gradFunc: (dy: tf.Tensor) => terms.map(() => dy),
  };
}) as unknown as (...terms: tf.Scalar[]) => tf.Scalar;

/** term1 + term2 + ... (one term is returned as it is). */
export function sumOfTerms(terms: readonly tf.Scalar[]): tf.Scalar {
  if (terms.length === 0) throw new Error('sumOfTerms needs at least one term');
  return terms.length === 1 ? terms[0]! : sumOp(...terms);
}
