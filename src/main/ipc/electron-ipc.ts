// Serves the handler table over Electron's IPC. Only frames of the app itself may call; every
// argument is checked by the table (schemas.ts) before any handler runs.
import { isAbsolute } from 'node:path';
import { ipcMain, type WebContents } from 'electron';
import {
  GRANT_DROPPED_PATH,
  IPC_CHANNELS,
  type IpcEventName,
  type IpcEvents,
  type IpcReply,
} from '../../shared/ipc-channels';
import type { HandlerTable } from './handler-table';
import type { PathGrants } from './path-grants';

export function serveOverElectron(
  table: HandlerTable,
  grants: PathGrants,
  isAppFrame: (url: string | undefined) => boolean,
): void {
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, (event, ...args: unknown[]): Promise<IpcReply<unknown>> => {
      if (!isAppFrame(event.senderFrame?.url))
        return Promise.resolve({
          ok: false,
          error: {
            name: 'Forbidden',
            message: 'Only the editor may call the app.',
            userFacing: false,
          },
        });
      return table[channel](args);
    });
  }
  ipcMain.on(GRANT_DROPPED_PATH, (event, path: unknown) => {
    if (isAppFrame(event.senderFrame?.url) && typeof path === 'string' && isAbsolute(path))
      grants.grant(path, 'read');
    event.returnValue = true;
  });
}

/** Pushes events to the window's page. */
export function electronEventSink(contents: () => WebContents | undefined) {
  return <E extends IpcEventName>(event: E, payload: IpcEvents[E]): void => {
    const target = contents();
    if (target && !target.isDestroyed()) target.send(event, payload);
  };
}
