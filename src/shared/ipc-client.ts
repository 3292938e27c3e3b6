// The page side of the call/event plumbing, generic over the channel table: the preload builds
// window.timbrefold from it over Electron's IPC, the test host's bridge over a WebSocket.
import type { DroppedFile, TimbrefoldApi, TimbrefoldCalls } from './api';
import {
  API_METHODS,
  type IpcChannel,
  type IpcErrorData,
  type IpcEventName,
  type IpcEvents,
  type IpcReply,
} from './ipc-channels';

/** What a transport must provide: send a call and get its reply; listen to an event. */
export interface IpcTransport {
  invoke(channel: IpcChannel, args: unknown[]): Promise<IpcReply<unknown>>;
  subscribe(event: IpcEventName, listener: (payload: unknown) => void): () => void;
  pathForFile(file: DroppedFile): string | null;
}

/** A call the main process refused or could not finish; `userFacing` messages are shown as is. */
export class IpcCallError extends Error {
  readonly userFacing: boolean;
  constructor(
    readonly channel: IpcChannel,
    error: IpcErrorData,
  ) {
    super(error.message);
    this.name = error.name;
    this.userFacing = error.userFacing;
  }
}

export function createTimbrefoldApi(transport: IpcTransport): TimbrefoldApi {
  const calls = {} as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const [method, channel] of Object.entries(API_METHODS)) {
    calls[method] = async (...args: unknown[]) => {
      const reply = await transport.invoke(channel, args);
      if (reply.ok) return reply.value;
      throw new IpcCallError(channel, reply.error);
    };
  }
  return {
    ...(calls as unknown as TimbrefoldCalls),
    on<E extends IpcEventName>(event: E, listener: (payload: IpcEvents[E]) => void) {
      return transport.subscribe(event, listener as (payload: unknown) => void);
    },
    pathForFile: (file) => transport.pathForFile(file),
  };
}
