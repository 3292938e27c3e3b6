// Errors a user can cause when training: a data folder that cannot make a classifier, options
// that do not fit a checkpoint, a cancel. One sentence each, naming the folder or the value.
import type { UserFacingError } from '../../shared/user-error';

export type TrainingDataErrorCode =
  | 'NOT_FOUND'
  | 'NO_CLASSES'
  | 'ONE_CLASS'
  | 'EMPTY_CLASS'
  | 'NO_READABLE_CLIPS'
  | 'BAD_NSYNTH'
  | 'UNKNOWN_CLASS'
  | 'NO_USABLE_CLIPS'
  | 'SILENT_STYLE'
  | 'NOT_TWO_CLASSES'
  | 'CLIPS_TOO_SHORT';

/** The training data cannot make a classifier (missing folder, one class, an empty class ...). */
export class TrainingDataError extends Error implements UserFacingError {
  override readonly name = 'TrainingDataError';
  readonly userFacing = true as const;
  constructor(
    readonly code: TrainingDataErrorCode,
    /** The folder or file the problem is in. */
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** A resume whose checkpoint was made with other data or other settings. */
export class CheckpointMismatchError extends Error implements UserFacingError {
  override readonly name = 'CheckpointMismatchError';
  readonly userFacing = true as const;
}

/** Training stopped on cancel; the last completed epoch is kept and can be resumed. */
export class TrainingCancelled extends Error implements UserFacingError {
  override readonly name = 'TrainingCancelled';
  readonly userFacing = true as const;
  constructor(
    readonly model: string,
    /** Epochs completed and saved in the checkpoint. */
    readonly epochsDone: number,
    readonly epochsPlanned: number,
  ) {
    super(
      `Training of ${model} was cancelled after ${epochsDone} of ${epochsPlanned} epochs; ` +
        (epochsDone > 0 ? 'run it again with --resume to continue.' : 'no epoch was completed.'),
    );
  }
}

/** A loss became NaN or infinite: training stopped; the checkpoint keeps the last good epoch. */
export class TrainingDivergedError extends Error implements UserFacingError {
  override readonly name = 'TrainingDivergedError';
  readonly userFacing = true as const;
  constructor(
    readonly model: string,
    /** Epochs completed before the bad step, kept in the checkpoint. */
    readonly epochsDone: number,
    message: string,
  ) {
    super(message);
  }
}
