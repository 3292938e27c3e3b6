// Messages for the user: errors from the main process (shown as they are) and short confirmations.
import { IpcCallError } from '../../../shared/ipc-client';
import { Store } from '../state/store';

export interface Notice {
  id: number;
  level: 'info' | 'error';
  message: string;
}

export const notices = new Store<Notice[]>([]);
let nextId = 1;

export function notify(level: Notice['level'], message: string): void {
  const notice = { id: nextId++, level, message };
  notices.update((list) => [...list.slice(-4), notice]);
  setTimeout(() => dismiss(notice.id), level === 'error' ? 12000 : 5000);
}

export function dismiss(id: number): void {
  notices.update((list) => list.filter((n) => n.id !== id));
}

/** The sentence to show for a failure: the main process's own words for user errors. */
export function messageOf(error: unknown): string {
  if (error instanceof IpcCallError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Runs a call and reports its failure instead of throwing; resolves to undefined on failure. */
export async function attempt<T>(work: Promise<T> | (() => Promise<T>)): Promise<T | undefined> {
  try {
    return await (typeof work === 'function' ? work() : work);
  } catch (error) {
    notify('error', messageOf(error));
    return undefined;
  }
}
