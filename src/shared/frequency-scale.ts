// Frequency axis of a spectrogram picture: which frequency each pixel row shows, on a linear, log
// or mel scale, and back. Row 0 is the top of the image (the highest frequency); an integer row
// means the centre of that pixel row, row - 0.5 and row + 0.5 its top and bottom edges.
import type { Hertz, Samples } from './units';
import { DspParameterError } from './dsp-parameter-error';

export type FrequencyScale = 'linear' | 'log' | 'mel';

/**
 * 'htk': mel = 2595 log10(1 + f / 700), smooth over the whole range (the display default).
 * 'slaney': linear below 1 kHz, logarithmic above (Slaney's Auditory Toolbox, librosa's default).
 */
export type MelFormula = 'htk' | 'slaney';

/** Lowest frequency of a log axis unless told otherwise: the bottom of human hearing. */
export const DEFAULT_LOG_MIN_HZ: Hertz = 20;

export interface FrequencyAxis {
  scale: FrequencyScale;
  /** Pixel rows. */
  height: number;
  /** Frequency at the bottom edge (default 0 Hz; 20 Hz for 'log', which needs it above 0). */
  minHz?: Hertz;
  /** Frequency at the top edge, usually the Nyquist frequency. */
  maxHz: Hertz;
  /** Mel formula for scale 'mel' (default 'htk'). */
  melFormula?: MelFormula;
}

const SLANEY_HZ_PER_MEL = 200 / 3;
const SLANEY_BREAK_HZ = 1000;
const SLANEY_BREAK_MEL = SLANEY_BREAK_HZ / SLANEY_HZ_PER_MEL;
const SLANEY_LOG_STEP = Math.log(6.4) / 27;

export function hzToMel(hz: Hertz, formula: MelFormula = 'htk'): number {
  if (formula === 'htk') return 2595 * Math.log10(1 + hz / 700);
  if (hz < SLANEY_BREAK_HZ) return hz / SLANEY_HZ_PER_MEL;
  return SLANEY_BREAK_MEL + Math.log(hz / SLANEY_BREAK_HZ) / SLANEY_LOG_STEP;
}

export function melToHz(mel: number, formula: MelFormula = 'htk'): Hertz {
  if (formula === 'htk') return 700 * (10 ** (mel / 2595) - 1);
  if (mel < SLANEY_BREAK_MEL) return mel * SLANEY_HZ_PER_MEL;
  return SLANEY_BREAK_HZ * Math.exp(SLANEY_LOG_STEP * (mel - SLANEY_BREAK_MEL));
}

/** Centre frequency of FFT bin `bin`. */
export function frequencyOfBin(bin: number, nFft: Samples, sampleRate: Hertz): Hertz {
  return (bin * sampleRate) / nFft;
}

/** Fractional FFT bin of a frequency. */
export function binOfFrequency(hz: Hertz, nFft: Samples, sampleRate: Hertz): number {
  return (hz * nFft) / sampleRate;
}

/** A checked axis with its defaults filled in and its warp precomputed. */
interface ResolvedAxis {
  height: number;
  /** Frequency -> position on the warped scale, and back. */
  warp: (hz: Hertz) => number;
  unwarp: (position: number) => Hertz;
  low: number;
  span: number;
}

