// The contract between the page and the main process. The preload exposes exactly this object as
// `window.timbrefold`; the test host injects an object of the same shape, built by the same code
// (ipc-client.ts) over a WebSocket instead of Electron's IPC.
import { API_METHODS, type IpcCalls, type IpcEvents } from './ipc-channels';

export type { AppInfo } from './ipc-channels';

type Methods = typeof API_METHODS;

/** One promise-returning method per request channel. */
export type TimbrefoldCalls = {
  [M in keyof Methods]: (
    ...args: IpcCalls[Methods[M]]['args']
  ) => Promise<IpcCalls[Methods[M]]['result']>;
};

/** A file the user dropped on the window (DOM File; typed loosely so Node code can share this). */
export interface DroppedFile {
  readonly name: string;
}

export interface TimbrefoldApi extends TimbrefoldCalls {
  /** Listens to an event pushed by the main process; returns the function that stops listening. */
  on<E extends keyof IpcEvents>(event: E, listener: (payload: IpcEvents[E]) => void): () => void;
  /**
   * The path of a file dropped on the window, registered with the main process as chosen by
   * the user; null where the page cannot know it (the browser test host).
   */
  pathForFile(file: DroppedFile): string | null;
}
