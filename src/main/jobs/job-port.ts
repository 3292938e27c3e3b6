// The job's side of its host: the parent's port of a worker thread, of a Node child process, or
// of an Electron utility process. A job process also marks itself first in line for the system's
// out-of-memory killer, so that memory running out ends this job and not the app.
import { writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './protocol';

export interface JobPort {
  /**
   * Typed arrays listed in `transfer` move without a copy to a thread; a process copies. Settles
   * once the message is written (a thread's at once).
   */
  send(message: FromWorker, transfer?: ArrayBuffer[]): Promise<void>;
  listen(listener: (message: ToWorker) => void): void;
}

/** Electron's utility process port (process.parentPort), where the app runs its jobs. */
interface UtilityPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

/** Linux's most likely victim when memory runs out (the kernel's score runs from -1000 to 1000). */
function volunteerForOutOfMemoryKiller(): void {
  if (process.platform !== 'linux') return;
  try {
    writeFileSync('/proc/self/oom_score_adj', '1000');
  } catch {
    // A sandbox may forbid it; the job still runs in its own process.
  }
}

export function jobPort(): JobPort {
  if (parentPort) {
    const port = parentPort;
    return {
      send: (message, transfer) => {
        port.postMessage(message, transfer);
        return Promise.resolve();
      },
      listen: (listener) => port.on('message', listener),
    };
  }
  const utility = (process as { parentPort?: UtilityPort }).parentPort;
  if (utility) {
    volunteerForOutOfMemoryKiller();
    return {
      send: (message) => {
        utility.postMessage(message);
        return Promise.resolve();
      },
      listen: (listener) => utility.on('message', (event) => listener(event.data as ToWorker)),
    };
  }
  const send = process.send?.bind(process);
  if (send) {
    volunteerForOutOfMemoryKiller();
    // The parent is gone (it crashed, or was killed): so is the job's reason to run.
    process.on('disconnect', () => process.exit(0));
    return {
      send: (message) =>
        new Promise<void>((resolve) => {
          // Resolved when written, or when it never can be (the parent is gone: see above).
          send(message, undefined, {}, () => resolve());
        }),
      listen: (listener) => process.on('message', (message) => listener(message as ToWorker)),
    };
  }
  throw new Error('A job must run in a worker thread or a job process.');
}
