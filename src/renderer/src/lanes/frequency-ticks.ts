// Frequency ruler of the spectrogram lanes: where labelled frequencies sit on the lane's scale,
// and the rows a clip cannot fill. Every lane shares one axis, up to the project's highest
// Nyquist frequency, so a 16 kHz clip and a 44.1 kHz clip line up (the first is blank above 8 kHz).
import { rowOfFrequency, type FrequencyScale } from '../../../shared/frequency-scale';
import type { Hertz } from '../../../shared/units';

export interface FrequencyTick {
  hz: Hertz;
  label: string;
  /** From the lane's top, 0 to 1. */
  position: number;
}

/** Decades first (they anchor the eye), then the 2s and 5s where there is room. */
const LOG_TICKS = [100, 1000, 10000, 50, 200, 500, 2000, 5000, 20000];

function label(hz: Hertz): string {
  return hz >= 1000 ? `${hz / 1000}k` : String(hz);
}

/** Ticks at least `minPixels` apart on a lane of `height` pixels, top to bottom. */
export function frequencyTicks(
  scale: FrequencyScale,
  maxHz: Hertz,
  height: number,
  minPixels = 14,
): FrequencyTick[] {
  const axis = { scale, height, maxHz };
  const candidates =
    scale === 'linear'
      ? Array.from({ length: Math.floor(maxHz / 2000) }, (_, i) => (i + 1) * 2000)
      : LOG_TICKS;
  const ticks: FrequencyTick[] = [];
  const rows: number[] = [];
  for (const hz of candidates) {
    if (hz >= maxHz) continue;
    const row = rowOfFrequency(hz, axis);
    if (row < 0 || row > height || rows.some((r) => Math.abs(r - row) < minPixels)) continue;
    ticks.push({ hz, label: label(hz), position: (row + 0.5) / height });
    rows.push(row);
  }
  return ticks.sort((a, b) => a.position - b.position);
}

/** How many rows from the top lie above a clip's Nyquist frequency (drawn blank). */
export function rowsAboveNyquist(
  scale: FrequencyScale,
  maxHz: Hertz,
  height: number,
  sampleRate: Hertz,
): number {
  const nyquist = sampleRate / 2;
  if (nyquist >= maxHz) return 0;
  return Math.max(
    0,
    Math.min(height, Math.floor(rowOfFrequency(nyquist, { scale, height, maxHz }) + 0.5)),
  );
}
