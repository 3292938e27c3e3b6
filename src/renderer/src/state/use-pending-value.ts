// A control bound to a value the main process owns. While the user works the control (it has
// focus, or was changed in the last moment), it shows what the user set: snapshots of older edits
// arrive in between and would otherwise make a drag or key repeat stutter. Afterwards the
// project's value rules again (so undo and reopen show up). Undo and redo win at once, even in
// the control that has focus.
import { useEffect, useRef, useState } from 'react';
import { Store } from './store';

const QUIET_MS = 1500;

/** Counts undo and redo steps: every control bound to the project shows the project's value. */
const historySteps = new Store(0);

export function historyMoved(): void {
  historySteps.update((n) => n + 1);
}

export function usePendingValue<T>(
  value: T,
): [T, (next: T) => void, { onFocus: () => void; onBlur: () => void }] {
  const [local, setLocal] = useState<{ value: T } | null>(null);
  const focused = useRef(false);
  const lastChange = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const release = (): void => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!focused.current) setLocal(null);
    }, QUIET_MS);
  };
  useEffect(() => {
    // A change from elsewhere (undo, another window) while the control is idle wins at once.
    if (!focused.current && Date.now() - lastChange.current > QUIET_MS) setLocal(null);
  }, [value]);
  useEffect(
    () =>
      historySteps.subscribe(() => {
        lastChange.current = 0;
        clearTimeout(timer.current);
        setLocal(null);
      }),
    [],
  );
  useEffect(() => () => clearTimeout(timer.current), []);
  const set = (next: T): void => {
    lastChange.current = Date.now();
    setLocal({ value: next });
    release();
  };
  const handlers = {
    onFocus: () => {
      focused.current = true;
    },
    onBlur: () => {
      focused.current = false;
      release();
    },
  };
  return [local ? local.value : value, set, handlers];
}
