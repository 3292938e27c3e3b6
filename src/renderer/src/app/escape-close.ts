// Escape closes the topmost open dialog of the page (export, models, shortcut list, ...): each
// open dialog registers its close here, and one window listener closes the newest.
import { useEffect, useRef } from 'react';
import { isCloseDialogKey } from './keymap';

const openDialogs: (() => void)[] = [];
let listening = false;

function onKey(event: KeyboardEvent): void {
  if (!isCloseDialogKey(event) || event.defaultPrevented) return;
  const close = openDialogs.at(-1);
  if (!close) return;
  event.preventDefault();
  close();
}

/** While `open`, Escape calls `close` (unless a dialog opened later is on top). */
export function useCloseOnEscape(open: boolean, close: () => void): void {
  const latest = useRef(close);
  latest.current = close;
  useEffect(() => {
    if (!open) return;
    if (!listening) {
      window.addEventListener('keydown', onKey);
      listening = true;
    }
    const entry = (): void => latest.current();
    openDialogs.push(entry);
    return () => {
      const index = openDialogs.indexOf(entry);
      if (index >= 0) openDialogs.splice(index, 1);
    };
  }, [open]);
}
