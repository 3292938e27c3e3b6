// Binary framing for the test host's WebSocket: JSON for the structure, typed arrays as raw bytes
// beside it (never number lists), and the numbers JSON cannot hold (NaN, +-Infinity) kept, so
// both transports deliver what Electron's structured clone delivers.
//
// Frame: uint32 JSON byte length | JSON (UTF-8) | padding to 8 | for each buffer: uint32 length,
// padding to 8, bytes, padding to 8.

import type { HostDialogMessage } from './host-dialogs';

/**
 * The largest socket message the host accepts: a larger one closes the socket (1009) before it is
 * buffered whole. The largest real messages are uploads: 512 MiB carries 23 minutes of 48 kHz
 * stereo as the float PCM the page sends for a compressed file, or 50 minutes of 16-bit 44.1 kHz
 * stereo WAV, while a 2 GiB message (which took 4 GB and blocked the host) cannot arrive.
 */
export const SOCKET_MAX_BYTES = 512 * 2 ** 20;

type TypedArrayName =
  | 'Uint8Array'
  | 'Int8Array'
  | 'Uint8ClampedArray'
  | 'Int16Array'
  | 'Uint16Array'
  | 'Int32Array'
  | 'Uint32Array'
  | 'Float32Array'
  | 'Float64Array';

const TYPED_ARRAYS: Record<TypedArrayName, { new (buffer: ArrayBuffer): ArrayBufferView }> = {
  Uint8Array,
  Int8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
};

const BINARY = '$bin';
const NUMBER = '$num';

function pad8(n: number): number {
  return (n + 7) & ~7;
}

export function encodeMessage(value: unknown): Uint8Array {
  const buffers: Uint8Array[] = [];
  const json = JSON.stringify(value, function (this: unknown, _key, item: unknown) {
    if (typeof item === 'number' && !Number.isFinite(item)) return { [NUMBER]: String(item) };
    if (ArrayBuffer.isView(item) && !(item instanceof DataView)) {
      const type = item.constructor.name as TypedArrayName;
      if (!(type in TYPED_ARRAYS)) throw new TypeError(`Cannot send a ${type} over the socket.`);
      buffers.push(new Uint8Array(item.buffer, item.byteOffset, item.byteLength));
      return { [BINARY]: buffers.length - 1, type };
    }
    if (item instanceof ArrayBuffer) {
      buffers.push(new Uint8Array(item));
      return { [BINARY]: buffers.length - 1, type: 'ArrayBuffer' };
    }
    return item;
  });
  const text = new TextEncoder().encode(json);
  let size = pad8(4 + text.length);
  for (const buffer of buffers) size = pad8(size + 4) + pad8(buffer.length);
  const frame = new Uint8Array(size);
  const view = new DataView(frame.buffer);
  view.setUint32(0, text.length, true);
  frame.set(text, 4);
  let offset = pad8(4 + text.length);
  for (const buffer of buffers) {
    view.setUint32(offset, buffer.length, true);
    offset = pad8(offset + 4);
    frame.set(buffer, offset);
    offset += pad8(buffer.length);
  }
  return frame;
}

export function decodeMessage(frame: Uint8Array): unknown {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  if (frame.byteLength < 4) throw new RangeError('The socket frame is too short.');
  const jsonLength = view.getUint32(0, true);
  if (4 + jsonLength > frame.byteLength) throw new RangeError('The socket frame is truncated.');
  const json = new TextDecoder().decode(frame.subarray(4, 4 + jsonLength));
  const buffers: ArrayBuffer[] = [];
  let offset = pad8(4 + jsonLength);
  while (offset < frame.byteLength) {
    const length = view.getUint32(offset, true);
    offset = pad8(offset + 4);
    if (offset + length > frame.byteLength) throw new RangeError('The socket frame is truncated.');
    // A copy: the receiver owns its arrays, aligned for any element size.
    buffers.push(frame.slice(offset, offset + length).buffer);
    offset += pad8(length);
  }
  return JSON.parse(json, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object') return item;
    const record = item as Record<string, unknown>;
    if (typeof record[NUMBER] === 'string') return Number(record[NUMBER]);
    if (typeof record[BINARY] === 'number') {
      const buffer = buffers[record[BINARY]];
      if (!buffer) throw new RangeError('The socket frame names a missing buffer.');
      const type = record['type'] as TypedArrayName | 'ArrayBuffer';
      if (type === 'ArrayBuffer') return buffer;
      const make = TYPED_ARRAYS[type];
      if (!make) throw new TypeError(`Unknown typed array ${String(type)} in a socket frame.`);
      return new make(buffer);
    }
    return item;
  });
}

/** Messages on the browser host's socket. */
export type SocketMessage =
  | { type: 'call'; id: number; channel: string; args: unknown[] }
  | { type: 'reply'; id: number; reply: unknown }
  | { type: 'event'; event: string; payload: unknown }
  | HostDialogMessage;
