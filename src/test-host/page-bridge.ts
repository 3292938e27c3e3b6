// Runs in the page served by the test host, before the editor's own script: builds
// window.timbrefold with the same client code as the preload, over the host's WebSocket.
import type { TimbrefoldApi } from '../shared/api';
import type { IpcReply } from '../shared/ipc-channels';
import { createTimbrefoldApi } from '../shared/ipc-client';
import {
  decodeMessage,
  encodeMessage,
  SOCKET_MAX_BYTES,
  type SocketMessage,
} from '../shared/ipc-codec';
import type { HostFolderListing } from '../shared/host-dialogs';
import { showHostChooser } from './host-chooser';

declare global {
  interface Window {
    timbrefold: TimbrefoldApi;
  }
}

const socket = new WebSocket(`ws://${location.host}/__host/socket`);
socket.binaryType = 'arraybuffer';
const pending = new Map<number, (reply: IpcReply<unknown>) => void>();
const listeners = new Map<string, Set<(payload: unknown) => void>>();
const outbox: Uint8Array[] = [];
/** The open chooser's folder listing in flight, by dialog id. */
const listings = new Map<number, (listing: HostFolderListing | string) => void>();
let nextId = 1;

function send(message: SocketMessage): void {
  const frame = encodeMessage(message);
  if (socket.readyState === WebSocket.OPEN) socket.send(frame);
  else outbox.push(frame);
}

socket.addEventListener('open', () => {
  for (const frame of outbox.splice(0)) socket.send(frame);
});

socket.addEventListener('message', (event: MessageEvent<ArrayBuffer>) => {
  const message = decodeMessage(new Uint8Array(event.data)) as SocketMessage;
  if (message.type === 'reply') {
    pending.get(message.id)?.(message.reply as IpcReply<unknown>);
    pending.delete(message.id);
  } else if (message.type === 'event') {
    for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
  } else if (message.type === 'dialog-listing') {
    listings.get(message.id)?.(
      message.listing ?? message.problem ?? 'The folder could not be listed.',
    );
    listings.delete(message.id);
  } else if (message.type === 'dialog') {
    const { id } = message;
    void showHostChooser(message.request, message.start, {
      list: (path) =>
        new Promise((resolve) => {
          listings.set(id, resolve);
          send({ type: 'dialog-list', id, path });
        }),
    }).then((answer) => send({ type: 'dialog-answer', id, answer }));
  }
});

socket.addEventListener('close', () => {
  for (const resolve of pending.values())
    resolve({
      ok: false,
      error: { name: 'HostGone', message: 'The test host has stopped.', userFacing: true },
    });
  pending.clear();
});

const api = createTimbrefoldApi({
  invoke: (channel, args) =>
    new Promise((resolve) => {
      const id = nextId++;
      const frame = encodeMessage({ type: 'call', id, channel, args });
      // The host would close the socket on it: say why here instead.
      if (frame.byteLength > SOCKET_MAX_BYTES) {
        resolve({
          ok: false,
          error: {
            name: 'TooLarge',
            message: `That is ${Math.ceil(frame.byteLength / 2 ** 20)} MB, more than the ${SOCKET_MAX_BYTES / 2 ** 20} MB the editor in a browser can send to its host at once: import a shorter file.`,
            userFacing: true,
          },
        });
        return;
      }
      pending.set(id, resolve);
      if (socket.readyState === WebSocket.OPEN) socket.send(frame);
      else outbox.push(frame);
    }),
  subscribe: (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => {
      set.delete(listener);
    };
  },
  // A browser never reveals where a dropped file lives; the page sends its bytes instead.
  pathForFile: () => null,
});

// Like contextBridge's object: fixed, not replaceable by the page.
Object.defineProperty(window, 'timbrefold', { value: Object.freeze(api), writable: false });
