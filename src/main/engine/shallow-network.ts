// The shallow random network (METHODS.md section 2, seeds 001/002): one wide 1-D convolution
// over time with the frequency bins as input channels, seeded random filters, ReLU.
//
// Why it is not tf.conv1d: on the wasm backend its input gradient (Conv2DBackpropInput) runs at
// 1 GFLOP/s, and its filter gradient is not registered at all. So both passes are sums of
// matMuls whose streamed operand is a fixed filter block and whose packed operand (a slice of
// the spectrogram or of the feature gradient) is small enough to stay in cache:
//   forward   F^T = relu( sum_j W_j^T S[:, j : j + n] )                  (filters x frames)
//   backward  dS[:, j : j + n] += sum_c W_j,c (dF^T masked by F > 0)_c  (c: chunks of filters)
// and tf.customGrad ties them together so tfjs's autodiff sees one op with a matMul gradient.
// The filters are fixed, so no filter gradient is computed.
// Measured at 4096 filters, 1025 bins, width 11, 10 s clip (421 conv frames), 2 wasm threads on
// the 2-core dev machine: forward 660 ms and backward 656 ms (59 GFLOP/s each; the same rate
// on 30 s clips). For comparison: tf.conv1d forward 1074 ms, its input gradient 40.5 s; one
// im2col matMul 1140 ms each way (34 GFLOP/s: its 185 MB operands overflow the caches).
import * as tf from '@tensorflow/tfjs-core';
import type { Frames } from '../../shared/units';
import { seededRandom } from '../dsp/random';

export interface NetworkShape {
  /** Input channels: frequency bins of the spectrogram. */
  bins: number;
  /** Output channels: random filters. */
  filters: number;
  /** Filter width in frames. */
  kernelWidth: Frames;
}

/** How the filter bank is cut into blocks; only speed depends on it, never the result's maths. */
export interface NetworkLayout {
  /** Bins per forward block (default: all; measured best from 10 s to 30 s clips). */
  forwardBins?: number;
  /** Filters per backward block (default 1024; all 4096 at once is 70 % slower on 30 s clips). */
  backwardFilters?: number;
}

/**
 * The peer's initialisation: std = sqrt(2) * sqrt(2 / ((bins + filters) * width)), i.e.
 * Glorot-normal scaled by sqrt(2) for the ReLU.
 */
export function filterStd(shape: NetworkShape): number {
  return Math.SQRT2 * Math.sqrt(2 / ((shape.bins + shape.filters) * shape.kernelWidth));
}

/**
 * The filter bank in the peer's layout [filters, bins, width] (torch conv1d weight). The values
 * are drawn from seededRandom(seed) one width offset at a time ([width, filters, bins] order), so
 * that the network fills each offset's matrix with one call; this order defines "the same
 * network" on every backend and layout. Meant for small shapes (tests, exports); the network
 * itself never holds this array.
 */
export function canonicalFilters(shape: NetworkShape, seed: number): Float32Array {
  const { filters, bins, kernelWidth } = shape;
  const drawn = seededRandom(seed).fillNormal(
    new Float32Array(filters * bins * kernelWidth),
    0,
    filterStd(shape),
  );
  const out = new Float32Array(drawn.length);
  for (let j = 0; j < kernelWidth; j++)
    for (let f = 0; f < filters; f++)
      for (let c = 0; c < bins; c++)
        out[(f * bins + c) * kernelWidth + j] = drawn[(j * filters + f) * bins + c]!;
  return out;
}

interface ForwardBlock {
  offset: number;
  bin0: number;
  bins: number;
  filter0: number;
  /** filters x bins: W[filter0 + k, bin0 + c, offset] at [k, c]. */
  weights: tf.Tensor2D;
}

interface BackwardBlock {
  offset: number;
  filter0: number;
  filters: number;
  /** bins x filters: W[filter0 + k, c, offset] at [c, k]. */
  weights: tf.Tensor2D;
}

export class ShallowNetwork {
  readonly shape: NetworkShape;
  readonly seed: number;
  private readonly forwardBlocks: ForwardBlock[];
  private readonly backwardBlocks: BackwardBlock[];
  private disposed = false;

  /**
   * Features with a gradient: S^T (bins x frames) -> F^T = relu(conv(S))^T
   * (filters x (frames - width + 1)), 'valid' padding as the peer.
   */
  readonly features: (spectrogramT: tf.Tensor2D) => tf.Tensor2D;

