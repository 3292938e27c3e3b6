// What the page needs to draw a track's lanes: waveform peaks (peaks.js's binary format) and a
// spectrogram quantised to 8-bit levels, coloured in the page so zoom, dB range, axis and colour
// map change without a round trip to the main process.
import type { Decibels, Frames, Hertz, Samples, Seconds } from './units';

/**
 * The time base of every lane's peaks and of the editor's zoom: "samples" per second in which
 * zoom levels (samples per pixel) are whole numbers, the same for clips of any rate.
 */
export const PEAKS_TIMEBASE = 48000;

export interface WaveformPeaks {
  /** Always PEAKS_TIMEBASE. */
  sampleRate: Hertz;
  samplesPerPixel: Samples;
  /** waveform-data binary format version 2, one channel (min and max over all channels), 8-bit. */
  data: Uint8Array;
}

/**
 * A spectrogram as 8-bit levels: level 255 is `topDb` (the loudest cell), level 0 is `rangeDb`
 * below it or quieter. Frames x bins, row-major; frame f is centred on sample f * hop.
 */
export interface SpectrogramLevels {
  frames: Frames;
  bins: number;
  sampleRate: Hertz;
  hop: Samples;
  nFft: Samples;
  levels: Uint8Array;
  /** Level of the loudest cell, dB re a full-scale sine. */
  topDb: Decibels;
  /** dB spanned by levels 0 to 255. */
  rangeDb: Decibels;
}

export interface LaneData {
  trackId: string;
  clipId: string;
  duration: Seconds;
  peaks: WaveformPeaks;
  spectrogram: SpectrogramLevels;
}

/** How spectrogram lanes are drawn (one setting for every lane, so they compare). */
export interface SpectrogramView {
  scale: 'linear' | 'log' | 'mel';
  dbRange: Decibels;
  colormap: 'viridis' | 'magma' | 'inferno' | 'plasma' | 'grey';
}

/** Quantisation of lane spectrograms: dB below the loudest cell that level 0 stands for. */
export const LANE_LEVEL_RANGE_DB = 120;
