// The infinite-width form of the shallow random network's loss (issue 14, lever 1): the expectation
// over the random filters of TransferObjective's alpha * content + beta * style, in closed form,
// without drawing a filter.
//
// The finite network (shallow-network.ts, losses.ts): S is bins x T (input frames), w the filter
// width, x_t the bins x w patch of S at conv frame t = 0 .. T - w ('valid'), N filters W_f with
// i.i.d. N(0, s^2) entries (s = filterStd unless given), F[f, t] = relu(W_f . x_t), and
//   content = sum_{f,t} (F[f,t] - Fc[f,t])^2,                       Fc: the content's features,
//   style   = sum_{f,g} (G - Gs)^2,   G = F F^T / T,   Gs = sum_i share_i Fs_i Fs_i^T / T_i,
// T_i the input frames of style clip i, every one of its conv frames counted.
//
// Expectations over the filters. For one filter, with |x|^2 = a, |y|^2 = b, x . y = p,
// rho = cos(theta) = p / sqrt(ab) (Cho & Saul 2009, arc-cosine kernels of order 1 and 2):
//   k(x, y) = E[relu(w.x) relu(w.y)]     = s^2 / (2 pi) * K1,  K1 = sqrt(ab) (sin th + (pi - th) rho)
//   m(x, y) = E[relu(w.x)^2 relu(w.y)^2] = s^4 / (2 pi) * K2,  K2 = ab (3 sin th rho
//                                                                      + (pi - th)(1 + 2 rho^2))
// The filters are independent, so for sums over N of them
//   E[content] = N sum_t [k(x_t, x_t) - 2 k(x_t, c_t) + k(c_t, c_t)]                    (exact)
//   E[(sum_f F[f,t] F[f,u])^2] = N (N - 1) k(x_t, x_u)^2 + N m(x_t, x_u), hence
//   E[style]   = N (N - 1) D[k^2] + N D[m]                                            (exact)
// with D[h] = sum_{t,u} h(x_t, x_u) / T^2 - 2 sum_{t,v} om_v h(x_t, y_v) / T
//             + sum_{v,v'} om_v om_v' h(y_v, y_v'),
// the squared MMD between the result's patches (weight 1/T each) and the style patches y_v (weight
// om_v = share_i / T_i, scaled up when a long clip is subsampled), with kernel h. 'expected' (the default) is this exact expectation at N
// filters; 'limit' keeps the leading term only, N^2 D[k^2] (the form), which the finite
// loss approaches as N grows. Both scale as the finite loss does (content ~ N, style ~ N^2), so
// alpha and beta mean the same as in TransferObjective. (With the peer's init, s^2 = 4 / ((bins +
// N) w), so N s^2 and N^2 s^4 tend to constants: the loss has a finite infinite-width limit.)
//
// As implemented:
//   content, per conv frame, with d = |x - c|^2 computed directly (no cancellation at x = c):
//     k(x,x) - 2k(x,c) + k(c,c) = kappa (pi d + 2 theta p - 2 sqrt(ab) sin th),  p = (a + b - d) / 2
//     d/dd = kappa (pi - theta),   d/da = kappa (theta - sqrt(b/a) sin th),   kappa = s^2 / (2 pi)
//   style, per pair of patches, h = l2 K1^2 + l4 K2 with l2 = N(N-1) kappa^2 (limit: N^2 kappa^2),
//     l4 = N s^4 / (2 pi) (limit: 0); with J1 = sin th + (pi - th) rho:
//     dh/dp = K1 (2 l2 (pi - th) + 4 l4),   dh/da = b (l2 sin th J1 + l4 (rho sin th + pi - th))
//     (and dh/db the same with a for b): all bounded, no 1/sin th or 1/|x| (rho is clamped to
//     [-1, 1]; a zero patch has rho = 0 and contributes nothing to the gradient of S).
// Patch quantities from frame quantities (the diagonal trick): with P = A^T B (frames x frames),
//   p_tu = x_t . y_u = sum_{j < w} P[t + j, u + j],   a_t = sum_{j < w} |S[:, t + j]|^2,
// and back: dL/dP = sum_j (dL/dp shifted down the diagonal by j), dL/dA = B (dL/dP)^T,
// dL/dS[:, t'] += 2 S[:, t'] sum_j dL/da_{t' - j}. At 10 s (431 frames x 1025 bins) one evaluation
// is four matMuls of 1025 x 431 x 431 (P for result-result and result-style, and their
// gradients), about 1.5 GFLOP, plus elementwise work on 421 x 421 matrices; the finite 4,096-filter
// network needs about 130 GFLOP.
//
// Long clips. The result is cut into blocks of `blockFrames` conv frames (pairs of blocks are
// evaluated one at a time, the result-result sum using its symmetry), so memory is bounded by a
// few blockFrames^2 matrices; style clips longer than StyleSampling.maxFrames conv frames are
// subsampled in contiguous segments (kernel-style.ts); the style-style term is a constant,
// computed once, block pair by block pair.
//
// Precision: matrices are float32, every sum is finished in float64 (row sums on the backend, the
// rest here, as losses.ts does). The content term has no cancellation. The style term is an MMD, a
// difference of three sums, so near a perfect style match its float32 rounding (~1e-7 of the
// sums) is a larger fraction of the value than in the finite loss's sum((G - Gs)^2). Measured at
// 10 s against a float64 evaluation of the same formulas: within 1.2e-6 (style), 1e-6 (content).
//
// Measured against the finite network at 10 s (bench/kernel.ts; piano content, drum-and-bass
// style, 4,096 filters, 8 seeds): one network's loss is 6-8 % (one standard deviation) from the
// kernel loss, the mean of 8 within 2-3 %; one network's gradient has cosine 0.79 with the kernel
// gradient (0.63 with another seed's), the mean of 8 networks' gradients 0.966. The kernel form is
// the finite loss without the draw of the filters, at about 1/20 of the time.
import * as tf from '@tensorflow/tfjs-core';
import type { Frames } from '../../../shared/units';
import type { Evaluation, LossValues } from './objective';
import { preciseSum } from '../../engine/losses';
import { filterStd } from '../../engine/shallow-network';
import type { WeightedStyle } from './style-target';
import { concatStyleFrames, DEFAULT_STYLE_SAMPLING, type StyleSampling } from './kernel-style';
import { diagonalSpread, diagonalWindowSum } from './diagonal-sums';

