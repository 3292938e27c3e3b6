// A network's weights as trainable tfjs variables, after checking them against the shapes the
// network needs: every expected weight present with its shape, and nothing else. Shared by the
// classifiers and the generator, whose manifests both carry named weights.
import * as tf from '@tensorflow/tfjs-core';

/** tfjs variable names are global: each network gets its own prefix from one counter. */
let serial = 0;

/**
 * The checked weights as variables named `<kind><n>/<name>`. A problem is thrown as
 * `weightsError(sentence)`, the sentence naming the weight; `needs` says who needs the shape
 * ("the architecture", "the generator").
 */
export function weightVariables(
  weights: tf.NamedTensorMap,
  expected: readonly (readonly [string, readonly number[]])[],
  kind: string,
  needs: string,
  weightsError: (problem: string) => Error,
): Map<string, tf.Variable> {
  for (const [name, shape] of expected) {
    const tensor = weights[name];
    if (!tensor) throw weightsError(`the weight ${name} is missing`);
    if (tensor.shape.join('x') !== shape.join('x'))
      throw weightsError(
        `the weight ${name} has shape ${tensor.shape.join('x')}, ${needs} needs ${shape.join('x')}`,
      );
  }
  const extra = Object.keys(weights).filter((name) => !expected.some(([n]) => n === name));
  if (extra.length > 0) throw weightsError(`unexpected weights ${extra.join(', ')}`);
  const prefix = `${kind}${++serial}`;
  return new Map(
    expected.map(([name]) => [name, tf.variable(weights[name]!, true, `${prefix}/${name}`)]),
  );
}