function resolveAxis(axis: FrequencyAxis): ResolvedAxis {
  const { scale, height, maxHz } = axis;
  if (!Number.isInteger(height) || height < 1)
    throw new DspParameterError(
      'height',
      height,
      `Image height must be a positive whole number of pixels, got ${height}.`,
    );
  const minHz = axis.minHz ?? (scale === 'log' ? DEFAULT_LOG_MIN_HZ : 0);
  if (!(minHz >= 0 && maxHz > minHz && Number.isFinite(maxHz)))
    throw new DspParameterError(
      'maxHz',
      maxHz,
      `The frequency axis needs 0 <= minHz < maxHz, got minHz ${minHz} and maxHz ${maxHz}.`,
    );
  let warp: (hz: Hertz) => number;
  let unwarp: (position: number) => Hertz;
  if (scale === 'linear') {
    warp = (hz) => hz;
    unwarp = (position) => position;
  } else if (scale === 'log') {
    if (minHz <= 0)
      throw new DspParameterError(
        'minHz',
        minHz,
        `A log frequency axis needs minHz above 0 Hz, got ${minHz}.`,
      );
    warp = Math.log;
    unwarp = Math.exp;
  } else if (scale === 'mel') {
    const formula = axis.melFormula ?? 'htk';
    if (formula !== 'htk' && formula !== 'slaney')
      throw new DspParameterError(
        'melFormula',
        formula,
        `Mel formula must be 'htk' or 'slaney', got ${String(formula)}.`,
      );
    warp = (hz) => hzToMel(hz, formula);
    unwarp = (mel) => melToHz(mel, formula);
  } else {
    throw new DspParameterError(
      'scale',
      scale,
      `Frequency scale must be 'linear', 'log' or 'mel', got ${String(scale)}.`,
    );
  }
  const low = warp(minHz);
  return { height, warp, unwarp, low, span: warp(maxHz) - low };
}

/** Frequency shown at (fractional) pixel row `row`; integer rows give the row's centre. */
export function frequencyOfRow(row: number, axis: FrequencyAxis): Hertz {
  const resolved = resolveAxis(axis);
  return rowFrequency(row, resolved);
}

/** Fractional pixel row of a frequency: the inverse of `frequencyOfRow`. */
export function rowOfFrequency(hz: Hertz, axis: FrequencyAxis): number {
  const { height, warp, low, span } = resolveAxis(axis);
  return height - 0.5 - ((warp(hz) - low) / span) * height;
}

/** Frequencies of the row edges: edges[r] is the top of row r, edges[r + 1] its bottom. */
export function rowEdgeFrequencies(axis: FrequencyAxis): Float64Array {
  const resolved = resolveAxis(axis);
  const edges = new Float64Array(resolved.height + 1);
  for (let r = 0; r <= resolved.height; r++) edges[r] = rowFrequency(r - 0.5, resolved);
  return edges;
}

function rowFrequency(row: number, { height, unwarp, low, span }: ResolvedAxis): Hertz {
  return unwarp(low + ((height - 0.5 - row) / height) * span);
}

/**
 * Which bins each pixel row of a spectrogram picture shows, for rows between `edges` (top to
 * bottom, Hz): the bins whose centres it covers (drawn as their max), or, for a row finer than a
 * bin, the bin pair to interpolate. The spectral core's pictures and the page's lanes both use it.
 */
export interface RowBins {
  /** First and last bin covered (last < first: the row is finer than a bin; interpolate). */
  first: Int32Array;
  last: Int32Array;
  /** Interpolation: bin `first` and the next, weighted by 1 - fraction and fraction. */
  fraction: Float32Array;
  lowestBin: number;
  highestBin: number;
}

export function rowBins(
  edges: Float64Array,
  nFft: number,
  sampleRate: number,
  bins: number,
): RowBins {
  const height = edges.length - 1;
  const first = new Int32Array(height);
  const last = new Int32Array(height);
  const fraction = new Float32Array(height);
  let lowestBin = bins - 1;
  let highestBin = 0;
  for (let r = 0; r < height; r++) {
    const top = Math.min(binOfFrequency(edges[r]!, nFft, sampleRate), bins);
    const bottom = Math.max(binOfFrequency(edges[r + 1]!, nFft, sampleRate), 0);
    const lo = Math.ceil(bottom);
    const hi = Math.min(Math.ceil(top) - 1, bins - 1);
    if (hi >= lo) {
      first[r] = lo;
      last[r] = hi;
    } else {
      const centre = Math.min(Math.max((top + bottom) / 2, 0), bins - 1);
      const below = Math.min(Math.floor(centre), bins - 2);
      first[r] = below;
      last[r] = below - 1;
      fraction[r] = centre - below;
    }
    lowestBin = Math.min(lowestBin, first[r]!);
    highestBin = Math.max(highestBin, Math.max(last[r]!, first[r]! + 1));
  }
  return { first, last, fraction, lowestBin, highestBin: Math.min(highestBin, bins - 1) };
}