/** 'expected': E over filters of the finite loss at N filters; 'limit': its leading term. */
export type KernelForm = 'expected' | 'limit';

/** Conv frames per block of the result and of the style (memory: some 30 blockFrames^2 floats). */
export const KERNEL_BLOCK_FRAMES: Frames = 1024;

/** Below this, a product of squared patch norms counts as zero (a silent patch). */
const TINY = 1e-30;

export interface KernelObjectiveSetup {
  bins: number;
  /** Frames of the result (and of the content); the style Gram is normalised by them. */
  frames: Frames;
  /** Content spectrogram, bins x frames; only needed when contentWeight > 0. Copied. */
  contentT?: tf.Tensor2D;
  /** Style clips and their shares (as buildStyleTarget takes them); needed when styleWeight > 0. */
  styles?: readonly WeightedStyle[];
  contentWeight: number;
  styleWeight: number;
  kernelWidth: Frames;
  /** Filters N of the network this stands for: only a scale (content ~ N, style ~ N^2). */
  filters: number;
  /** The filters' standard deviation (default filterStd of bins, filters, kernelWidth). */
  filterStd?: number;
  /** Default 'expected'. */
  form?: KernelForm;
  /** Conv frames per block (default KERNEL_BLOCK_FRAMES). */
  blockFrames?: Frames;
  /** Subsampling of long style clips (default DEFAULT_STYLE_SAMPLING). */
  styleSampling?: StyleSampling;
}

/** Scale factors of one kernel loss. */
export interface KernelConstants {
  /** s^2 / (2 pi): k = kappa K1. */
  kappa: number;
  /** Weight of K1^2 in the style's pair kernel h. */
  l2: number;
  /** Weight of K2 in h. */
  l4: number;
}

export function kernelConstants(filters: number, std: number, form: KernelForm): KernelConstants {
  const s2 = std * std;
  const kappa = s2 / (2 * Math.PI);
  if (form === 'limit') return { kappa, l2: filters * filters * kappa * kappa, l4: 0 };
  return {
    kappa,
    l2: filters * (filters - 1) * kappa * kappa,
    l4: (filters * s2 * s2) / (2 * Math.PI),
  };
}

