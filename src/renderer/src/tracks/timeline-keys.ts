// The keyboard on the timeline: the ruler and the lanes take focus (Tab or a click); arrows move
// the playhead a ruler tick, shift+arrows extend the selection, Home and End jump. The keys are
// those of the keymap (app/keymap.ts).
import { useEditor } from '../app/editor-context';
import { TIMELINE_KEYS, timelineActionOf } from '../app/keymap';
import { arrowStep, steppedTime } from '../lanes/keyboard-steps';
import { clampView, pixelAtTime, secondsPerPixel, visibleSeconds } from '../lanes/zoom';
import { edit } from '../state/use-project';

/** Spread on a focusable part of the timeline; the list's key handler acts for it. */
export const TIMELINE_FOCUS = {
  tabIndex: 0,
  'data-timeline': '',
  'aria-keyshortcuts': TIMELINE_KEYS.map((b) => (b.shift ? `Shift+${b.key}` : b.key)).join(' '),
} as const;

export function useTimelineKeys(): (event: React.KeyboardEvent<HTMLElement>) => void {
  const { view, transport, sessionEnd } = useEditor();
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
    // The move is sent, not a selection made from this render's snapshot: key repeat outruns
    // the snapshots coming back, and the main process applies the moves in order.
    if (action === 'select-back' || action === 'select-forward')
      edit({ type: 'extend-selection', from, to });
    transport.seek(to);
    // Keep the playhead in view.
    const x = pixelAtTime(v, to);
    if (x < 0 || x > v.width)
      view.set(clampView({ ...v, start: to - visibleSeconds(v) / 2 }, sessionEnd));
  };
}
