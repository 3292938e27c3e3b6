// The page's own keys, those the menus do not hold, declared once: the handlers look their keys
// up here, and the shortcut list is generated from this table and the menus (shared/ipc-menu.ts).
import { MENUS } from '../../../shared/ipc-menu';

export type TimelineAction =
  | 'playhead-back'
  | 'playhead-forward'
  | 'select-back'
  | 'select-forward'
  | 'playhead-start'
  | 'playhead-end';

interface Binding<A extends string> {
  action: A;
  /** KeyboardEvent.key. */
  key: string;
  shift?: boolean;
  alt?: boolean;
  label: string;
}

/** Keys of the focused timeline (the ruler or a lane). */
export const TIMELINE_KEYS: readonly Binding<TimelineAction>[] = [
  { action: 'playhead-back', key: 'ArrowLeft', label: 'Move the playhead back' },
  { action: 'playhead-forward', key: 'ArrowRight', label: 'Move the playhead forward' },
  { action: 'select-back', key: 'ArrowLeft', shift: true, label: 'Extend the selection back' },
  {
    action: 'select-forward',
    key: 'ArrowRight',
    shift: true,
    label: 'Extend the selection forward',
  },
  { action: 'playhead-start', key: 'Home', label: 'Playhead to the start' },
  { action: 'playhead-end', key: 'End', label: 'Playhead to the end' },
];

export type TrackAction = 'track-up' | 'track-down' | 'clip-earlier' | 'clip-later';

/** Keys of a focused track header (Shift moves a clip ten times as far). */
export const TRACK_KEYS: readonly Binding<TrackAction>[] = [
  { action: 'track-up', key: 'ArrowUp', alt: true, label: 'Move the track up' },
  { action: 'track-down', key: 'ArrowDown', alt: true, label: 'Move the track down' },
  {
    action: 'clip-earlier',
    key: 'ArrowLeft',
    alt: true,
    label: 'Move the clip earlier (with Shift: ten times as far)',
  },
  {
    action: 'clip-later',
    key: 'ArrowRight',
    alt: true,
    label: 'Move the clip later (with Shift: ten times as far)',
  },
];

/** Closes the topmost dialog. */
export const CLOSE_DIALOG: Binding<'close-dialog'> = {
  action: 'close-dialog',
  key: 'Escape',
  label: 'Close the dialog',
};

/** A/B listening: the digit picks the candidate heard. */
export const AB_CANDIDATE = { keys: '1 … 9', label: 'A/B: hear candidate 1 to 9' } as const;

/** The little of a KeyboardEvent the keymap reads (tests build it without a DOM). */
interface KeyEvent {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export function timelineActionOf(event: KeyEvent): TimelineAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const binding = TIMELINE_KEYS.find(
    (b) => b.key === event.key && (b.shift ?? false) === event.shiftKey,
  );
  return binding?.action ?? null;
}

/** A track header's action for a key (Shift is the clip's larger step, not another key). */
export function trackActionOf(event: KeyEvent): TrackAction | null {
  if (!event.altKey || event.ctrlKey || event.metaKey) return null;
  return TRACK_KEYS.find((b) => b.key === event.key)?.action ?? null;
}

export function isCloseDialogKey(event: KeyEvent): boolean {
  return event.key === CLOSE_DIALOG.key && !event.ctrlKey && !event.metaKey && !event.altKey;
}

/** The A/B candidate (0-based) a digit key picks, or null. */
export function abCandidateOfKey(event: KeyEvent): number | null {
  if (event.ctrlKey || event.metaKey || !/^[1-9]$/.test(event.key)) return null;
  return Number(event.key) - 1;
}

const KEY_NAMES: Record<string, string> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  Escape: 'Esc',
};

/** An accelerator or key as a person reads it: "Ctrl+Shift+Z", "⌘Z", "Shift+←". */
export function keyLabel(accelerator: string, isMac: boolean): string {
  const parts = accelerator.split('+').map((part) => {
    if (part === 'CmdOrCtrl') return isMac ? '⌘' : 'Ctrl';
    if (part === 'Alt' && isMac) return '⌥';
    if (part === 'Shift' && isMac) return '⇧';
    return KEY_NAMES[part] ?? (part.length === 1 ? part.toUpperCase() : part);
  });
  return parts.join(isMac ? '' : '+');
}

export interface ShortcutSection {
  title: string;
  rows: { keys: string; label: string }[];
}

/** Every shortcut of the editor, by section: the menus' accelerators, then the page's own keys. */
export function shortcutSections(isMac: boolean): ShortcutSection[] {
  const menus = MENUS.map((menu) => ({
    title: menu.label,
    rows: menu.items.flatMap((item) =>
      item === 'separator' ? [] : [{ keys: keyLabel(item.accelerator, isMac), label: item.label }],
    ),
  }));
  const timeline = TIMELINE_KEYS.map((b) => ({
    keys: keyLabel(b.shift ? `Shift+${b.key}` : b.key, isMac),
    label: b.label,
  }));
  const track = TRACK_KEYS.map((b) => ({ keys: keyLabel(`Alt+${b.key}`, isMac), label: b.label }));
  return [
    ...menus,
    { title: 'Timeline (click the ruler or a lane first)', rows: timeline },
    { title: 'Track (click its header first)', rows: track },
    {
      title: 'Anywhere',
      rows: [
        { keys: keyLabel(CLOSE_DIALOG.key, isMac), label: CLOSE_DIALOG.label },
        { keys: AB_CANDIDATE.keys, label: AB_CANDIDATE.label },
      ],
    },
  ];
}
