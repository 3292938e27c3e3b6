// Errors a caller (and through it, a user) can cause in the transfer engine. Each names the
// offending parameter and value so the UI can point at the control that produced it.
import type { UserFacingError } from '../../shared/user-error';

/** A transfer parameter or input the engine cannot work with (range, shape, NaN). */
export class EngineParameterError extends Error implements UserFacingError {
  override readonly name = 'EngineParameterError';
  readonly userFacing = true as const;

  constructor(
    /** The parameter's name as the caller spells it, e.g. `filters` or `styles[1].weight`. */
    readonly parameter: string,
    /** The value that was rejected. */
    readonly value: unknown,
    message: string,
  ) {
    super(message);
  }
}

/** The requested compute backend is not installed or failed to start. */
export class EngineBackendError extends Error implements UserFacingError {
  override readonly name = 'EngineBackendError';
  readonly userFacing = true as const;

  constructor(
    /** The backend that was asked for. */
    readonly backend: string,
    message: string,
  ) {
    super(message);
  }
}

/** The optimisation stopped because its AbortSignal fired. */
export class TransferCancelled extends Error implements UserFacingError {
  override readonly name = 'TransferCancelled';
  readonly userFacing = true as const;

  constructor(
    /** Iterations finished before the cancel was seen. */
    readonly iterationsDone: number,
    /** Iterations that were asked for. */
    readonly iterationsPlanned: number,
  ) {
    super(`The transfer was cancelled after ${iterationsDone} of ${iterationsPlanned} iterations.`);
  }
}