  constructor(shape: NetworkShape, seed: number, layout: NetworkLayout = {}) {
    this.shape = { ...shape };
    this.seed = seed;
    const { bins, filters, kernelWidth } = shape;
    const binStep = evenStep(bins, layout.forwardBins ?? bins);
    const filterStep = evenStep(filters, layout.backwardFilters ?? 1024);

    // Drawn one width offset at a time in the canonical order, each straight into the forward
    // layout (filters x bins), so that the JS side never holds more than one offset; each backward
    // block is a transpose of one offset's chunk of filters, done on the backend. (Drawing the
    // values of all offsets of a weight together and scattering them took 0.4 s at 1,024 filters.)
    const random = seededRandom(seed);
    const std = filterStd(shape);
    const binRanges = ranges(bins, binStep);
    this.forwardBlocks = [];
    this.backwardBlocks = [];
    for (let j = 0; j < kernelWidth; j++) {
      // A fresh array per offset: the cpu backend keeps the array it is given.
      const offsetWeights = random.fillNormal(new Float32Array(filters * bins), 0, std);
      for (const [filter0, count] of ranges(filters, filterStep)) {
        const whole = tf.tensor2d(
          offsetWeights.subarray(filter0 * bins, (filter0 + count) * bins),
          [count, bins],
        );
        for (const [bin0, n] of binRanges) {
          const weights = n === bins ? whole : tf.slice(whole, [0, bin0], [count, n]);
          this.forwardBlocks.push({ offset: j, bin0, bins: n, filter0, weights });
        }
        const backward = tf.transpose(whole) as tf.Tensor2D;
        if (binRanges.length > 1) whole.dispose();
        this.backwardBlocks.push({ offset: j, filter0, filters: count, weights: backward });
      }
    }

    this.features = tf.customGrad((input: tf.Tensor | tf.GradSaveFunc, save) => {
      const featuresT = this.forward(input as tf.Tensor2D);
      (save as tf.GradSaveFunc)([featuresT]);
      return {
        value: featuresT,
        gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) =>
          this.backward(tf.mul(dy, tf.step(saved[0]!)) as tf.Tensor2D),
      };
    }) as (spectrogramT: tf.Tensor2D) => tf.Tensor2D;
  }

  /** Output frames for an input of `frames` frames ('valid' convolution). */
  outputFrames(frames: Frames): Frames {
    return frames - this.shape.kernelWidth + 1;
  }

  /** F^T = relu(conv(S))^T without recording a gradient: bins x frames -> filters x out. */
  forward(spectrogramT: tf.Tensor2D): tf.Tensor2D {
    this.checkLive();
    return tf.tidy(() => {
      const outFrames = this.outputFrames(spectrogramT.shape[1]);
      const slices = new Map<string, tf.Tensor2D>();
      const slice = (bin0: number, bins: number, offset: number) => {
        const key = `${bin0}:${offset}`;
        let t = slices.get(key);
        if (!t) {
          t = tf.slice(spectrogramT, [bin0, offset], [bins, outFrames]);
          slices.set(key, t);
        }
        return t;
      };
      // One row chunk of F^T per chunk of filters, each a sum over width offsets and bins.
      const byChunk = new Map<number, tf.Tensor[]>();
      for (const block of this.forwardBlocks) {
        const part = tf.matMul(block.weights, slice(block.bin0, block.bins, block.offset));
        const list = byChunk.get(block.filter0) ?? [];
        list.push(part);
        byChunk.set(block.filter0, list);
      }
      const rows = [...byChunk.values()].map((parts) =>
        parts.length === 1 ? parts[0]! : tf.addN(parts),
      );
      return tf.relu(rows.length === 1 ? rows[0]! : tf.concat(rows, 0)) as tf.Tensor2D;
    });
  }

  /**
   * The input gradient of the convolution: filters x out (already masked by the ReLU) ->
   * bins x (out + width - 1).
   */
  backward(gradFeaturesT: tf.Tensor2D): tf.Tensor2D {
    this.checkLive();
    const { filters, kernelWidth } = this.shape;
    return tf.tidy(() => {
      const outFrames = gradFeaturesT.shape[1];
      const chunks = new Map<number, tf.Tensor2D>();
      const chunk = (filter0: number, count: number) => {
        let slice = chunks.get(filter0);
        if (!slice) {
          slice =
            count === filters
              ? gradFeaturesT
              : tf.slice(gradFeaturesT, [filter0, 0], [count, outFrames]);
          chunks.set(filter0, slice);
        }
        return slice;
      };
      // col2im: the rows of width offset j land on input frames j .. j + out - 1.
      const shifted = Array.from({ length: kernelWidth }, (_, j) => {
        const parts = this.backwardBlocks
          .filter((block) => block.offset === j)
          .map((block) => tf.matMul(block.weights, chunk(block.filter0, block.filters)));
        const sum = parts.length === 1 ? parts[0]! : tf.addN(parts);
        return tf.pad(sum, [
          [0, 0],
          [j, kernelWidth - 1 - j],
        ]);
      });
      return (shifted.length === 1 ? shifted[0]! : tf.addN(shifted)) as tf.Tensor2D;
    });
  }

  /** Bytes held by the filter bank (both layouts). */
  weightBytes(): number {
    const { bins, filters, kernelWidth } = this.shape;
    return 2 * 4 * bins * filters * kernelWidth;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const b of this.forwardBlocks) b.weights.dispose();
    for (const b of this.backwardBlocks) b.weights.dispose();
  }

  private checkLive(): void {
    if (this.disposed) throw new Error('ShallowNetwork used after dispose()');
  }
}

/** A block size near `wanted` that cuts `total` into equal blocks (no 1-wide remainder block). */
function evenStep(total: number, wanted: number): number {
  const blocks = Math.ceil(total / Math.max(1, Math.min(total, wanted)));
  return Math.ceil(total / blocks);
}

/** [start, count] pairs cutting 0 .. total - 1 into steps of `step`. */
function ranges(total: number, step: number): [number, number][] {
  const out: [number, number][] = [];
  for (let start = 0; start < total; start += step)
    out.push([start, Math.min(step, total - start)]);
  return out;
}
