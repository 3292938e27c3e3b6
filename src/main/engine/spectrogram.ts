// The engine's unit of work: a log-magnitude spectrogram S = log(1 + |X|), frames x bins.
import type { Frames } from '../../shared/units';
import { EngineParameterError } from './errors';

/** A log-magnitude spectrogram, frames x bins, row-major (frame t, bin k at t * bins + k). */
export interface LogSpectrogram {
  frames: Frames;
  bins: number;
  data: Float32Array;
}

/** One style clip and its share of the style mix. */
export interface StyleInput {
  spectrogram: LogSpectrogram;
  /** Share of this clip's Gram matrix in the mix (default 1; shares are normalised to sum 1). */
  weight?: number;
}

/** Throws EngineParameterError when the shape does not match the data or a value is not finite. */
export function checkSpectrogram(spec: LogSpectrogram, name: string, minFrames: Frames): void {
  const { frames, bins, data } = spec;
  if (!Number.isInteger(bins) || bins < 1)
    throw new EngineParameterError(
      `${name}.bins`,
      bins,
      `${name} must have at least 1 bin, got ${bins}.`,
    );
  if (!Number.isInteger(frames) || frames < 1)
    throw new EngineParameterError(
      `${name}.frames`,
      frames,
      `${name} must have at least 1 frame, got ${frames}.`,
    );
  if (!(data instanceof Float32Array) || data.length !== frames * bins)
    throw new EngineParameterError(
      `${name}.data`,
      data?.length,
      `${name} holds ${String(data?.length)} values, but ${frames} frames x ${bins} bins need ` +
        `${frames * bins} (a Float32Array, frames x bins).`,
    );
  if (frames < minFrames)
    throw new EngineParameterError(
      'kernelWidth',
      minFrames,
      `kernelWidth ${minFrames} is wider than ${name}, which has only ${frames} frames: ` +
        `use a narrower kernel or a longer clip.`,
    );
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i]))
      throw new EngineParameterError(
        `${name}.data`,
        data[i],
        `${name} has a non-finite value (${data[i]}) at frame ${Math.floor(i / bins)}, ` +
          `bin ${i % bins}.`,
      );
  }
}

/** bins x frames copy of a frames x bins matrix (the engine works with frames along rows' ends). */
export function transposeMatrix(data: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = data[base + c]!;
  }
  return out;
}
