// Errors a caller (and through it, a user) can cause in the spectral core. Each carries the
// offending parameter and value so the UI can point at the control that produced it.
import type { UserFacingError } from '../../shared/user-error';

export { DspParameterError } from '../../shared/dsp-parameter-error';

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
