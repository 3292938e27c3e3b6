// Stem export: chosen tracks as WAV files aligned to the session start.
import type { Hertz } from './units';

export type StemSampleFormat = 'pcm16' | 'pcm24' | 'float32';
export const STEM_SAMPLE_RATES = [44100, 48000, 96000] as const;
export type StemSampleRate = (typeof STEM_SAMPLE_RATES)[number];

export interface ExportStemsRequest {
  trackIds: string[];
  sampleFormat: StemSampleFormat;
  sampleRate: StemSampleRate;
  /** Pad every stem with silence to the end of the longest one. */
  padToCommonLength: boolean;
  /** File name pattern: {n} (01, 02 ...), {track}, {role}, {project}; ".wav" is added. */
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
