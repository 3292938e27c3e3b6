// The numbers of QUALITY.md, taken of mono signals already at one rate (the content's): the
// magnitude spectrogram M (Hann, n_fft 2048, hop 512, only the frames that fit entirely), the
// timbre profile L and the style gain, the envelope E and the content correlation, and the
// spectral convergence of a phase reconstruction. Pure functions; files, mono mixes and
// resampling are in quality-files.ts, the metrics of a whole transfer in result-quality.ts.
import type { Frames } from '../../shared/units';
import {
  frameCount,
  logMagnitude,
  magnitude,
  resolveFraming,
  spectralConvergence as magnitudeConvergence,
  stft,
} from '../dsp';
import { EvaluationError } from './errors';

/** QUALITY.md's framing: no padding, so frame t covers samples t * hop to t * hop + nFft - 1. */
export const QUALITY_FRAMING = { nFft: 2048, hop: 512, center: false } as const;

/** Frames x bins, row-major (frame t, bin k at t * bins + k). */
export interface FramedSpectrogram {
  frames: Frames;
  /** nFft / 2 + 1 bins, 0 Hz to Nyquist. */
  bins: number;
  data: Float32Array;
}

/** L(x): the time-averaged log spectrum, one value per bin. */
export type TimbreProfile = Float64Array;

/** E(x): the summed log spectrum, one value per frame. */
export type Envelope = Float64Array;

/**
 * Float32 spectra carry about seven significant digits: a difference or a spread below this
 * fraction of the values themselves is rounding, not signal, so a ratio over it means nothing.
 */
const ROUNDING = 1e-6;

/** Throws unless every sample is a finite number. */
export function assertFinite(samples: Float32Array, label: string): void {
  for (let i = 0; i < samples.length; i++)
    if (!Number.isFinite(samples[i]!))
      throw new EvaluationError(
        'NOT_FINITE',
        `${label} has a sample that is not a finite number (at sample ${i}), so it cannot be measured.`,
      );
}

/** M(x): |STFT| with QUALITY_FRAMING. */
export function magnitudeSpectrogram(samples: Float32Array, label = 'the clip'): FramedSpectrogram {
  assertFinite(samples, label);
  if (samples.length < QUALITY_FRAMING.nFft)
    throw new EvaluationError(
      'TOO_SHORT',
      `${label} is too short to measure: ${samples.length} samples at the content's rate, and one analysis frame takes ${QUALITY_FRAMING.nFft}.`,
    );
  const spectrum = stft(samples, QUALITY_FRAMING);
  return { frames: spectrum.frames, bins: spectrum.bins, data: magnitude(spectrum) };
}

/** log(1 + M(x)), the representation both L and E are taken of. */
export function logSpectrogram(samples: Float32Array, label = 'the clip'): FramedSpectrogram {
  const m = magnitudeSpectrogram(samples, label);
  return { frames: m.frames, bins: m.bins, data: logMagnitude(m.data) };
}

/** Throws when a spectrogram is zero everywhere: a silent clip has no timbre and no envelope. */
export function assertAudible(spectrogram: FramedSpectrogram, label: string): void {
  for (let i = 0; i < spectrogram.data.length; i++) if (spectrogram.data[i] !== 0) return;
  throw new EvaluationError(
    'SILENT',
    `${label} is silent, so it has no timbre or envelope to compare.`,
  );
}

/** L(x) = mean over frames of log(1 + M(x)), of a log spectrogram. */
export function timbreProfile(logSpec: FramedSpectrogram): TimbreProfile {
  const { frames, bins, data } = logSpec;
  const profile = new Float64Array(bins);
  for (let t = 0; t < frames; t++) {
    const row = t * bins;
    for (let k = 0; k < bins; k++) profile[k]! += data[row + k]!;
  }
  for (let k = 0; k < bins; k++) profile[k]! /= frames;
  return profile;
}

/** The mean of several clips' L: the style profile of a class of styles. */
export function meanProfile(profiles: readonly TimbreProfile[]): TimbreProfile {
  const [first] = profiles;
  if (!first) throw new RangeError('meanProfile needs at least one profile.');
  const mean = new Float64Array(first.length);
  for (const profile of profiles) {
    checkBins(profile, first.length);
    for (let k = 0; k < mean.length; k++) mean[k]! += profile[k]!;
  }
  for (let k = 0; k < mean.length; k++) mean[k]! /= profiles.length;
  return mean;
}

function checkBins(profile: TimbreProfile, bins: number): void {
  if (profile.length !== bins)
    throw new RangeError(
      `Timbre profiles of ${profile.length} and ${bins} bins cannot be compared.`,
    );
}

function distance(a: TimbreProfile, b: TimbreProfile): number {
  checkBins(b, a.length);
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += (a[k]! - b[k]!) ** 2;
  return Math.sqrt(sum);
}

function norm(a: TimbreProfile): number {
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += a[k]! ** 2;
  return Math.sqrt(sum);
}

/**
 * Throws when the content's profile equals the style's (to float32 rounding): the gain's
 * denominator is zero, and how far a result moved toward the style is undefined.
 */
