// The curves of an optimisation (seed 001's figures 2 and 3): after every iteration, how well the
// current iterate keeps the content window's dynamics. QUALITY.md's envelope (the per-frame sum of
// the log spectrogram) and correlation, taken in the method's own analysis of the window.
import { contentCorrelation, envelope } from '../evaluation/quality-metrics';
import { isUserFacingError } from '../../shared/user-error';
import type { LogSpectrogram } from '../engine/spectrogram';

/**
 * Pearson correlation of the content window's envelope and the iterate's (its first
 * `content.frames` frames); null where it is undefined (fewer than two frames, a constant level).
 */
export function iterateCorrelation(content: LogSpectrogram, iterate: Float32Array): number | null {
  const frames = content.frames;
  const bins = content.bins;
  try {
    return contentCorrelation(
      envelope({ frames, bins, data: content.data }),
      envelope({ frames, bins, data: iterate.subarray(0, frames * bins) }),
    );
  } catch (error) {
    if (isUserFacingError(error)) return null;
    throw error;
  }
}
