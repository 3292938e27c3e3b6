// Paints a lane spectrogram (8-bit levels from the main process) into RGBA pixels for the part
// of the session a lane shows. Pure and DOM-free, so it is tested in Node. Like the spectral
// core's renderSpectrogram: the loudest cell wins when a pixel covers several frames or bins, and
// rows finer than a bin interpolate between bins.
import { rowsAboveNyquist } from './frequency-ticks';
import type { SpectrogramLevels, SpectrogramView } from '../../../shared/ipc-lanes';
import { colormapLut } from '../../../shared/colormap';
import {
  rowBins as rowBinsOfEdges,
  rowEdgeFrequencies,
  type RowBins,
} from '../../../shared/frequency-scale';
import type { Seconds } from '../../../shared/units';

export interface PaintTarget {
  width: number;
  height: number;
  /** width x height x 4 bytes, row 0 at the top. */
  rgba: Uint8ClampedArray;
}

export interface LaneWindow {
  /** Session time at the left edge of the lane. */
  start: Seconds;
  secondsPerPixel: Seconds;
  /** Where the clip starts on the session timeline. */
  clipStart: Seconds;
}

/**
 * Which bins each of `height` pixel rows shows, on the lane's frequency scale up to `maxHz` (the
 * project's highest Nyquist frequency, shared by every lane); rows above this clip's own Nyquist
 * frequency show nothing (first bin -1).
 */
export function rowBins(
  scale: SpectrogramView['scale'],
  height: number,
  nFft: number,
  sampleRate: number,
  maxHz: number = sampleRate / 2,
): RowBins {
  const top = Math.max(maxHz, sampleRate / 2);
  const edges = rowEdgeFrequencies({ scale, height, maxHz: top });
  const rows = rowBinsOfEdges(edges, nFft, sampleRate, nFft / 2 + 1);
  rows.first.fill(-1, 0, rowsAboveNyquist(scale, top, height, sampleRate));
  return rows;
}

/**
 * Colour of each level (packed RGBA, little-endian) for a display range: level 255 is the
 * loudest cell; levels more than `dbRange` below it get the darkest colour.
 */
export function levelColours(
  colormap: SpectrogramView['colormap'],
  dbRange: number,
  levelRangeDb: number,
): Uint32Array {
  const lut = colormapLut(colormap);
  const colours = new Uint32Array(256);
  for (let level = 0; level < 256; level++) {
    const belowTop = (1 - level / 255) * levelRangeDb;
    const index = Math.max(0, Math.min(255, Math.floor(((dbRange - belowTop) / dbRange) * 256)));
    const o = index * 4;
    colours[level] = (lut[o]! | (lut[o + 1]! << 8) | (lut[o + 2]! << 16) | (255 << 24)) >>> 0;
  }
  return colours;
}

/** Fills `target`; columns outside the clip stay transparent. */
export function paintSpectrogram(
  target: PaintTarget,
  spectrogram: SpectrogramLevels,
  window: LaneWindow,
  rows: RowBins,
  colours: Uint32Array,
): void {
  const { width, height } = target;
  const { frames, bins, levels } = spectrogram;
  const pixels = new Uint32Array(target.rgba.buffer, target.rgba.byteOffset, width * height);
  pixels.fill(0);
  const framesPerSecond = spectrogram.sampleRate / spectrogram.hop;
  const column = new Uint8Array(bins);
  const clipSeconds = (frames - 1) / framesPerSecond + 0.5 / framesPerSecond;
  for (let c = 0; c < width; c++) {
    const t0 = window.start + c * window.secondsPerPixel - window.clipStart;
    const t1 = t0 + window.secondsPerPixel;
    if (t1 <= 0 || t0 >= clipSeconds) continue;
    const from = Math.max(0, Math.min(frames - 1, Math.floor(t0 * framesPerSecond + 0.5)));
    const to = Math.max(from, Math.min(frames - 1, Math.ceil(t1 * framesPerSecond + 0.5) - 1));
    column.set(levels.subarray(from * bins, from * bins + bins));
    for (let f = from + 1; f <= to; f++) {
      const offset = f * bins;
      for (let k = 0; k < bins; k++) {
        const v = levels[offset + k]!;
        if (v > column[k]!) column[k] = v;
      }
    }
    for (let r = 0; r < height; r++) {
      const first = rows.first[r]!;
      if (first < 0) continue;
      const last = rows.last[r]!;
      let level: number;
      if (last >= first) {
        level = column[first]!;
        for (let k = first + 1; k <= last; k++) if (column[k]! > level) level = column[k]!;
      } else {
        const f = rows.fraction[r]!;
        level = Math.round(column[first]! * (1 - f) + column[first + 1]! * f);
      }
      pixels[r * width + c] = colours[level]!;
    }
  }
}
