// The application menu as data: the Electron shell builds its menu from this table and the page
// binds the same accelerators, so the keys work alike in the app and in the test host.

export type MenuCommand =
  | 'new-project'
  | 'open-project'
  | 'save-project'
  | 'save-project-as'
  | 'import-audio'
  | 'export-stems'
  | 'undo'
  | 'redo'
  | 'zoom-in'
  | 'zoom-out'
  | 'zoom-fit'
  | 'play-pause'
  | 'stop'
  | 'toggle-loop'
  | 'show-shortcuts';

export interface MenuItemSpec {
  command: MenuCommand;
  label: string;
  /** Electron accelerator syntax ("CmdOrCtrl+S"). */
  accelerator: string;
}

export interface MenuSpec {
  label: string;
  items: (MenuItemSpec | 'separator')[];
}

export const MENUS: readonly MenuSpec[] = [
  {
    label: 'File',
    items: [
      { command: 'new-project', label: 'New Project', accelerator: 'CmdOrCtrl+N' },
      { command: 'open-project', label: 'Open Project…', accelerator: 'CmdOrCtrl+O' },
      'separator',
      { command: 'save-project', label: 'Save', accelerator: 'CmdOrCtrl+S' },
      { command: 'save-project-as', label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S' },
      'separator',
      { command: 'import-audio', label: 'Import Audio…', accelerator: 'CmdOrCtrl+I' },
      { command: 'export-stems', label: 'Export Stems…', accelerator: 'CmdOrCtrl+E' },
    ],
  },
  {
    label: 'Edit',
    items: [
      { command: 'undo', label: 'Undo', accelerator: 'CmdOrCtrl+Z' },
      { command: 'redo', label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z' },
    ],
  },
  {
    label: 'View',
    items: [
      { command: 'zoom-in', label: 'Zoom In', accelerator: '=' },
      { command: 'zoom-out', label: 'Zoom Out', accelerator: '-' },
      { command: 'zoom-fit', label: 'Zoom to Fit', accelerator: '0' },
    ],
  },
  {
    label: 'Transport',
    items: [
      { command: 'play-pause', label: 'Play/Pause', accelerator: 'Space' },
      { command: 'stop', label: 'Stop', accelerator: 'Enter' },
      { command: 'toggle-loop', label: 'Loop Selection', accelerator: 'L' },
    ],
  },
  {
    label: 'Help',
    items: [{ command: 'show-shortcuts', label: 'Keyboard Shortcuts', accelerator: '?' }],
  },
];

/** Every command with its accelerator, for key binding. */
export function menuItems(): MenuItemSpec[] {
  return MENUS.flatMap((menu) => menu.items.filter((item) => item !== 'separator'));
}

/** Whether a key event matches an accelerator ("CmdOrCtrl+Shift+Z", "Space", "="). */
export function matchesAccelerator(
  accelerator: string,
  event: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean },
  isMac: boolean,
): boolean {
  const parts = accelerator.split('+');
  const key = parts.pop() ?? '';
  const modifiers = new Set(parts);
  if (modifiers.has('CmdOrCtrl') !== (isMac ? event.metaKey : event.ctrlKey)) return false;
  if (!isMac && event.metaKey) return false;
  if (modifiers.has('Alt') !== event.altKey) return false;
  // Shift is part of a letter's shortcut; on symbols it is how some keyboards type them.
  const named = /^[a-z]$/i.test(key) || key === 'Space' || key === 'Enter';
  if (named && modifiers.has('Shift') !== event.shiftKey) return false;
  const pressed = event.key === ' ' ? 'Space' : event.key;
  if (key === '=') return pressed === '=' || pressed === '+';
  return pressed.toLowerCase() === key.toLowerCase();
}
