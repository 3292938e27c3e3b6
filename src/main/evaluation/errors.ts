// Errors a user can cause when measuring a transfer: a clip the metrics cannot be taken of
// (silent, shorter than one frame, not finite) or a pair they are undefined for (a content equal
// to the style), or a batch in which some clips could not be measured. One sentence each, naming
// the clip.
import type { UserFacingError } from '../../shared/user-error';

export type EvaluationErrorCode =
  | 'NOT_FINITE'
  | 'SILENT'
  | 'TOO_SHORT'
  | 'CONSTANT_ENVELOPE'
  | 'CONTENT_IS_STYLE'
  | 'SHAPE_MISMATCH'
  | 'UNDEFINED'
  | 'INCOMPLETE'
  | 'TOO_FEW_FILES'
  | 'CLASS_MISMATCH'
  | 'NO_HISTORY';

/** A metric cannot be taken of these inputs; the message says which input and why. */
export class EvaluationError extends Error implements UserFacingError {
  override readonly name = 'EvaluationError';
  readonly userFacing = true as const;
  constructor(
    readonly code: EvaluationErrorCode,
    message: string,
  ) {
    super(message);
  }
}
