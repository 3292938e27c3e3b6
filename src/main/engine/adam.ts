// Adam on the spectrogram, by tfjs's own optimiser (tf.train.adam): the result stays on the
// backend between steps; only the loss values come back each step.
import * as tf from '@tensorflow/tfjs-core';
import type { LossValues, TransferObjective } from '../methods/shallow/objective';

export interface AdamOptions {
  learningRate: number;
  iterations: number;
  /** Called before every step; throw from it to stop (cancellation). */
  beforeStep?: () => void;
  /**
   * Called after every step with the loss at the point the step started from, and a way to read
   * the point after the step (bins x frames); awaited.
   */
  onIteration?: (progress: {
    iteration: number;
    values: LossValues;
    current: () => Float32Array;
  }) => unknown;
}

/** Runs Adam from `x0` (bins x frames); returns the end point and the last loss values. */
export async function minimizeAdam(
  objective: TransferObjective,
  x0: Float32Array,
  options: AdamOptions,
): Promise<{ x: Float32Array; values: LossValues | undefined; iterations: number }> {
  const optimizer = tf.train.adam(options.learningRate);
  const initial = tf.tensor2d(x0, [objective.bins, objective.frames]);
  const x = tf.variable(initial, true);
  initial.dispose(); // The variable keeps its own reference to the data.
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
      await options.onIteration?.({
        iteration,
        values: v,
        current: () => x.dataSync() as Float32Array,
      });
    }
    return { x: x.dataSync() as Float32Array, values, iterations: iteration };
  } finally {
    optimizer.dispose();
    x.dispose();
  }
}
