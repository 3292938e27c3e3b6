// Errors about audio files and audio data. A file error carries a code the app can branch on, the
// path, and one sentence naming the file and the problem, shown to the user as is.
import type { UserFacingError } from '../../shared/user-error';

export type AudioFileErrorCode =
  | 'NOT_FOUND'
  | 'NOT_A_FILE'
  | 'PERMISSION_DENIED'
  | 'READ_FAILED'
  | 'TRUNCATED'
  | 'NOT_WAV'
  | 'UNSUPPORTED_CODEC'
  | 'UNSUPPORTED_LAYOUT'
  | 'EMPTY'
  | 'NON_FINITE'
  | 'CORRUPT'
  | 'TOO_LARGE';

/** A file the user brought cannot be read as audio. */
export class AudioFileError extends Error implements UserFacingError {
  readonly userFacing = true as const;
  constructor(
    readonly code: AudioFileErrorCode,
    /** The path (or name) given to the reader; empty when decoding bytes without a name. */
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AudioFileError';
  }
}

/**
 * Audio handed to an audio function is malformed (channels of different lengths, NaN samples, a
 * sample rate of zero). Files never produce it, so it marks a bug upstream, not a user mistake.
 */
export class InvalidAudioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAudioError';
  }
}
