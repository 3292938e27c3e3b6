// What a WAV file's header says about its samples, as the reader reports it.
import type { Hertz, Samples } from '../../shared/units';

export type WavCodec = 'pcm' | 'float';

/** The sample formats the writer produces. */
export type WavSampleFormat = 'pcm16' | 'pcm24' | 'float32';

export interface WavFormat {
  codec: WavCodec;
  /** Significant bits per sample: 1-32 for PCM (the "valid bits"), 32 or 64 for float. */
  bitDepth: number;
  /** Bits each sample occupies in the file (8, 16, 24, 32 or 64); may exceed bitDepth. */
  containerBits: 8 | 16 | 24 | 32 | 64;
  channels: number;
  sampleRate: Hertz;
  frames: Samples;
  /** The fmt chunk is WAVE_FORMAT_EXTENSIBLE. */
  extensible: boolean;
  /** Speaker positions of the channels (WAVE_FORMAT_EXTENSIBLE only). */
  channelMask?: number;
  /** 'RF64' (or BW64) for files that carry 64-bit sizes. */
  container: 'RIFF' | 'RF64';
}
