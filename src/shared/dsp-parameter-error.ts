// The spectral core's parameter error; here so that the pure helpers the page shares with the
// core (frequency axes, colour tables) throw the same class.
import type { UserFacingError } from './user-error';

/** A DSP function was given a parameter it cannot work with (size, range or shape mismatch). */
export class DspParameterError extends Error implements UserFacingError {
  override readonly name = 'DspParameterError';
  readonly userFacing = true as const;

  constructor(
    /** The parameter's name as the caller spells it, e.g. `hop` or `opts.length`. */
    readonly parameter: string,
    /** The value that was rejected. */
    readonly value: unknown,
    message: string,
  ) {
    super(message);
  }
}
