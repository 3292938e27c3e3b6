// Stem export: chosen tracks as WAV, FLAC or MP3 files aligned to the session start (or to the
// start of the exported selection).
import type { Hertz, Seconds } from './units';

export const STEM_FILE_FORMATS = ['wav', 'flac', 'mp3'] as const;
export type StemFileFormat = (typeof STEM_FILE_FORMATS)[number];
/** WAV's sample formats; FLAC takes the two PCM ones. */
export type StemSampleFormat = 'pcm16' | 'pcm24' | 'float32';
/** The rates offered besides the project's own. */
export const STEM_SAMPLE_RATES = [44100, 48000, 96000] as const;
/** Any whole rate in this range can be asked for (the project's rate may be 16 kHz). */
export const STEM_RATE_RANGE = { min: 8000, max: 192000 } as const;
export const MP3_BITRATES = [128, 192, 256, 320] as const;
export type Mp3Bitrate = (typeof MP3_BITRATES)[number];

export interface ExportStemsRequest {
  trackIds: string[];
  /** File format (default WAV). */
  fileFormat?: StemFileFormat;
  /** WAV's sample format; FLAC uses its bit depth (32-bit float is WAV only). */
  sampleFormat: StemSampleFormat;
  sampleRate: Hertz;
  /** MP3 only: constant bit rate in kbit/s (default 320). */
  mp3Bitrate?: Mp3Bitrate;
  /** Export only this stretch of the session (sample 0 is its start); omitted: everything. */
  range?: { start: Seconds; end: Seconds };
  /** Pad every stem with silence to the end of the longest one. */
  padToCommonLength: boolean;
  /** File name pattern: {n} (01, 02 ...), {track}, {role}, {project}; the format's extension is added. */
  namingPattern: string;
  /** Folder to write into; omitted: ask the user. */
  folder?: string;
  /**
   * The user confirmed replacing stems already in the folder. Without it an export that would
   * replace any existing file writes nothing and says which files are in the way. The project's
   * clips and the files the user imported are never replaced, confirmed or not.
   */
  replace?: boolean;
}

export interface ExportedStem {
  trackId: string;
  file: string;
  sampleRate: Hertz;
  frames: number;
  channels: number;
}

export interface ExportStemsResult {
  folder: string;
  stems: ExportedStem[];
}

export const DEFAULT_NAMING_PATTERN = '{n} {track}';
