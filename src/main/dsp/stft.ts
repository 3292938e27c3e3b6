// Short-time Fourier transform and its inverse: Hann window, centred reflect-padded frames
// (librosa/torch convention), weighted overlap-add divided by the summed squared window.
import type { Frames, Samples } from '../../shared/units';
import { DspParameterError } from './errors';
import { stftPlan } from './stft-plan';
import { checkOverlapAdd, hannWindow } from './window';

export const MIN_N_FFT = 256;
export const MAX_N_FFT = 8192;

/** The size of a spectrogram and how it was framed. */
export interface StftShape {
  frames: Frames;
  /** nFft / 2 + 1 one-sided frequency bins, 0 Hz to Nyquist. */
  bins: number;
  nFft: Samples;
  hop: Samples;
  /** Hann length inside the nFft frame (default nFft). */
  winLength?: Samples;
  /** Frame t centred on sample t * hop, signal reflect-padded by nFft / 2 (default true). */
  center?: boolean;
}

/** Complex spectrogram: frames x bins, row-major (frame t, bin k at t * bins + k). */
export interface Spectrogram extends StftShape {
  winLength: Samples;
  center: boolean;
  re: Float32Array;
  im: Float32Array;
}

export interface StftOptions {
  /** FFT size: a power of two from 256 to 8192. */
  nFft: Samples;
  /** Samples between frames (default winLength / 4); must pass the overlap-add check. */
  hop?: Samples;
  /** Hann length, up to nFft (default nFft); shorter windows are centred and zero-padded. */
  winLength?: Samples;
  /** Centre frames on t * hop with reflect padding (default true). */
  center?: boolean;
}

/** Validated framing parameters with defaults filled in. */
export interface Framing {
  nFft: Samples;
  hop: Samples;
  winLength: Samples;
  center: boolean;
}

/** Checks n_fft, window length and hop (including the overlap-add condition) and fills defaults. */
export function resolveFraming(opts: StftOptions): Framing {
  const { nFft } = opts;
  if (!Number.isInteger(nFft) || nFft < MIN_N_FFT || nFft > MAX_N_FFT || (nFft & (nFft - 1)) !== 0)
    throw new DspParameterError(
      'nFft',
      nFft,
      `n_fft must be a power of two from ${MIN_N_FFT} to ${MAX_N_FFT}, got ${nFft}.`,
    );
  const winLength = opts.winLength ?? nFft;
  if (!Number.isInteger(winLength) || winLength < 2 || winLength > nFft)
    throw new DspParameterError(
      'winLength',
      winLength,
      `Window length must be an integer from 2 to n_fft (${nFft}), got ${winLength}.`,
    );
  const hop = opts.hop ?? Math.max(1, Math.floor(winLength / 4));
  if (!Number.isInteger(hop) || hop < 1)
    throw new DspParameterError(
      'hop',
      hop,
      `Hop must be a positive whole number of samples, got ${hop}.`,
    );
  const center = opts.center ?? true;
  // Centred frames number 1 + floor(length / hop): they reach the last sample only if each
  // window covers at least two hops.
  if (center && hop > winLength / 2)
    throw new DspParameterError(
      'hop',
      hop,
      `Hop ${hop} is more than half the window (${winLength} samples): centred frames would ` +
        `leave the end of the signal uncovered; use a hop of at most ${Math.floor(winLength / 2)}.`,
    );
  const check = checkOverlapAdd(hannWindow(nFft, winLength), hop);
  if (!check.ok)
    throw new DspParameterError(
      'hop',
      hop,
      `Hop ${hop} is too large for a Hann window of ${winLength} samples: overlapping windows ` +
        `would leave samples the inverse STFT cannot recover (summed squared window falls to ` +
        `${check.flatness.toExponential(1)} of its peak); use a hop of at most about ${maxHintHop(nFft, winLength)}.`,
    );
  return { nFft, hop, winLength, center };
}

/** The largest hop that passes the overlap-add check, for the error message. */
function maxHintHop(nFft: number, winLength: number): number {
  const window = hannWindow(nFft, winLength);
  let hop = winLength;
  while (hop > 1 && !checkOverlapAdd(window, hop).ok) hop--;
  return hop;
}

