// Pointer handling shared by the ruler and the spectrogram lanes: drag selects a time range
// (sent as one edit when the drag ends), a click moves the playhead.
import { useRef } from 'react';
import { useEditor } from '../app/editor-context';
import { timeAtPixel } from '../lanes/zoom';
import { Store } from '../state/store';
import { edit } from '../state/use-project';

/** The selection being dragged (before the edit is sent), drawn by the overlay. */
export const draggedSelection = new Store<{ start: number; end: number } | null>(null);

export function useSelectionDrag(): {
  onPointerDown: (event: React.PointerEvent<HTMLElement>) => void;
  onPointerMove: (event: React.PointerEvent<HTMLElement>) => void;
  onPointerUp: (event: React.PointerEvent<HTMLElement>) => void;
} {
  const { view, transport, sessionEnd } = useEditor();
  const anchor = useRef<{ x: number; time: number } | null>(null);
  const timeOf = (event: React.PointerEvent<HTMLElement>): number => {
    const rect = event.currentTarget.getBoundingClientRect();
    return Math.max(0, Math.min(sessionEnd, timeAtPixel(view.get(), event.clientX - rect.left)));
  };
  return {
    onPointerDown(event) {
      if (event.button !== 0) return;
      event.currentTarget.setPointerCapture(event.pointerId);
      anchor.current = { x: event.clientX, time: timeOf(event) };
    },
    onPointerMove(event) {
      const start = anchor.current;
      if (!start || Math.abs(event.clientX - start.x) < 4) return;
      const time = timeOf(event);
      draggedSelection.set({ start: Math.min(start.time, time), end: Math.max(start.time, time) });
    },
    onPointerUp(event) {
      const start = anchor.current;
      anchor.current = null;
      if (!start) return;
      const selection = draggedSelection.get();
      draggedSelection.set(null);
      if (selection && selection.end - selection.start > 0.01) {
        edit({ type: 'set-selection', selection });
      } else {
        transport.seek(timeOf(event));
      }
    },
  };
}
