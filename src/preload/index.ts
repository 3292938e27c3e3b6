// Exposes the typed API of src/shared to the page, and nothing more.
import { contextBridge, ipcRenderer } from 'electron';
import { IpcChannels, type TimbrefoldApi } from '../shared/api';

const api: TimbrefoldApi = {
  getAppInfo: () => ipcRenderer.invoke(IpcChannels.getAppInfo),
};

contextBridge.exposeInMainWorld('timbrefold', api);