export function assertDistinctProfiles(content: TimbreProfile, style: TimbreProfile): void {
  if (distance(content, style) <= ROUNDING * Math.max(norm(content), norm(style)))
    throw new EvaluationError(
      'CONTENT_IS_STYLE',
      'The content and the style have the same timbre profile, so the style gain is undefined: give a style that differs from the content.',
    );
}

/**
 * 1 - |L(result) - L(style)| / |L(content) - L(style)|: 1 = arrived at the style, 0 = no change,
 * below 0 = moved away. Several style profiles stand for their mean.
 */
export function styleGain(
  content: TimbreProfile,
  style: TimbreProfile | readonly TimbreProfile[],
  result: TimbreProfile,
): number {
  const target = style instanceof Float64Array ? style : meanProfile(style);
  assertDistinctProfiles(content, target);
  const gain = 1 - distance(result, target) / distance(content, target);
  if (!Number.isFinite(gain))
    throw new EvaluationError(
      'UNDEFINED',
      'The style gain is not a finite number: a spectrum held values too large to measure.',
    );
  return gain;
}

/** E(x) = sum over bins of log(1 + M(x)), one value per frame, of a log spectrogram. */
export function envelope(logSpec: FramedSpectrogram): Envelope {
  const { frames, bins, data } = logSpec;
  const out = new Float64Array(frames);
  for (let t = 0; t < frames; t++) {
    let sum = 0;
    const row = t * bins;
    for (let k = 0; k < bins; k++) sum += data[row + k]!;
    out[t] = sum;
  }
  return out;
}

/**
 * The Pearson correlation of two envelopes over their common frames (the first
 * min(length) of each: both clips start at time 0). 1 = the content's dynamics kept.
 */
export function contentCorrelation(
  content: Envelope,
  result: Envelope,
  labels: { content: string; result: string } = { content: 'the content', result: 'the result' },
): number {
  const n = Math.min(content.length, result.length);
  if (n < 2)
    throw new EvaluationError(
      'TOO_SHORT',
      `${content.length < result.length ? labels.content : labels.result} has ${n} analysis frame${n === 1 ? '' : 's'}, and a correlation needs at least 2: the clip must be at least ${QUALITY_FRAMING.nFft + QUALITY_FRAMING.hop} samples long at the content's rate.`,
    );
  const spreadOf = (e: Envelope, label: string): { mean: number; centred: Float64Array } => {
    let mean = 0;
    for (let t = 0; t < n; t++) mean += e[t]!;
    mean /= n;
    const centred = new Float64Array(n);
    let squares = 0;
    for (let t = 0; t < n; t++) {
      centred[t] = e[t]! - mean;
      squares += centred[t]! ** 2;
    }
    if (Math.sqrt(squares / n) <= ROUNDING * Math.abs(mean))
      throw new EvaluationError(
        'CONSTANT_ENVELOPE',
        `${label} keeps the same level in every analysis frame, so the envelope correlation is undefined.`,
      );
    return { mean, centred };
  };
  const a = spreadOf(content, labels.content).centred;
  const b = spreadOf(result, labels.result).centred;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let t = 0; t < n; t++) {
    ab += a[t]! * b[t]!;
    aa += a[t]! ** 2;
    bb += b[t]! ** 2;
  }
  const r = ab / Math.sqrt(aa * bb);
  if (!Number.isFinite(r))
    throw new EvaluationError(
      'UNDEFINED',
      'The envelope correlation is not a finite number: a spectrum held values too large to measure.',
    );
  return Math.max(-1, Math.min(1, r));
}

/**
 * |M(y) - A| / |A| (Frobenius norms): how close a reconstructed sound's magnitude comes to the
 * magnitude A asked for. A must be framed as QUALITY_FRAMING frames y.
 */
export function spectralConvergence(
  y: Float32Array,
  target: FramedSpectrogram,
  label = 'the reconstruction',
): number {
  assertFinite(y, label);
  if (target.data.length !== target.frames * target.bins)
    throw new RangeError(
      `A spectrogram of ${target.frames} x ${target.bins} cannot hold ${target.data.length} values.`,
    );
  if (target.bins !== QUALITY_FRAMING.nFft / 2 + 1)
    throw new EvaluationError(
      'SHAPE_MISMATCH',
      `The magnitude asked for has ${target.bins} bins, and n_fft ${QUALITY_FRAMING.nFft} makes ${QUALITY_FRAMING.nFft / 2 + 1}.`,
    );
  const frames = frameCount(y.length, resolveFraming(QUALITY_FRAMING));
  if (frames !== target.frames)
    throw new EvaluationError(
      'SHAPE_MISMATCH',
      `${label} makes ${frames} analysis frames, and the magnitude asked for has ${target.frames}: they must be the same length.`,
    );
  let energy = 0;
  for (let i = 0; i < target.data.length; i++) energy += target.data[i]! ** 2;
  if (!Number.isFinite(energy))
    throw new EvaluationError(
      'NOT_FINITE',
      'The magnitude asked for holds values that are not finite numbers, so it cannot be compared.',
    );
  if (energy === 0)
    throw new EvaluationError(
      'SILENT',
      'The magnitude asked for is silent, so the spectral convergence is undefined (0/0).',
    );
  return magnitudeConvergence(target.data, stft(y, QUALITY_FRAMING));
}
