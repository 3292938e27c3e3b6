// A float64 reference of the shallow-network losses, written as plain loops straight from the
// peer (ulyanov_torch.py): conv1d 'valid', ReLU, G = F F^T / n, sum((G - Gs)^2), sum((F - Fc)^2).
// Slow and obviously right; the engine's values and gradients are checked against it.
import { canonicalFilters, type NetworkShape } from '../../src/main/engine';

export interface ReferenceNetwork {
  shape: NetworkShape;
  /** [filters, bins, width] as the peer's torch weight. */
  weights: Float32Array;
}

export function referenceNetwork(shape: NetworkShape, seed: number): ReferenceNetwork {
  return { shape, weights: canonicalFilters(shape, seed) };
}

/** F (filters x conv frames, float64) of a bins x frames input. */
export function referenceFeatures(
  net: ReferenceNetwork,
  inputT: ArrayLike<number>,
  frames: number,
): Float64Array {
  const { bins, filters, kernelWidth: w } = net.shape;
  const out = frames - w + 1;
  const f = new Float64Array(filters * out);
  for (let k = 0; k < filters; k++)
    for (let t = 0; t < out; t++) {
      let sum = 0;
      for (let c = 0; c < bins; c++) {
        const wBase = (k * bins + c) * w;
        const xBase = c * frames + t;
        for (let j = 0; j < w; j++) sum += net.weights[wBase + j]! * inputT[xBase + j]!;
      }
      f[k * out + t] = Math.max(0, sum);
    }
  return f;
}

/** G = F F^T / n, filters x filters. */
export function referenceGram(features: Float64Array, filters: number, normFrames: number) {
  const out = features.length / filters;
  const g = new Float64Array(filters * filters);
  for (let a = 0; a < filters; a++)
    for (let b = a; b < filters; b++) {
      let sum = 0;
      for (let t = 0; t < out; t++) sum += features[a * out + t]! * features[b * out + t]!;
      g[a * filters + b] = g[b * filters + a] = sum / normFrames;
    }
  return g;
}

export interface ReferenceStyle {
  /** bins x frames */
  inputT: ArrayLike<number>;
  frames: number;
  share: number;
}

/** Mixed style Gram matrix sum_i share_i G_i. */
export function referenceStyleGram(net: ReferenceNetwork, styles: ReferenceStyle[]): Float64Array {
  const k = net.shape.filters;
  const mixed = new Float64Array(k * k);
  for (const s of styles) {
    const g = referenceGram(referenceFeatures(net, s.inputT, s.frames), k, s.frames);
    for (let i = 0; i < mixed.length; i++) mixed[i]! += s.share * g[i]!;
  }
  return mixed;
}

export interface ReferenceProblem {
  net: ReferenceNetwork;
  frames: number;
  /** Content features (filters x conv frames), or undefined without a content term. */
  contentFeatures?: Float64Array;
  styleGram?: Float64Array;
  contentWeight: number;
  styleWeight: number;
}

export function referenceLosses(problem: ReferenceProblem, inputT: ArrayLike<number>) {
  const { net, frames } = problem;
  const f = referenceFeatures(net, inputT, frames);
  let content = 0;
  if (problem.contentFeatures)
    for (let i = 0; i < f.length; i++) content += (f[i]! - problem.contentFeatures[i]!) ** 2;
  let style = 0;
  if (problem.styleGram) {
    const g = referenceGram(f, net.shape.filters, frames);
    for (let i = 0; i < g.length; i++) style += (g[i]! - problem.styleGram[i]!) ** 2;
  }
  content *= problem.contentWeight;
  style *= problem.styleWeight;
  return { content, style, total: content + style };
}