/** Patch weights of a side: one value for all (the result's 1/T), or one per patch (styles). */
type SideWeights =
  | { uniform: number }
  | {
      /** n x 1 on the backend. */
      column: tf.Tensor2D;
      /** The same in float64, for the final sums. */
      values: Float64Array;
    };

/** One side of a block pair: a run of consecutive patches. */
interface Side {
  /** bins x (n + width - 1): the input frames of n consecutive patches. */
  input: tf.Tensor2D;
  /** Its transpose, (n + width - 1) x bins (tfjs-wasm's matMul is slow with transpose flags). */
  rows: tf.Tensor2D;
  /** n squared patch norms. */
  norms: tf.Tensor1D;
  weights: SideWeights;
}

interface PairResult {
  value: number;
  /** dV/d(A's input frames), when asked. */
  inputA?: tf.Tensor2D;
  /** dV/d(B's input frames), when asked (not for a pair of a block with itself). */
  inputB?: tf.Tensor2D;
  /** dV/d(A's norms) (for a block with itself: both arguments' share). */
  normsA?: tf.Tensor1D;
  normsB?: tf.Tensor1D;
}

/** v[t] for t < length - width + 1: sum_j v[t + j] (patch sums of per-frame values). */
function windowSum(v: tf.Tensor1D, width: number): tf.Tensor1D {
  return tf.tidy(() => {
    const n = v.shape[0] - width + 1;
    const parts = Array.from({ length: width }, (_, j) => tf.slice(v, j, n));
    return (parts.length === 1 ? parts[0]! : tf.addN(parts)) as tf.Tensor1D;
  });
}

/** The transpose of windowSum: g (patches) -> per frame, sum_j g[t - j]. */
function windowSumTranspose(g: tf.Tensor1D, width: number): tf.Tensor1D {
  return tf.tidy(() => {
    const parts = Array.from({ length: width }, (_, j) => tf.pad(g, [[j, width - 1 - j]]));
    return (parts.length === 1 ? parts[0]! : tf.addN(parts)) as tf.Tensor1D;
  });
}

/** Squared patch norms of a bins x frames matrix. */
function patchNorms(inputT: tf.Tensor2D, width: number): tf.Tensor1D {
  return tf.tidy(() => windowSum(tf.sum(tf.square(inputT), 0) as tf.Tensor1D, width));
}

/** m x n -> (m x n) * weights of the side whose patches index the given axis. */
function scaleAxis(t: tf.Tensor2D, weights: SideWeights, axis: 0 | 1): tf.Tensor2D {
  if ('uniform' in weights)
    return weights.uniform === 1 ? t : (tf.mul(t, weights.uniform) as tf.Tensor2D);
  const w = axis === 0 ? weights.column : tf.reshape(weights.column, [1, -1]);
  return tf.mul(t, w) as tf.Tensor2D;
}

/** A 1-D tensor (one value per patch of a side) times the side's weights. */
function scaleVector(v: tf.Tensor1D, weights: SideWeights): tf.Tensor1D {
  if ('uniform' in weights) return tf.mul(v, weights.uniform) as tf.Tensor1D;
  return tf.mul(v, tf.reshape(weights.column, [-1])) as tf.Tensor1D;
}

/** sum_t wa_t rowSums_t in float64 (rowSums: na x 1, already weighted along the other axis). */
function weightedTotal(rowSums: tf.Tensor, weights: SideWeights): number {
  const values = rowSums.dataSync();
  let sum = 0;
  if ('uniform' in weights) {
    for (let i = 0; i < values.length; i++) sum += values[i]!;
    return sum * weights.uniform;
  }
  for (let i = 0; i < values.length; i++) sum += values[i]! * weights.values[i]!;
  return sum;
}

/**
 * V = sum_{t,u} wa_t wb_u h(x_t, y_u) over the patches of two sides, and (when asked) its
 * gradients with respect to both sides' input frames and norms. `same`: A and B are one block
 * (then everything is symmetric: its gradient is twice A's share).
 */
