import type { UserFacingError } from '../../shared/user-error';
import type { SerializedError } from './protocol';

/** A job stopped because the user cancelled it. */
export class JobCancelledError extends Error implements UserFacingError {
  readonly userFacing = true as const;
  constructor(readonly kind: string) {
    super(`The ${kind} job was cancelled.`);
    this.name = 'JobCancelledError';
  }
}

/** A job that threw, or whose worker died. `userFacing` follows the original error. */
export class JobFailedError extends Error {
  readonly userFacing: boolean;
  readonly code: string | undefined;
  readonly workerStack: string | undefined;
  constructor(
    readonly kind: string,
    cause: SerializedError,
  ) {
    super(cause.message);
    this.name = cause.name;
    this.userFacing = cause.userFacing;
    this.code = cause.code;
    this.workerStack = cause.stack;
  }
}
