// Waveform peaks for the lanes, in peaks.js's own binary format (waveform-data version 2), so
// the page hands the bytes to peaks.js as they are. One channel: min and max over every channel
// of the clip at each pixel, 8-bit (the only depth peaks.js draws). Computed here rather than by waveform-data in the page,
// which would need the whole decoded clip in the page and a blob: worker the CSP forbids.
//
// Every clip's peaks are written on one time base (PEAKS_TIMEBASE "samples" per second, whatever
// the clip's real rate): peaks.js zooms in whole samples per pixel, so lanes of 16 kHz and
// 44.1 kHz clips only line up pixel for pixel if they count in the same samples.
import { PEAKS_TIMEBASE, type WaveformPeaks } from '../../shared/ipc-lanes';
import type { PcmAudio } from '../audio';

const HEADER_BYTES = 24;
const FULL_SCALE = 127;

/** Deepest zoom: one pixel per millisecond. */
export const PEAKS_PIXELS_PER_SECOND = 1000;

export function waveformPeaks(
  audio: PcmAudio,
  pixelsPerSecond: number = PEAKS_PIXELS_PER_SECOND,
): WaveformPeaks {
  const samplesPerPixel = PEAKS_TIMEBASE / pixelsPerSecond;
  if (!Number.isInteger(samplesPerPixel) || samplesPerPixel < 1)
    throw new RangeError(`pixelsPerSecond must divide ${PEAKS_TIMEBASE}, got ${pixelsPerSecond}.`);
  const frames = audio.channels[0]?.length ?? 0;
  const clipSamplesPerPixel = audio.sampleRate / pixelsPerSecond;
  const pixels = Math.ceil(frames / clipSamplesPerPixel);
  const data = new Uint8Array(HEADER_BYTES + pixels * 2);
  const view = new DataView(data.buffer);
  view.setInt32(0, 2, true); // version
  view.setUint32(4, 1, true); // flags: 8-bit
  view.setInt32(8, PEAKS_TIMEBASE, true);
  view.setInt32(12, samplesPerPixel, true);
  view.setUint32(16, pixels, true);
  view.setInt32(20, 1, true); // channels
  for (let p = 0; p < pixels; p++) {
    const from = Math.floor(p * clipSamplesPerPixel);
    const to = Math.min(frames, Math.max(from + 1, Math.floor((p + 1) * clipSamplesPerPixel)));
    let min = Infinity;
    let max = -Infinity;
    for (const channel of audio.channels) {
      for (let i = from; i < to; i++) {
        const v = channel[i]!;
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
    view.setInt8(HEADER_BYTES + p * 2, toInt8(min));
    view.setInt8(HEADER_BYTES + p * 2 + 1, toInt8(max));
  }
  return { sampleRate: PEAKS_TIMEBASE, samplesPerPixel, data };
}

function toInt8(value: number): number {
  return Math.max(-FULL_SCALE - 1, Math.min(FULL_SCALE, Math.round(value * FULL_SCALE)));
}