function pairTerm(
  A: Side,
  B: Side,
  width: number,
  c: KernelConstants,
  grad: { a: boolean; b: boolean },
  same: boolean,
): PairResult {
  const na = A.norms.shape[0];
  const nb = B.norms.shape[0];
  let value = 0;
  const out = tf.tidy(() => {
    // p_tu = sum_j (A^T B)[t + j, u + j].
    const full = tf.matMul(A.rows, B.input);
    const p = tf.tensor2d(diagonalWindowSum(full.dataSync() as Float32Array, na, nb, width), [
      na,
      nb,
    ]);
    const a = tf.reshape(A.norms, [na, 1]);
    const b = tf.reshape(B.norms, [1, nb]);
    const ab = tf.mul(a, b);
    const sab = tf.sqrt(ab);
    // (+ TINY rather than maximum(): the same for any norm that matters, and tfjs-wasm's maximum
    // with a scalar is several times slower than add.)
    const rho = tf.clipByValue(tf.div(p, tf.add(sab, TINY)), -1, 1);
    const rest = tf.sub(Math.PI, tf.acos(rho)); // pi - theta
    // sin theta from (1 - rho)(1 + rho): 1 - rho is exact near rho = 1, 1 - rho^2 is not.
    const sin = tf.sqrt(tf.mul(tf.sub(1, rho), tf.add(1, rho)));
    const j1 = tf.add(sin, tf.mul(rest, rho));
    const k1 = tf.mul(sab, j1);
    let h = tf.mul(tf.square(k1), c.l2);
    if (c.l4 !== 0) {
      // K2 = ab (3 sin rho + (pi - theta)(1 + 2 rho^2))
      const j2 = tf.add(
        tf.mul(tf.mul(sin, rho), 3),
        tf.mul(rest, tf.add(tf.mul(tf.square(rho), 2), 1)),
      );
      h = tf.add(h, tf.mul(tf.mul(ab, j2), c.l4));
    }
    // Row sums weighted by B's weights on the backend, A's weights and the total in float64.
    const rowSums =
      'uniform' in B.weights
        ? tf.mul(tf.sum(h, 1), B.weights.uniform)
        : tf.matMul(h, B.weights.column);
    value = weightedTotal(rowSums, A.weights);
    if (!grad.a && !grad.b) return {};

    // dV/dp = wa wb K1 (2 l2 (pi - theta) + 4 l4), spread back along the diagonals: dV/dP.
    const factor = same ? 2 : 1;
    const gq = scaleAxis(
      scaleAxis(
        tf.mul(k1, tf.add(tf.mul(rest, 2 * c.l2 * factor), 4 * c.l4 * factor)),
        A.weights,
        0,
      ),
      B.weights,
      1,
    );
    const gp = tf.tensor2d(diagonalSpread(gq.dataSync() as Float32Array, na, nb, width), [
      na + width - 1,
      nb + width - 1,
    ]);
    // dh/da = b X, dh/db = a X, X = l2 sin J1 + l4 (rho sin + pi - theta).
    const x =
      c.l4 !== 0
        ? tf.add(tf.mul(sin, tf.add(tf.mul(j1, c.l2), tf.mul(rho, c.l4))), tf.mul(rest, c.l4))
        : tf.mul(tf.mul(sin, j1), c.l2);
    const result: Omit<PairResult, 'value'> = {};
    const bWeighted = scaleVector(B.norms, B.weights);
    if (grad.a || same) {
      // da_t = wa_t sum_u X_tu b_u wb_u (twice that for a block with itself: X is symmetric).
      const da = tf.reshape(tf.matMul(x, tf.reshape(bWeighted, [nb, 1])), [na]) as tf.Tensor1D;
      result.normsA = scaleVector(same ? tf.mul(da, 2) : da, A.weights);
      // (gp + gp^T) = 2 gp for a block with itself; the 2 is in gq already.
      result.inputA = (
        same ? tf.matMul(A.input, gp) : tf.matMul(B.input, tf.transpose(gp))
      ) as tf.Tensor2D;
    }
    if (grad.b && !same) {
      const aWeighted = scaleVector(A.norms, A.weights);
      const db = tf.reshape(tf.matMul(tf.reshape(aWeighted, [1, na]), x), [nb]) as tf.Tensor1D;
      result.normsB = scaleVector(db, B.weights);
      result.inputB = tf.matMul(A.input, gp) as tf.Tensor2D;
    }
    return result;
  });
  return { value, ...out };
}

