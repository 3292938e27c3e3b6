// One CycleGAN training evaluation (Zhu et al.): the generators' loss and gradients, and the
// discriminators' loss and gradients, on a batch of crops of each class. G maps X to Y, F maps Y
// to X; D_X judges patches of X, D_Y patches of Y.
//
//   generators:     LSGAN(D_Y(G(x)), real) + LSGAN(D_X(F(y)), real)
//                   + cycle    * (|F(G(x)) - x| + |G(F(y)) - y|)
//                   + identity * (|G(y) - y| + |F(x) - x|)
//   discriminators: 0.5 LSGAN(D_Y(y), real) + 0.5 LSGAN(D_Y(G(x)), generated), and the same for D_X
//
// The discriminators judge the generators' current output (the paper's pool of 50 earlier
// outputs is left out: with a few hundred steps per training there is little history to draw on).
import * as tf from '@tensorflow/tfjs-core';
import type { GeneratorNetwork } from '../generator/generator-network';
import { sumOfTerms } from '../loss-sum';
import { l1Term, leastSquaresTerm, type TermValue } from './cyclegan-losses';
import type { PatchDiscriminator } from './patch-discriminator';

export interface CycleGanNetworks {
  /** X -> Y. */
  g: GeneratorNetwork;
  /** Y -> X. */
  f: GeneratorNetwork;
  dX: PatchDiscriminator;
  dY: PatchDiscriminator;
}

export interface CycleGanWeights {
  cycle: number;
  identity: number;
}

/** The generators' weighted terms, batch means; total is their sum. */
export interface GeneratorTerms {
  /** G's adversarial term: how far D_Y is from calling G(x) real. */
  adversarialG: number;
  /** F's adversarial term. */
  adversarialF: number;
  cycle: number;
  identity: number;
  total: number;
}

/** The discriminators' terms. */
export interface DiscriminatorTerms {
  dX: number;
  dY: number;
}

const term = (): TermValue => ({ value: 0 });

/**
 * The generators' loss on crops x (class X) and y (class Y), each [n, frames, bins, 1], and its
 * gradients with respect to both generators' weights (the caller disposes them). The
 * discriminators are fixed here: no weight gradients through them.
 */
export function generatorStep(
  nets: CycleGanNetworks,
  x: tf.Tensor4D,
  y: tf.Tensor4D,
  weights: CycleGanWeights,
  options: { gradients?: boolean } = {},
): { values: GeneratorTerms; grads?: tf.NamedTensorMap } {
  const advG = term();
  const advF = term();
  const cycX = term();
  const cycY = term();
  const idY = term();
  const idX = term();
  const judge = { inputGradient: true, weightGradients: false };
  // The cycle's second generator reads the first's output: the gradient must reach it.
  const chained = { inputGradient: true };
  const lossOf = (): tf.Scalar => {
    const gx = nets.g.forward(x);
    const fy = nets.f.forward(y);
    const terms = [
      leastSquaresTerm(nets.dY.forward(gx, judge), 1, 1, advG),
      leastSquaresTerm(nets.dX.forward(fy, judge), 1, 1, advF),
    ];
    if (weights.cycle > 0)
      terms.push(
        l1Term(nets.f.forward(gx, chained), x, weights.cycle, cycX),
        l1Term(nets.g.forward(fy, chained), y, weights.cycle, cycY),
      );
    if (weights.identity > 0)
      terms.push(
        l1Term(nets.g.forward(y), y, weights.identity, idY),
        l1Term(nets.f.forward(x), x, weights.identity, idX),
      );
    return sumOfTerms(terms);
  };
  let grads: tf.NamedTensorMap | undefined;
  if (options.gradients ?? true) {
    const result = tf.variableGrads(lossOf, [...nets.g.variables(), ...nets.f.variables()]);
    result.value.dispose();
    grads = result.grads;
  } else tf.tidy(() => void lossOf());
  const values = {
    adversarialG: advG.value,
    adversarialF: advF.value,
    cycle: cycX.value + cycY.value,
    identity: idY.value + idX.value,
  };
  return {
    values: {
      ...values,
      total: values.adversarialG + values.adversarialF + values.cycle + values.identity,
    },
    ...(grads && { grads }),
  };
}

/**
 * The discriminators' loss on real crops and the generators' current output for them, and its
 * gradients with respect to both discriminators' weights (the caller disposes them).
 */
export function discriminatorStep(
  nets: CycleGanNetworks,
  x: tf.Tensor4D,
  y: tf.Tensor4D,
  options: { gradients?: boolean } = {},
): { values: DiscriminatorTerms; grads?: tf.NamedTensorMap } {
  // The generated crops are data here: no gradient reaches the generators.
  const [gx, fy] = tf.tidy(() => [
    nets.g.forward(x, { weightGradients: false }),
    nets.f.forward(y, { weightGradients: false }),
  ]);
  const realY = term();
  const fakeY = term();
  const realX = term();
  const fakeX = term();
  const own = { inputGradient: false, weightGradients: true };
  try {
    const lossOf = (): tf.Scalar =>
      sumOfTerms([
        leastSquaresTerm(nets.dY.forward(y, own), 1, 0.5, realY),
        leastSquaresTerm(nets.dY.forward(gx!, own), 0, 0.5, fakeY),
        leastSquaresTerm(nets.dX.forward(x, own), 1, 0.5, realX),
        leastSquaresTerm(nets.dX.forward(fy!, own), 0, 0.5, fakeX),
      ]);
    let grads: tf.NamedTensorMap | undefined;
    if (options.gradients ?? true) {
      const result = tf.variableGrads(lossOf, [...nets.dX.variables(), ...nets.dY.variables()]);
      result.value.dispose();
      grads = result.grads;
    } else tf.tidy(() => void lossOf());
    return {
      values: { dX: realX.value + fakeX.value, dY: realY.value + fakeY.value },
      ...(grads && { grads }),
    };
  } finally {
    tf.dispose([gx!, fy!]);
  }
}
