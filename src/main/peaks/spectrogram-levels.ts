// Lane spectrograms as 8-bit levels (dB below the loudest cell): a quarter of the bytes of float
// magnitudes, and the page colours them with one table lookup per cell. Long clips are analysed
// in segments and pooled (max) to at most MAX_FRAMES frames, so memory stays bounded.
import { LANE_LEVEL_RANGE_DB, type SpectrogramLevels } from '../../shared/ipc-lanes';
import type { Hertz, Samples } from '../../shared/units';
import { mixdown, type PcmAudio } from '../audio';
import { fullScaleMagnitude, magnitude, stft } from '../dsp';

/** Frames kept for one lane: enough for a 4k-wide lane at full detail over the whole clip. */
export const MAX_FRAMES = 16384;
/** Frames analysed at once (bounds the complex spectrogram held in memory). */
const SEGMENT_FRAMES = 2048;

/** Windows of 32 to 64 ms (2048 at 44.1 kHz, 1024 at 22.05 kHz, 512 at 16 kHz), a power of two. */
export function laneFftSize(sampleRate: Hertz): Samples {
  const wanted = 0.046 * sampleRate;
  let nFft = 256;
  while (nFft * 1.5 < wanted && nFft < 4096) nFft *= 2;
  return nFft;
}

export function spectrogramLevels(audio: PcmAudio): SpectrogramLevels {
  const mono = audio.channels.length === 1 ? audio.channels[0]! : mixdown(audio);
  const nFft = laneFftSize(audio.sampleRate);
  const hop = nFft / 4;
  const bins = nFft / 2 + 1;
  const totalFrames = 1 + Math.floor(mono.length / hop);
  const pool = Math.ceil(totalFrames / MAX_FRAMES);
  const frames = Math.ceil(totalFrames / pool);
  // Pooled magnitudes first (max over `pool` frames), then levels once the peak is known.
  const pooled = new Float32Array(frames * bins);
  const segmentSamples = SEGMENT_FRAMES * pool * hop;
  for (let start = 0; start < mono.length || start === 0; start += segmentSamples) {
    const end = Math.min(mono.length, start + segmentSamples);
    const segment = mono.subarray(start, Math.max(end, start + 1));
    const padded = segment.length >= 2 ? segment : new Float32Array(2);
    const mag = magnitude(stft(padded, { nFft, hop }));
    // Centred frames include one at the segment's end, which is the next segment's first.
    const last = end < mono.length ? mag.length / bins - 1 : mag.length / bins;
    const firstFrame = start / hop;
    for (let f = 0; f < last; f++) {
      const row = Math.floor((firstFrame + f) / pool);
      if (row >= frames) break;
      const to = row * bins;
      const from = f * bins;
      for (let k = 0; k < bins; k++) {
        const v = mag[from + k]!;
        if (v > pooled[to + k]!) pooled[to + k] = v;
      }
    }
    if (end >= mono.length) break;
  }
  return levelsOf(pooled, {
    frames,
    bins,
    sampleRate: audio.sampleRate,
    hop: hop * pool,
    nFft,
  });
}

function levelsOf(
  mag: Float32Array,
  shape: { frames: number; bins: number; sampleRate: Hertz; hop: Samples; nFft: Samples },
): SpectrogramLevels {
  let peak = 0;
  for (let i = 0; i < mag.length; i++) if (mag[i]! > peak) peak = mag[i]!;
  const reference = fullScaleMagnitude(shape.nFft);
  const levels = new Uint8Array(mag.length);
  const rangeDb = LANE_LEVEL_RANGE_DB;
  if (peak === 0) return { ...shape, levels, topDb: -rangeDb, rangeDb };
  const topDb = 20 * Math.log10(peak / reference);
  // level = 255 (1 + (dB - top) / range) = a ln(v) + b
  const a = (255 * 20) / (Math.LN10 * rangeDb);
  const b = 255 - a * Math.log(peak);
  for (let i = 0; i < mag.length; i++) {
    const v = mag[i]!;
    if (v <= 0) continue;
    const level = a * Math.log(v) + b;
    levels[i] = level <= 0 ? 0 : level >= 255 ? 255 : Math.round(level);
  }
  return { ...shape, levels, topDb, rangeDb };
}