/** [first conv frame, count] blocks of `convFrames` conv frames. */
function blockRanges(convFrames: Frames, blockFrames: Frames): [Frames, Frames][] {
  const count = Math.ceil(convFrames / blockFrames);
  const step = Math.ceil(convFrames / count);
  const out: [Frames, Frames][] = [];
  for (let start = 0; start < convFrames; start += step)
    out.push([start, Math.min(step, convFrames - start)]);
  return out;
}

interface Block {
  start: Frames;
  count: Frames;
  side: Side;
}

/**
 * Cuts a bins x frames matrix with its patch norms into blocks. `weights`: one value for every
 * patch, or one per patch (float64). Every tensor of the blocks is new (disposeBlocks).
 */
function cutBlocks(
  inputT: tf.Tensor2D,
  norms: tf.Tensor1D,
  weights: number | Float64Array,
  width: number,
  blockFrames: Frames,
): Block[] {
  const bins = inputT.shape[0];
  return blockRanges(norms.shape[0], blockFrames).map(([start, count]) => {
    const input = tf.slice(inputT, [0, start], [bins, count + width - 1]);
    let sideWeights: SideWeights;
    if (typeof weights === 'number') sideWeights = { uniform: weights };
    else {
      const values = weights.slice(start, start + count);
      sideWeights = { column: tf.tensor2d(Float32Array.from(values), [count, 1]), values };
    }
    return {
      start,
      count,
      side: {
        input,
        rows: tf.transpose(input),
        norms: tf.slice(norms, start, count),
        weights: sideWeights,
      },
    };
  });
}

function disposeBlocks(blocks: readonly Block[]): void {
  for (const { side } of blocks) {
    side.input.dispose();
    side.rows.dispose();
    side.norms.dispose();
    if (!('uniform' in side.weights)) side.weights.column.dispose();
  }
}

/** Adds `t` into the slot (disposing what was there). */
function accumulate<T extends tf.Tensor>(
  slots: (T | undefined)[],
  i: number,
  t: T | undefined,
): void {
  if (!t) return;
  const old = slots[i];
  if (!old) {
    slots[i] = t;
    return;
  }
  slots[i] = tf.add(old, t) as T;
  old.dispose();
  t.dispose();
}

/** sum over all pairs of patches of one sequence (given as blocks), block pair by block pair. */
function selfValue(blocks: readonly Block[], width: number, c: KernelConstants): number {
  let value = 0;
  for (let i = 0; i < blocks.length; i++)
    for (let j = i; j < blocks.length; j++) {
      const r = pairTerm(
        blocks[i]!.side,
        blocks[j]!.side,
        width,
        c,
        { a: false, b: false },
        i === j,
      );
      value += (i === j ? 1 : 2) * r.value;
    }
  return value;
}

interface StyleSide {
  blocks: Block[];
  /** sum om om h over pairs of style patches (float64). */
  constant: number;
  /** Conv frames kept per clip. */
  keptPerClip: Frames[];
}

export class KernelObjective {
  readonly bins: number;
  readonly frames: Frames;
  readonly width: Frames;
  readonly constants: KernelConstants;
  readonly form: KernelForm;
  private readonly filters: number;
  private readonly contentWeight: number;
  private readonly styleWeight: number;
  private readonly blockFrames: Frames;
  private readonly content: { inputT: tf.Tensor2D; norms: tf.Tensor1D } | undefined;
  private readonly style: StyleSide | undefined;
  private disposed = false;

