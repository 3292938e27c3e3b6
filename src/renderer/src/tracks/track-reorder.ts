// Reordering tracks: drag a track's header up or down (the rows it passes show where it will
// land), or Alt+Up/Down from the keyboard; Alt+Left/Right nudges its clip along the timeline.
import { useRef } from 'react';
import type { TrackState } from '../../../shared/ipc-project';
import { trackActionOf } from '../app/keymap';
import { edit } from '../state/use-project';
import { dropIndex, NUDGE_SECONDS, newClipStart } from './arrange';

const DRAG_THRESHOLD_PX = 6;
const INTERACTIVE = 'input, button, select, summary, details, a, [role="button"]';

function rowsBesides(header: HTMLElement): HTMLElement[] {
  const own = header.closest<HTMLElement>('.track');
  const list = own?.parentElement;
  if (!own || !list) return [];
  return [...list.querySelectorAll<HTMLElement>(':scope > .track')].filter((row) => row !== own);
}

function markTarget(rows: HTMLElement[], index: number | null): void {
  // A line over the row it will go above, or under the last row.
  const atEnd = index !== null && index >= rows.length;
  rows.forEach((row, i) => {
    const marked = index !== null && (atEnd ? i === rows.length - 1 : i === index);
    row.classList.toggle('reorder-target', marked);
    row.classList.toggle('below', marked && atEnd);
  });
}

export function useTrackReorder(
  track: TrackState,
  index: number,
  count: number,
): {
  onPointerDown: (event: React.PointerEvent<HTMLElement>) => void;
  onPointerMove: (event: React.PointerEvent<HTMLElement>) => void;
  onPointerUp: (event: React.PointerEvent<HTMLElement>) => void;
  onKeyDown: (event: React.KeyboardEvent<HTMLElement>) => void;
} {
  const press = useRef<{ y: number; dragging: boolean; rows: HTMLElement[] } | null>(null);
  const target = (event: React.PointerEvent<HTMLElement>): number =>
    dropIndex(
      press.current!.rows.map((row) => {
        const rect = row.getBoundingClientRect();
        return rect.top + rect.height / 2;
      }),
      event.clientY,
    );
  return {
    onPointerDown(event) {
      if (event.button !== 0 || (event.target as HTMLElement).closest(INTERACTIVE)) return;
      event.preventDefault();
      event.currentTarget.setPointerCapture(event.pointerId);
      press.current = { y: event.clientY, dragging: false, rows: rowsBesides(event.currentTarget) };
    },
    onPointerMove(event) {
      const p = press.current;
      if (!p || (!p.dragging && Math.abs(event.clientY - p.y) < DRAG_THRESHOLD_PX)) return;
      p.dragging = true;
      markTarget(p.rows, target(event));
    },
    onPointerUp(event) {
      const p = press.current;
      if (!p) return;
      const to = p.dragging ? target(event) : null;
      markTarget(p.rows, null);
      press.current = null;
      if (to !== null && to !== index) edit({ type: 'move-track', trackId: track.id, index: to });
    },
    onKeyDown(event) {
      if (
        !event.altKey ||
        (event.target as HTMLElement).matches('input[type="text"], input:not([type])')
      )
        return;
      const action = trackActionOf(event);
      const nudge = (event.shiftKey ? 10 : 1) * NUDGE_SECONDS;
      if (action === 'track-up' || action === 'track-down') {
        const to = index + (action === 'track-up' ? -1 : 1);
        if (to >= 0 && to < count) edit({ type: 'move-track', trackId: track.id, index: to });
      } else if (action === 'clip-earlier' || action === 'clip-later') {
        const start = newClipStart(track.clip.start, action === 'clip-earlier' ? -nudge : nudge);
        if (start !== track.clip.start) edit({ type: 'move-clip', trackId: track.id, start });
      } else {
        return;
      }
      event.preventDefault();
      event.stopPropagation();
    },
  };
}
