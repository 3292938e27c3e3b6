// Errors a user can cause with the model cache: a name that is not a model, a damaged model, a
// name already taken, a model that does not fit what it is asked to do. One sentence each.
import type { UserFacingError } from '../../shared/user-error';

abstract class ModelError extends Error implements UserFacingError {
  readonly userFacing = true as const;
  constructor(
    /** The model's name (or the file, for a bundle). */
    readonly model: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** No model of that name in the cache or among the shipped ones. */
export class ModelNotFoundError extends ModelError {
  override readonly name = 'ModelNotFoundError';
}

/** The model's files are missing, unreadable, or do not match their recorded hash. */
export class ModelDamagedError extends ModelError {
  override readonly name = 'ModelDamagedError';
}

/** Writing would replace a model the user did not ask to replace. */
export class ModelExistsError extends ModelError {
  override readonly name = 'ModelExistsError';
}

/** A model name that cannot be a folder name on every system. */
export class ModelNameError extends ModelError {
  override readonly name = 'ModelNameError';
}

/** The model cannot do what it is asked: wrong kind, classes, layers or spectrogram settings. */
export class ModelMismatchError extends ModelError {
  override readonly name = 'ModelMismatchError';
}

/** A shipped model is read-only. */
export class ModelReadOnlyError extends ModelError {
  override readonly name = 'ModelReadOnlyError';
}
