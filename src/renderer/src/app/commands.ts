// Commands from the menu, the toolbar and the keyboard, and the keys that trigger them.
import { matchesAccelerator, menuItems, type MenuCommand } from '../../../shared/ipc-menu';

export type Command = MenuCommand | 'record';

export const isMac = navigator.platform.toLowerCase().includes('mac');

/** Where typed keys belong to the field: text and number fields, and selects (Space opens one). */
function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return (
    target instanceof HTMLInputElement &&
    !['checkbox', 'radio', 'range', 'button'].includes(target.type)
  );
}

/** The command a key press means, if any (keys typed into a text field stay there). */
export function commandOfKey(event: KeyboardEvent): MenuCommand | null {
  const typing = inTextField(event.target);
  for (const item of menuItems()) {
    const withCommandKey = item.accelerator.includes('CmdOrCtrl');
    if (typing && !withCommandKey) continue;
    // Enter on a focused button presses the button; Space plays wherever focus is (a button
    // clicked a moment ago keeps the focus, and Space would press it again).
    if (!withCommandKey && event.target instanceof HTMLButtonElement && event.key === 'Enter')
      continue;
    if (matchesAccelerator(item.accelerator, event, isMac)) return item.command;
  }
  // Ctrl+Y is redo on Windows and Linux too.
  if (!isMac && event.ctrlKey && !event.shiftKey && event.key.toLowerCase() === 'y') return 'redo';
  return null;
}
