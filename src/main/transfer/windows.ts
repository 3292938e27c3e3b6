// Long content is optimised in overlapping windows of frames, so the engine's memory is bounded by
// the window, not the file. Windows are joined in the log-magnitude domain with linear crossfades
// over the overlaps, before phase reconstruction runs over the whole stream: the joined spectrogram
// is continuous, so the rebuilt audio has no seam to click at.
import type { Frames } from '../../shared/units';

export interface FrameWindow {
  start: Frames;
  end: Frames;
}

/** Windows of at most `length` frames covering [0, total), neighbours sharing at least `overlap` frames. */
export function planWindows(total: Frames, length: Frames, overlap: Frames): FrameWindow[] {
  if (total <= length) return [{ start: 0, end: total }];
  const step = Math.max(1, length - overlap);
  const windows: FrameWindow[] = [];
  for (let start = 0; start + length < total; start += step)
    windows.push({ start, end: start + length });
  // The last window ends at the end; it starts earlier than a step would put it, so it is never
  // shorter than the others (a short window could be narrower than the kernel).
  windows.push({ start: total - length, end: total });
  return windows;
}

/** A trapezoid: ramps up over `ramp` frames after the start and down before the end (where there is a neighbour). */
export function windowWeight(
  frame: Frames,
  window: FrameWindow,
  ramp: Frames,
  rampIn: boolean,
  rampOut: boolean,
): number {
  let weight = 1;
  if (rampIn) weight = Math.min(weight, (frame - window.start + 0.5) / ramp);
  if (rampOut) weight = Math.min(weight, (window.end - frame - 0.5) / ramp);
  return weight;
}

/** Joins windowed results: weighted sums normalised by the summed weights (a partition of unity by construction). */
export class WindowJoiner {
  readonly joined: Float32Array;
  private readonly weightSum: Float32Array;

  constructor(
    readonly frames: Frames,
    readonly bins: number,
    private readonly ramp: Frames,
  ) {
    this.joined = new Float32Array(frames * bins);
    this.weightSum = new Float32Array(frames);
  }

  add(windows: readonly FrameWindow[], index: number, result: Float32Array): void {
    const window = windows[index]!;
    const rampIn = index > 0;
    const rampOut = index < windows.length - 1;
    const { bins, joined } = this;
    for (let frame = window.start; frame < window.end; frame++) {
      const weight = windowWeight(frame, window, this.ramp, rampIn, rampOut);
      this.weightSum[frame]! += weight;
      const from = (frame - window.start) * bins;
      const to = frame * bins;
      for (let k = 0; k < bins; k++) joined[to + k]! += weight * result[from + k]!;
    }
  }

  finish(): Float32Array {
    const { bins, joined } = this;
    for (let frame = 0; frame < this.frames; frame++) {
      const scale = 1 / this.weightSum[frame]!;
      for (let k = 0; k < bins; k++) joined[frame * bins + k]! *= scale;
    }
    return joined;
  }
}
