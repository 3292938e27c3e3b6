// Exposes the typed API of src/shared to the page, and nothing more: only the channels of the
// table, with the same client code the test host's bridge uses.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { IpcReply } from '../shared/ipc-channels';
import { GRANT_DROPPED_PATH, IPC_CHANNELS, IPC_EVENTS } from '../shared/ipc-channels';
import { createTimbrefoldApi } from '../shared/ipc-client';

const api = createTimbrefoldApi({
  invoke: (channel, args) => {
    if (!IPC_CHANNELS.includes(channel)) throw new Error(`Unknown channel ${channel}`);
    return ipcRenderer.invoke(channel, ...args) as Promise<IpcReply<unknown>>;
  },
  subscribe: (event, listener) => {
    if (!IPC_EVENTS.includes(event)) throw new Error(`Unknown event ${event}`);
    const relay = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(event, relay);
    return () => {
      ipcRenderer.removeListener(event, relay);
    };
  },
  pathForFile: (file) => {
    const path = webUtils.getPathForFile(file as File);
    if (!path) return null;
    ipcRenderer.sendSync(GRANT_DROPPED_PATH, path);
    return path;
  },
});

contextBridge.exposeInMainWorld('timbrefold', api);