/** Number of frames the STFT makes of `length` samples. */
export function frameCount(length: Samples, framing: Framing): Frames {
  if (framing.center) return 1 + Math.floor(length / framing.hop);
  if (length < framing.nFft) return 0;
  return 1 + Math.floor((length - framing.nFft) / framing.hop);
}

/** Complex STFT of a mono signal. */
export function stft(signal: Float32Array | Float64Array, opts: StftOptions): Spectrogram {
  const framing = resolveFraming(opts);
  if (signal.length === 0)
    throw new DspParameterError('signal', 0, 'Cannot take the STFT of an empty signal.');
  const frames = frameCount(signal.length, framing);
  if (frames === 0)
    throw new DspParameterError(
      'signal',
      signal.length,
      `A signal of ${signal.length} samples is shorter than one uncentred frame of ${framing.nFft}.`,
    );
  const bins = framing.nFft / 2 + 1;
  const re = new Float32Array(frames * bins);
  const im = new Float32Array(frames * bins);
  stftPlan(framing.nFft, framing.hop, framing.winLength).analyse(
    signal,
    frames,
    framing.center,
    re,
    im,
  );
  return { ...framing, frames, bins, re, im };
}

/** Checks that a shape is one this module can make and that `arrays` fit it; fills defaults. */
export function resolveShape(shape: StftShape, ...arrays: Float32Array[]): Framing & StftShape {
  const framing = resolveFraming(shape);
  if (shape.bins !== framing.nFft / 2 + 1)
    throw new DspParameterError(
      'bins',
      shape.bins,
      `A spectrogram with n_fft ${framing.nFft} has ${framing.nFft / 2 + 1} bins, not ${shape.bins}.`,
    );
  if (!Number.isInteger(shape.frames) || shape.frames < 1)
    throw new DspParameterError(
      'frames',
      shape.frames,
      `Frame count must be a positive integer, got ${shape.frames}.`,
    );
  for (const array of arrays)
    if (array.length !== shape.frames * shape.bins)
      throw new DspParameterError(
        'spectrogram',
        array.length,
        `Spectrogram data has ${array.length} values; ${shape.frames} frames x ${shape.bins} bins need ${shape.frames * shape.bins}.`,
      );
  return { ...shape, ...framing };
}

/** Checks an output length: a positive whole number of samples. */
export function checkLength(length: Samples, parameter = 'length'): void {
  if (!Number.isInteger(length) || length < 1)
    throw new DspParameterError(
      parameter,
      length,
      `Output length must be a positive whole number of samples, got ${length}.`,
    );
}

/** Inverse STFT: `length` samples (zero past the last frame, cut where frames run longer). */
export function istft(spec: Spectrogram, opts: { length: Samples }): Float32Array {
  const shape = resolveShape(spec, spec.re, spec.im);
  checkLength(opts.length, 'opts.length');
  const out = new Float32Array(opts.length);
  stftPlan(shape.nFft, shape.hop, shape.winLength).synthesise(
    spec.re,
    spec.im,
    shape.frames,
    shape.center,
    out,
  );
  return out;
}

/** |X| per cell, frames x bins. */
export function magnitude(spec: Pick<Spectrogram, 're' | 'im'>): Float32Array {
  const { re, im } = spec;
  const out = new Float32Array(re.length);
  for (let i = 0; i < re.length; i++) out[i] = Math.sqrt(re[i]! * re[i]! + im[i]! * im[i]!);
  return out;
}

/** Phase angle in radians (-pi..pi] per cell, frames x bins. */
export function phase(spec: Pick<Spectrogram, 're' | 'im'>): Float32Array {
  const { re, im } = spec;
  const out = new Float32Array(re.length);
  for (let i = 0; i < re.length; i++) out[i] = Math.atan2(im[i]!, re[i]!);
  return out;
}

/** Complex spectrogram from a magnitude and a phase (radians) of the given shape. */
export function fromPolar(mag: Float32Array, angle: Float32Array, shape: StftShape): Spectrogram {
  const full = resolveShape(shape, mag, angle);
  const re = new Float32Array(mag.length);
  const im = new Float32Array(mag.length);
  for (let i = 0; i < mag.length; i++) {
    re[i] = mag[i]! * Math.cos(angle[i]!);
    im[i] = mag[i]! * Math.sin(angle[i]!);
  }
  return { ...full, re, im };
}
