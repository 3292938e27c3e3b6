// Every window of every stream through a method's optimiser, with what the user sees meanwhile:
// one iteration count over the whole job, the time left, and previews of the current iterate. The
// windows' results are joined per stream (windows.ts). Methods differ only in how one window is
// optimised, which they bring as a StreamOptimiser (methods/method.ts).
import type { IterationRecord, TransferPreview } from '../../shared/transfer';
import type { LogSpectrogram } from '../engine/spectrogram';
import type { StreamOptimiser } from '../methods/method';
import { iterateCorrelation } from './iteration-history';
import { WindowJoiner, type FrameWindow } from './windows';

export interface OptimisationProgress<Losses> {
  phase: 'optimisation';
  /** Iterations done and planned over every stream and window. */
  iteration: number;
  iterations: number;
  losses: Losses;
  remainingSeconds: number;
  preview?: TransferPreview;
}

export interface WindowLoop<Losses> {
  /** Each stream's log-magnitude spectrogram, frames x bins, all of the same size. */
  streams: readonly LogSpectrogram[];
  windows: readonly FrameWindow[];
  overlapFrames: number;
  iterationsPerWindow: number;
  /** A preview at iteration 1 and every N iterations of each window (0 or undefined: none). */
  previewEvery: number | undefined;
  /** When the optimisation phase started (performance.now()), for the time left. */
  startedAt: number;
  /** The losses reported before any iteration has run. */
  noLosses: Losses;
  optimiserFor(stream: number): Promise<StreamOptimiser<Losses>>;
  /** A preview of a window's current iterate (frames x bins), made only when one is due. */
  preview(current: Float32Array, stream: number, startFrame: number): Promise<TransferPreview>;
  /** A promise it returns (the event is on its way) is awaited before the next iteration. */
  progress(event: OptimisationProgress<Losses>, transfer?: ArrayBuffer[]): unknown;
}

export interface WindowLoopResult<Losses> {
  /** Each stream's joined spectrogram, frames x bins. */
  joined: Float32Array[];
  iterations: number;
  /** The last iteration's losses (or the last window's result when it ran no iterations). */
  finalLosses: Losses;
  /** Every iteration, in the order run. */
  history: IterationHistory<Losses>;
}

/** IterationRecord over a method's own losses. */
export type IterationHistory<Losses> = (Omit<IterationRecord, 'losses'> & { losses: Losses })[];

export async function optimiseWindows<Losses>(
  loop: WindowLoop<Losses>,
): Promise<WindowLoopResult<Losses>> {
  const { streams, windows, overlapFrames, previewEvery } = loop;
  const planned = streams.length * windows.length * loop.iterationsPerWindow;
  let done = 0;
  let finalLosses = loop.noLosses;
  const joined: Float32Array[] = [];
  const history: IterationHistory<Losses> = [];
  for (const [s, stream] of streams.entries()) {
    const { frames, bins } = stream;
    const joiner = new WindowJoiner(frames, bins, overlapFrames);
    const optimiser = await loop.optimiserFor(s);
    try {
      for (const [w, window] of windows.entries()) {
        const length = window.end - window.start;
        const content = {
          frames: length,
          bins,
          data: stream.data.subarray(window.start * bins, window.end * bins),
        };
        let iterated = false;
        const result = await optimiser.optimise(content, window.start, async (step) => {
          done++;
          iterated = true;
          finalLosses = step.losses;
          history.push({
            iteration: done,
            stream: s,
            window: w,
            losses: step.losses,
            contentCorrelation: iterateCorrelation(content, step.current()),
          });
          const perIteration = (performance.now() - loop.startedAt) / 1000 / done;
          const due = previewEvery
            ? step.iteration === 1 || step.iteration % previewEvery === 0
            : false;
          const preview = due ? await loop.preview(step.current(), s, window.start) : undefined;
          await loop.progress(
            {
              phase: 'optimisation',
              iteration: done,
              iterations: planned,
              losses: step.losses,
              remainingSeconds: perIteration * (planned - done),
              ...(preview && { preview }),
            },
            preview
              ? [preview.logMagnitude.buffer as ArrayBuffer, preview.audio.buffer as ArrayBuffer]
              : undefined,
          );
        });
        if (!iterated) finalLosses = result.finalLosses;
        joiner.add(windows, w, result.data.subarray(0, length * bins));
      }
    } finally {
      optimiser.dispose();
    }
    joined.push(joiner.finish());
  }
  return { joined, iterations: done, finalLosses, history };
}
