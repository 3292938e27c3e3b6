// Maps an error to what the user sees: one sentence and an exit code. Errors the user can cause
// carry `userFacing = true` (see src/shared/user-error.ts); anything else is our bug.
import { isUserFacingError, ParameterError } from '../../shared/user-error';

export interface Failure {
  message: string;
  exitCode: number;
  internal: boolean;
}

export function describeFailure(error: unknown): Failure {
  if (error instanceof ParameterError)
    return { message: error.message, exitCode: 2, internal: false };
  if (isUserFacingError(error)) return { message: error.message, exitCode: 1, internal: false };
  const message = error instanceof Error ? error.message : String(error);
  return {
    message: `internal error: ${message} (please report this, with the command you ran)`,
    exitCode: 70,
    internal: true,
  };
}
