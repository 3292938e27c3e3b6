// The arithmetic of arranging by hand, DOM-free (tested in Node): where a dragged track lands and
// where a moved clip starts.

/** Alt+Left/Right moves a clip by this much; with Shift, ten times as much. */
export const NUDGE_SECONDS = 0.1;

export function newClipStart(start: number, deltaSeconds: number): number {
  // Whole milliseconds: a drag never leaves a start like 1.0000000002 s in the project.
  return Math.max(0, Math.round((start + deltaSeconds) * 1000) / 1000);
}

/** Where a dragged row lands: the index among the other rows whose middle is below the pointer. */
export function dropIndex(middles: readonly number[], pointerY: number): number {
  const index = middles.findIndex((middle) => pointerY < middle);
  return index === -1 ? middles.length : index;
}
