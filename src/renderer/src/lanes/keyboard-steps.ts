// Where the arrow keys move the playhead (one minor tick of the ruler, on the tick grid) and how
// shift+arrows grow or shrink the selection from the edge the playhead is on.
import type { Seconds } from '../../../shared/units';
import { tickStep } from './time-ticks';

/** The ruler's minor tick at this zoom: five to a labelled step. */
export function arrowStep(secondsPerPixel: Seconds): Seconds {
  return tickStep(secondsPerPixel) / 5;
}

/** One step from `time` toward `direction`, snapped to the step grid, kept in [0, end]. */
export function steppedTime(
  time: Seconds,
  direction: 1 | -1,
  step: Seconds,
  end: Seconds,
): Seconds {
  const index = time / step;
  const next =
    direction > 0 ? Math.floor(index + 1e-6) * step + step : Math.ceil(index - 1e-6) * step - step;
  return Math.max(0, Math.min(end, Number(next.toFixed(9))));
}

export interface Range {
  start: Seconds;
  end: Seconds;
}

/**
 * The selection after the playhead moved from `from` to `to` with shift held: the edge at `from`
 * follows it (a new selection starts at `from`); null when it shrinks to nothing.
 */
export function extendedSelection(
  selection: Range | null,
  from: Seconds,
  to: Seconds,
): Range | null {
  const near = (a: Seconds, b: Seconds): boolean => Math.abs(a - b) < 1e-6;
  let anchor = from;
  if (selection && near(from, selection.end)) anchor = selection.start;
  else if (selection && near(from, selection.start)) anchor = selection.end;
  const start = Math.min(anchor, to);
  const end = Math.max(anchor, to);
  return end - start > 1e-6 ? { start, end } : null;
}
