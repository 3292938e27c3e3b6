// What a user sees and hears of an optimisation in progress: the current iterate of one window,
// downsampled for the lane, and a quick phase reconstruction to listen to.
import type { TransferPreview } from '../../shared/transfer';
import { inverseLogMagnitude, reconstructPhase } from '../dsp';
import type { AnalysisSettings } from '../methods/method';
import { followContentDynamics } from './follow-dynamics';

/** Bins sent for display: a lane is a few hundred pixels tall. */
const previewBins = 256;
/** A rough rendering is enough to hear where the iterate is going, and costs ~0.1 s per 10 s. */
const previewPhaseIterations = 8;

/** Max-pools frames x bins down to at most `target` bins per frame (peaks stay visible). */
export function poolBins(
  data: Float32Array,
  frames: number,
  bins: number,
  target: number,
): { bins: number; data: Float32Array } {
  if (bins <= target) return { bins, data: data.slice() };
  const pooled = new Float32Array(frames * target);
  for (let t = 0; t < frames; t++) {
    for (let b = 0; b < target; b++) {
      const from = Math.floor((b * bins) / target);
      const to = Math.floor(((b + 1) * bins) / target);
      let peak = -Infinity;
      for (let k = from; k < to; k++) peak = Math.max(peak, data[t * bins + k]!);
      pooled[t * target + b] = peak;
    }
  }
  return { bins: target, data: pooled };
}

/** A preview of the current iterate of one window (frames x bins, at the method's analysis). */
export async function makePreview(
  current: Float32Array,
  bins: number,
  stream: number,
  startFrame: number,
  analysis: AnalysisSettings,
  seed: number,
  /** The stream's content (at the analysis rate) and how closely the result follows its
   *  dynamics: the preview plays as the finished result will (follow-dynamics.ts). */
  follow?: { content: Float32Array; strength: number },
): Promise<TransferPreview> {
  const frames = current.length / bins;
  const pooled = poolBins(current, frames, bins, previewBins);
  const { audio } = await reconstructPhase(
    inverseLogMagnitude(current),
    {
      frames,
      bins,
      nFft: analysis.nFft,
      hop: analysis.hop,
      ...(analysis.winLength !== undefined && { winLength: analysis.winLength }),
    },
    {
      length: (frames - 1) * analysis.hop,
      iterations: previewPhaseIterations,
      method: 'fgla',
      initialPhase: 'random',
      seed: seed + 3,
    },
  );
  const from = startFrame * analysis.hop;
  const heard = follow
    ? followContentDynamics(
        audio,
        follow.content.subarray(from, from + audio.length),
        follow.strength,
        analysis.sampleRate,
      )
    : audio;
  return {
    stream,
    startFrame,
    frames,
    bins: pooled.bins,
    logMagnitude: pooled.data,
    sampleRate: analysis.sampleRate,
    hop: analysis.hop,
    audio: heard,
  };
}
