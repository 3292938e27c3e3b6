// Errors a user can cause with a project: a folder that is not a project, a damaged project.json,
// an edit naming a track that is gone.
import type { UserFacingError } from '../../shared/user-error';

export type ProjectErrorCode =
  | 'NOT_A_PROJECT'
  | 'DAMAGED'
  | 'NEWER_VERSION'
  | 'FOLDER_IN_USE'
  | 'NO_SUCH_TRACK'
  | 'UNUSABLE_FILE'
  | 'NOTHING_TO_DO';

export class ProjectError extends Error implements UserFacingError {
  readonly userFacing = true as const;
  constructor(
    readonly code: ProjectErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ProjectError';
  }
}
