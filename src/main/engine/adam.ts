// Adam on the spectrogram, by tfjs's own optimiser (tf.train.adam): the result stays on the
// backend between steps; only the loss values come back each step.
import * as tf from '@tensorflow/tfjs-core';
import type { LossValues, TransferObjective } from './objective';

export interface AdamOptions {
  learningRate: number;
  iterations: number;
  /** Called before every step; throw from it to stop (cancellation). */
  beforeStep?: () => void;
  /** Called after every step with the loss at the point the step started from; awaited. */
  onIteration?: (progress: { iteration: number; values: LossValues }) => unknown;
}

/** Runs Adam from `x0` (bins x frames); returns the end point and the last loss values. */
export async function minimizeAdam(
  objective: TransferObjective,
  x0: Float32Array,
  options: AdamOptions,
): Promise<{ x: Float32Array; values: LossValues | undefined; iterations: number }> {
  const optimizer = tf.train.adam(options.learningRate);
  const x = tf.variable(tf.tensor2d(x0, [objective.bins, objective.frames]), true);
  let values: LossValues | undefined;
  let iteration = 0;
  try {
    while (iteration < options.iterations) {
      options.beforeStep?.();
      const { values: v, grad } = objective.evaluateTensor(x);
      optimizer.applyGradients([{ name: x.name, tensor: grad }]);
      grad.dispose();
      values = v;
      iteration++;
      await options.onIteration?.({ iteration, values: v });
    }
    return { x: x.dataSync() as Float32Array, values, iterations: iteration };
  } finally {
    optimizer.dispose();
    x.dispose();
  }
}
