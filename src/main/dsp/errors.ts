// Errors a caller (and through it, a user) can cause in the spectral core. Each carries the
// offending parameter and value so the UI can point at the control that produced it.
import type { UserFacingError } from '../../shared/user-error';

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

/** Phase reconstruction stopped because its AbortSignal fired. */
export class PhaseReconstructionCancelled extends Error implements UserFacingError {
  override readonly name = 'PhaseReconstructionCancelled';
  readonly userFacing = true as const;

  constructor(
    /** Iterations finished before the cancel was seen. */
    readonly iterationsDone: number,
    /** Iterations that were asked for. */
    readonly iterationsPlanned: number,
  ) {
    super(
      `Phase reconstruction was cancelled after ${iterationsDone} of ${iterationsPlanned} iterations.`,
    );
  }
}
