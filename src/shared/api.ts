// The contract between the page and the main process. The preload exposes exactly this object
// as `window.timbrefold`; the test host injects an object of the same shape.
export interface AppInfo {
  name: string;
  version: string;
}

export interface TimbrefoldApi {
  getAppInfo(): Promise<AppInfo>;
}

export const IpcChannels = {
  getAppInfo: 'app:get-info',
} as const;
