// The test host's socket framing carries what Electron's structured clone carries: typed arrays
// as bytes (not number lists), and NaN/Infinity intact.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeMessage, encodeMessage } from '../../src/shared/ipc-codec';

describe('socket framing', () => {
  test('typed arrays, odd-sized buffers and non-finite numbers round-trip', () => {
    const samples = Float32Array.from({ length: 1001 }, (_, i) => Math.sin(i / 7));
    const message = {
      type: 'call',
      id: 7,
      args: [
        {
          name: 'a b.wav',
          channels: [samples, samples.subarray(10, 13)],
          bytes: Uint8Array.of(1, 2, 3),
          loudness: -Infinity,
          nothing: NaN,
          up: Infinity,
          nested: { levels: new Uint8ClampedArray([255, 0]), wide: new Float64Array([Math.PI]) },
        },
      ],
    };
    const frame = encodeMessage(message);
    // Bytes, not JSON numbers: the frame is about the size of the samples.
    assert.ok(frame.byteLength < samples.byteLength + 600, `frame of ${frame.byteLength} bytes`);
    const back = decodeMessage(frame) as typeof message;
    const arg = back.args[0]!;
    assert.ok(arg.channels[0] instanceof Float32Array);
    assert.deepEqual(arg.channels[0], samples);
    assert.deepEqual(arg.channels[1], samples.slice(10, 13));
    assert.deepEqual(arg.bytes, Uint8Array.of(1, 2, 3));
    assert.equal(arg.loudness, -Infinity);
    assert.ok(Number.isNaN(arg.nothing));
    assert.equal(arg.up, Infinity);
    assert.ok(arg.nested.levels instanceof Uint8ClampedArray);
    assert.deepEqual(arg.nested.wide, new Float64Array([Math.PI]));
    assert.equal(arg.name, 'a b.wav');
  });

  test('a truncated frame is refused, not misread', () => {
    const frame = encodeMessage({ data: new Float32Array(100) });
    assert.throws(() => decodeMessage(frame.subarray(0, frame.length - 16)), /truncated/);
    assert.throws(() => decodeMessage(frame.subarray(0, 2)), /too short/);
  });
});
