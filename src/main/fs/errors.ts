// Errors a user can cause when saving a file: a missing or read-only folder, a full disk, or
// asking to overwrite a file that must stay untouched. One sentence naming the file and the fix.
import type { UserFacingError } from '../../shared/user-error';

export type FileWriteErrorCode =
  | 'FOLDER_NOT_FOUND'
  | 'IS_A_FOLDER'
  | 'PERMISSION_DENIED'
  | 'READ_ONLY'
  | 'DISK_FULL'
  | 'PROTECTED'
  | 'EXISTS'
  | 'WRITE_FAILED';

export class FileWriteError extends Error implements UserFacingError {
  readonly userFacing = true as const;
  constructor(
    readonly code: FileWriteErrorCode,
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FileWriteError';
  }
}

/** An error from a system call (it has an errno code), as opposed to one of ours. */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}
