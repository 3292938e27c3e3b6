// Errors a user can cause (a bad file, a bad parameter) are marked so that every front end (CLI,
// IPC) shows their message as it is, without a stack trace. Each room keeps its own error class
// and sets `userFacing`; this module only knows the mark.

export interface UserFacingError extends Error {
  readonly userFacing: true;
}

export function isUserFacingError(error: unknown): error is UserFacingError {
  return error instanceof Error && (error as Partial<UserFacingError>).userFacing === true;
}

/** A bad command-line or IPC parameter. */
export class ParameterError extends Error implements UserFacingError {
  readonly userFacing = true as const;
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
    this.name = 'ParameterError';
  }
}
