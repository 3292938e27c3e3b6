// How shift+arrows grow or shrink the selection from the edge the playhead is on. Shared: the
// page sends the playhead's move and the main process applies it to the project's current
// selection, so keys that outrun the snapshots coming back build on each other.
import type { Seconds } from './units';

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
