// The keyboard on the timeline: the ruler and the lanes take focus (Tab or a click); arrows move
// the playhead a ruler tick, shift+arrows extend the selection, Home and End jump. The keys are
// those of the keymap (app/keymap.ts).
import { useRef } from 'react';
import type { TimeSelection } from '../../../shared/ipc-project';
import { useEditor } from '../app/editor-context';
import { TIMELINE_KEYS, timelineActionOf } from '../app/keymap';
import { arrowStep, extendedSelection, steppedTime } from '../lanes/keyboard-steps';
import { clampView, pixelAtTime, secondsPerPixel, visibleSeconds } from '../lanes/zoom';
import { edit } from '../state/use-project';

/** Spread on a focusable part of the timeline; the list's key handler acts for it. */
export const TIMELINE_FOCUS = {
  tabIndex: 0,
  'data-timeline': '',
  'aria-keyshortcuts': TIMELINE_KEYS.map((b) => (b.shift ? `Shift+${b.key}` : b.key)).join(' '),
} as const;

/** How long a sent selection is trusted over the snapshots that have not caught up with it. */
const IN_FLIGHT_MS = 1000;

function sameRange(a: TimeSelection | null, b: TimeSelection | null): boolean {
  return a === b || (a !== null && b !== null && a.start === b.start && a.end === b.end);
}

export function useTimelineKeys(
  selection: TimeSelection | null,
): (event: React.KeyboardEvent<HTMLElement>) => void {
  const { view, transport, sessionEnd } = useEditor();
  // The selection last sent: key repeat outruns the snapshots coming back, which may still
  // carry an older one.
  const sent = useRef<{ selection: TimeSelection | null; at: number } | null>(null);
  return (event) => {
    if (!(event.target instanceof Element) || !event.target.closest('[data-timeline]')) return;
    const action = timelineActionOf(event.nativeEvent);
    if (!action) return;
    event.preventDefault();
    const v = view.get();
    const step = arrowStep(secondsPerPixel(v));
    const from = transport.currentTime();
    const to =
      action === 'playhead-start'
        ? 0
        : action === 'playhead-end'
          ? sessionEnd
          : steppedTime(from, action.endsWith('back') ? -1 : 1, step, sessionEnd);
    if (action === 'select-back' || action === 'select-forward') {
      const last = sent.current;
      const inFlight =
        last !== null &&
        Date.now() - last.at < IN_FLIGHT_MS &&
        !sameRange(last.selection, selection);
      const next = extendedSelection(inFlight ? last.selection : selection, from, to);
      sent.current = { selection: next, at: Date.now() };
      edit({ type: 'set-selection', selection: next });
    }
    transport.seek(to);
    // Keep the playhead in view.
    const x = pixelAtTime(v, to);
    if (x < 0 || x > v.width)
      view.set(clampView({ ...v, start: to - visibleSeconds(v) / 2 }, sessionEnd));
  };
}