  constructor(setup: KernelObjectiveSetup) {
    const { bins, frames, kernelWidth, filters, contentWeight, styleWeight } = setup;
    this.bins = bins;
    this.frames = frames;
    this.width = kernelWidth;
    this.filters = filters;
    this.contentWeight = contentWeight;
    this.styleWeight = styleWeight;
    this.form = setup.form ?? 'expected';
    this.blockFrames = setup.blockFrames ?? KERNEL_BLOCK_FRAMES;
    if (!(this.blockFrames >= 1)) throw new Error('KernelObjective: blockFrames must be >= 1');
    if (frames - kernelWidth + 1 < 1)
      throw new Error(`KernelObjective: ${frames} frames are fewer than the width ${kernelWidth}`);
    const std = setup.filterStd ?? filterStd({ bins, filters, kernelWidth });
    this.constants = kernelConstants(filters, std, this.form);
    if (contentWeight > 0 && !setup.contentT)
      throw new Error('KernelObjective: contentWeight > 0 needs contentT');
    if (styleWeight > 0 && !(setup.styles && setup.styles.length > 0))
      throw new Error('KernelObjective: styleWeight > 0 needs styles');
    if (contentWeight > 0 && setup.contentT) {
      const [cb, cf] = setup.contentT.shape;
      if (cb !== bins || cf !== frames)
        throw new Error(`KernelObjective: content is ${cb} x ${cf}, expected ${bins} x ${frames}`);
      const inputT = tf.clone(setup.contentT);
      this.content = { inputT, norms: patchNorms(inputT, kernelWidth) };
    }
    if (styleWeight > 0 && setup.styles) {
      const cat = concatStyleFrames(
        setup.styles,
        kernelWidth,
        setup.styleSampling ?? DEFAULT_STYLE_SAMPLING,
      );
      if (cat.bins !== bins)
        throw new Error(`KernelObjective: styles have ${cat.bins} bins, expected ${bins}`);
      const inputT = tf.tensor2d(cat.dataT, [bins, cat.frames]);
      const norms = patchNorms(inputT, kernelWidth);
      const blocks = cutBlocks(inputT, norms, cat.weights, kernelWidth, this.blockFrames);
      inputT.dispose();
      norms.dispose();
      const constant = selfValue(blocks, kernelWidth, this.constants);
      this.style = { blocks, constant, keptPerClip: cat.keptPerClip };
    }
  }

  /** Conv frames of the style kept per clip (after subsampling). */
  styleFramesKept(): Frames[] {
    return this.style ? [...this.style.keptPerClip] : [];
  }

  /** Loss and gradient at `x` (bins x frames, row-major). */
  evaluate(x: Float32Array): Evaluation {
    const input = tf.tensor2d(x, [this.bins, this.frames]);
    const { values, grad } = this.evaluateTensor(input);
    input.dispose();
    const gradient = grad.dataSync() as Float32Array;
    grad.dispose();
    return { ...values, gradient };
  }

