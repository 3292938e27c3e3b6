// Dragging a clip along the timeline by its waveform lane: the lanes follow the pointer, and the
// move is one edit (one undo step) when the button is released; a click without a drag moves the
// playhead there. The press is taken before peaks.js sees it (its own drag would scroll the view).
// Alt+arrows on the track header nudge from the keyboard.
import { useRef, useState } from 'react';
import type { TrackState } from '../../../shared/ipc-project';
import { useEditor } from '../app/editor-context';
import { secondsPerPixel, timeAtPixel } from '../lanes/zoom';
import { edit } from '../state/use-project';
import { newClipStart } from './arrange';

/** Pixels the pointer travels before a press becomes a drag (a click stays a click). */
const DRAG_THRESHOLD_PX = 4;

export function useClipDrag(track: TrackState): {
  /** Pixels the lanes are shifted while dragging. */
  offsetPx: number;
  handlers: {
    onPointerDownCapture: (event: React.PointerEvent<HTMLElement>) => void;
    onPointerMove: (event: React.PointerEvent<HTMLElement>) => void;
    onPointerUp: (event: React.PointerEvent<HTMLElement>) => void;
    onPointerCancel: () => void;
  };
} {
  const { view, transport, sessionEnd } = useEditor();
  const press = useRef<{ x: number; dragging: boolean } | null>(null);
  const [offsetPx, setOffsetPx] = useState(0);
  // The lanes cannot move the clip before the session start.
  const clampPx = (dx: number): number =>
    Math.max(dx, -track.clip.start / secondsPerPixel(view.get()));
  return {
    offsetPx,
    handlers: {
      onPointerDownCapture(event) {
        if (event.button !== 0) return;
        // No compatibility mouse events, and the waveform's canvas never sees the press.
        event.preventDefault();
        event.stopPropagation();
        event.currentTarget.setPointerCapture(event.pointerId);
        press.current = { x: event.clientX, dragging: false };
      },
      onPointerMove(event) {
        const p = press.current;
        if (!p) return;
        const dx = event.clientX - p.x;
        if (!p.dragging && Math.abs(dx) < DRAG_THRESHOLD_PX) return;
        p.dragging = true;
        setOffsetPx(clampPx(dx));
      },
      onPointerUp(event) {
        const p = press.current;
        press.current = null;
        setOffsetPx(0);
        if (!p) return;
        if (!p.dragging) {
          const rect = event.currentTarget.getBoundingClientRect();
          const time = timeAtPixel(view.get(), event.clientX - rect.left);
          transport.seek(Math.max(0, Math.min(sessionEnd, time)));
          return;
        }
        const seconds = clampPx(event.clientX - p.x) * secondsPerPixel(view.get());
        const start = newClipStart(track.clip.start, seconds);
        if (start !== track.clip.start) edit({ type: 'move-clip', trackId: track.id, start });
      },
      onPointerCancel() {
        press.current = null;
        setOffsetPx(0);
      },
    },
  };
}
