// The shallow random network (METHODS.md section 2, seeds 001/002): one wide 1-D convolution
// over time with the frequency bins as input channels, seeded random filters, ReLU.
//
// Why it is not tf.conv1d: on the wasm backend the convolution's input gradient is ~10x slower
// than its forward and its filter gradient is missing, and one im2col matMul with a 185 MB
// operand runs at a third of XNNPACK's speed (the operands overflow the caches). So the forward
// and backward passes are sums of matMuls whose streamed operand is a fixed filter block and
// whose packed operand (a slice of the spectrogram or of the feature gradient) fits in L2:
//   forward   F^T = relu( sum_j sum_b W[j,b]^T S[b, j : j + n] )        (filters x frames)
//   backward  dS[:, j : j + n] += W[j]^T-rows . (dF^T masked by F > 0)  (col2im of one matMul
//             per filter chunk)
// and tf.customGrad ties them together so tfjs's autodiff sees one op with a matMul gradient.
// The filters are fixed, so no filter gradient is computed.
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
  /** Bins per forward block (default 512: a 512 x 421-frame slice is 0.86 MB, inside L2). */
  forwardBins?: number;
  /** Filters per backward block (default 1024: a 1024 x 421-frame gradient slice is 1.7 MB). */
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
 * The filter bank in the peer's layout [filters, bins, width] (torch conv1d weight), drawn from
 * seededRandom(seed) in that order. This order defines "the same network" on every backend and
 * layout. Meant for small shapes (tests, exports); the network itself never holds this array.
 */
export function canonicalFilters(shape: NetworkShape, seed: number): Float32Array {
  const out = new Float32Array(shape.filters * shape.bins * shape.kernelWidth);
  return seededRandom(seed).fillNormal(out, 0, filterStd(shape));
}

interface ForwardBlock {
  offset: number;
  bin0: number;
  bins: number;
  /** filters x bins: W[k, bin0 + c, offset] at [k, c]. */
  weights: tf.Tensor2D;
}

interface BackwardBlock {
  filter0: number;
  filters: number;
  /** (width * bins) x filters: W[filter0 + k, c, j] at [j * bins + c, k]. */
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
    const binStep = Math.max(1, Math.min(bins, layout.forwardBins ?? 512));
    const filterStep = Math.max(1, Math.min(filters, layout.backwardFilters ?? 1024));

    const forwardData: { offset: number; bin0: number; bins: number; data: Float32Array }[] = [];
    for (let offset = 0; offset < kernelWidth; offset++)
      for (let bin0 = 0; bin0 < bins; bin0 += binStep) {
        const n = Math.min(binStep, bins - bin0);
        forwardData.push({ offset, bin0, bins: n, data: new Float32Array(filters * n) });
      }
    const backwardData: { filter0: number; filters: number; data: Float32Array }[] = [];
    for (let filter0 = 0; filter0 < filters; filter0 += filterStep) {
      const n = Math.min(filterStep, filters - filter0);
      backwardData.push({ filter0, filters: n, data: new Float32Array(kernelWidth * bins * n) });
    }

    // One filter at a time in the canonical order, scattered into both layouts.
    const random = seededRandom(seed);
    const std = filterStd(shape);
    const filter = new Float32Array(bins * kernelWidth);
    const binBlocks = Math.ceil(bins / binStep);
    for (let k = 0; k < filters; k++) {
      random.fillNormal(filter, 0, std);
      const back = backwardData[Math.floor(k / filterStep)]!;
      const kInBlock = k - back.filter0;
      for (let c = 0; c < bins; c++) {
        const fwdBlock = Math.floor(c / binStep);
        for (let j = 0; j < kernelWidth; j++) {
          const value = filter[c * kernelWidth + j]!;
          const fwd = forwardData[j * binBlocks + fwdBlock]!;
          fwd.data[k * fwd.bins + (c - fwd.bin0)] = value;
          back.data[(j * bins + c) * back.filters + kInBlock] = value;
        }
      }
    }
    this.forwardBlocks = forwardData.map((b) => ({
      offset: b.offset,
      bin0: b.bin0,
      bins: b.bins,
      weights: tf.tensor2d(b.data, [filters, b.bins]),
    }));
    this.backwardBlocks = backwardData.map((b) => ({
      filter0: b.filter0,
      filters: b.filters,
      weights: tf.tensor2d(b.data, [kernelWidth * bins, b.filters]),
    }));

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
      const partials = this.forwardBlocks.map((block) =>
        tf.matMul(
          block.weights,
          tf.slice(spectrogramT, [block.bin0, block.offset], [block.bins, outFrames]),
        ),
      );
      return tf.relu(partials.length === 1 ? partials[0]! : tf.addN(partials)) as tf.Tensor2D;
    });
  }

  /**
   * The input gradient of the convolution: filters x out (already masked by the ReLU) ->
   * bins x (out + width - 1).
   */
  backward(gradFeaturesT: tf.Tensor2D): tf.Tensor2D {
    this.checkLive();
    const { bins, kernelWidth } = this.shape;
    return tf.tidy(() => {
      const outFrames = gradFeaturesT.shape[1];
      const perChunk = this.backwardBlocks.map((block) =>
        tf.matMul(
          block.weights,
          this.backwardBlocks.length === 1
            ? gradFeaturesT
            : tf.slice(gradFeaturesT, [block.filter0, 0], [block.filters, outFrames]),
        ),
      );
      const columns = perChunk.length === 1 ? perChunk[0]! : tf.addN(perChunk);
      // col2im: the rows of width offset j land on input frames j .. j + out - 1.
      const shifted = Array.from({ length: kernelWidth }, (_, j) =>
        tf.pad(tf.slice(columns, [j * bins, 0], [bins, outFrames]), [
          [0, 0],
          [j, kernelWidth - 1 - j],
        ]),
      );
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