  /** Loss and gradient as tensors; the caller owns `grad`. */
  evaluateTensor(x: tf.Tensor2D): { values: LossValues; grad: tf.Tensor2D } {
    this.checkLive();
    let content = 0;
    let style = 0;
    const grad = tf.tidy(() => {
      const norms = patchNorms(x, this.width);
      // dL/dS through the patch products, and dL/d(patch norms), summed over the terms.
      const parts: tf.Tensor2D[] = [];
      const normGrads: tf.Tensor1D[] = [];
      if (this.content) {
        const r = this.contentTerm(x, norms);
        content = r.value;
        parts.push(r.input);
        normGrads.push(r.norms);
      }
      if (this.style) {
        const r = this.styleTerm(x, norms);
        style = r.value;
        parts.push(r.input);
        normGrads.push(r.norms);
      }
      if (parts.length === 0) return tf.zerosLike(x);
      const normGrad = (normGrads.length === 1 ? normGrads[0]! : tf.addN(normGrads)) as tf.Tensor1D;
      const perFrame = tf.reshape(windowSumTranspose(normGrad, this.width), [1, this.frames]);
      parts.push(tf.mul(x, tf.mul(perFrame, 2)) as tf.Tensor2D);
      return tf.addN(parts);
    }) as tf.Tensor2D;
    return { values: { total: content + style, content, style }, grad };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.content) {
      this.content.inputT.dispose();
      this.content.norms.dispose();
    }
    if (this.style) disposeBlocks(this.style.blocks);
  }

  /**
   * alpha N kappa sum_t (pi d + 2 theta p - 2 sqrt(ab) sin theta): its value, its gradient with
   * respect to S through d = |x_t - c_t|^2 (input) and with respect to the norms a_t.
   */
  private contentTerm(
    x: tf.Tensor2D,
    a: tf.Tensor1D,
  ): { value: number; input: tf.Tensor2D; norms: tf.Tensor1D } {
    const { kappa } = this.constants;
    const scale = this.contentWeight * this.filters * kappa;
    const content = this.content!;
    let value = 0;
    const out = tf.tidy(() => {
      const diff = tf.sub(x, content.inputT);
      const d = windowSum(tf.sum(tf.square(diff), 0) as tf.Tensor1D, this.width);
      const b = content.norms;
      const p = tf.mul(tf.sub(tf.add(a, b), d), 0.5);
      const sab = tf.sqrt(tf.mul(a, b));
      const rho = tf.clipByValue(tf.div(p, tf.add(sab, TINY)), -1, 1);
      const theta = tf.acos(rho);
      const sin = tf.sqrt(tf.mul(tf.sub(1, rho), tf.add(1, rho)));
      const terms = tf.sub(
        tf.add(tf.mul(d, Math.PI), tf.mul(tf.mul(theta, p), 2)),
        tf.mul(tf.mul(sab, sin), 2),
      );
      value = scale * preciseSum(terms);
      const dd = tf.mul(tf.sub(Math.PI, theta), scale) as tf.Tensor1D;
      // sqrt(b / a) sin theta = sqrt(ab) sin theta / a, 0 for a silent patch.
      const ratio = tf.where(
        tf.greater(a, TINY),
        tf.div(tf.mul(sab, sin), tf.add(a, TINY)),
        tf.zerosLike(a),
      );
      const da = tf.mul(tf.sub(theta, ratio), scale) as tf.Tensor1D;
      const perFrame = tf.reshape(windowSumTranspose(dd, this.width), [1, this.frames]);
      return { input: tf.mul(diff, tf.mul(perFrame, 2)) as tf.Tensor2D, norms: da };
    });
    return { value, ...out };
  }

  /** beta (self - 2 cross + constant): value, gradient through patch products and norms. */
  private styleTerm(
    x: tf.Tensor2D,
    norms: tf.Tensor1D,
  ): { value: number; input: tf.Tensor2D; norms: tf.Tensor1D } {
    const style = this.style!;
    const c = this.constants;
    const beta = this.styleWeight;
    const w = this.width;
    let value = 0;
    const out = tf.tidy(() => {
      const blocks = cutBlocks(x, norms, 1 / this.frames, w, this.blockFrames);
      const inputGrads: (tf.Tensor2D | undefined)[] = blocks.map(() => undefined);
      const normGrads: (tf.Tensor1D | undefined)[] = blocks.map(() => undefined);
      const scaled = <T extends tf.Tensor>(t: T | undefined, s: number): T | undefined => {
        if (!t) return undefined;
        const r = tf.mul(t, s) as T;
        t.dispose();
        return r;
      };
      let selfSum = 0;
      let crossSum = 0;
      for (let i = 0; i < blocks.length; i++) {
        for (let j = i; j < blocks.length; j++) {
          const same = i === j;
          const f = same ? 1 : 2;
          const r = pairTerm(blocks[i]!.side, blocks[j]!.side, w, c, { a: true, b: !same }, same);
          selfSum += f * r.value;
          accumulate(inputGrads, i, scaled(r.inputA, f * beta));
          accumulate(normGrads, i, scaled(r.normsA, f * beta));
          accumulate(inputGrads, j, scaled(r.inputB, f * beta));
          accumulate(normGrads, j, scaled(r.normsB, f * beta));
        }
        for (const k of style.blocks) {
          const r = pairTerm(blocks[i]!.side, k.side, w, c, { a: true, b: false }, false);
          crossSum += r.value;
          accumulate(inputGrads, i, scaled(r.inputA, -2 * beta));
          accumulate(normGrads, i, scaled(r.normsA, -2 * beta));
        }
      }
      value = beta * (selfSum - 2 * crossSum + style.constant);
      if (blocks.length === 1) return { input: inputGrads[0]!, norms: normGrads[0]! };
      const placed = blocks.map(({ start, count }, i) =>
        tf.pad(inputGrads[i]!, [
          [0, 0],
          [start, this.frames - start - count - w + 1],
        ]),
      );
      return {
        input: tf.addN(placed) as tf.Tensor2D,
        norms: tf.concat(normGrads as tf.Tensor1D[]) as tf.Tensor1D,
      };
    });
    return { value, ...out };
  }

  private checkLive(): void {
    if (this.disposed) throw new Error('KernelObjective used after dispose()');
  }
}
