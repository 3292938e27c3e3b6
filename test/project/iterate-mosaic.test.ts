// The current iterate covers the whole region: each window's sound at its place, crossfaded into
// the sound already there, growing as windows arrive; the newest state of a window replaces the old.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { IterateMosaic } from '../../src/main/peaks/iterate-mosaic';
import type { TransferPreview } from '../../src/shared/transfer';

function preview(startFrame: number, audio: Float32Array, stream = 0): TransferPreview {
  return {
    stream,
    startFrame,
    frames: 1,
    bins: 1,
    logMagnitude: new Float32Array(1),
    sampleRate: 1000,
    hop: 10,
    audio,
  };
}

describe('the current iterate of a whole region', () => {
  test('windows land at their frames; overlaps crossfade; other streams are ignored', () => {
    const mosaic = new IterateMosaic(3);
    assert.equal(mosaic.current(), null, 'nothing before the first preview');
    mosaic.add(preview(0, new Float32Array(1500).fill(1)));
    mosaic.add(preview(0, new Float32Array(1500).fill(9), 1));
    let now = mosaic.current()!;
    assert.equal(now.sampleRate, 1000);
    assert.equal(now.audio.length, 1500, 'as far as sound has arrived');
    assert.ok(now.audio.every((v) => v === 1));
    // The second window starts at frame 100 (1,000 samples): 500 samples overlap the first.
    mosaic.add(preview(100, new Float32Array(2500).fill(-1)));
    now = mosaic.current()!;
    assert.equal(now.audio.length, 3000, 'clipped to the region');
    assert.equal(now.audio[999], 1);
    assert.equal(now.audio[1000], 1, 'the crossfade starts from what was there');
    assert.ok(now.audio[1010]! < 1 && now.audio[1010]! > -1, 'and blends');
    assert.equal(now.audio[1020], -1, '20 ms later it is the new window');
    assert.equal(now.audio[2999], -1);
    // A newer state of the first window replaces it.
    mosaic.add(preview(0, new Float32Array(1000).fill(0.5)));
    now = mosaic.current()!;
    assert.equal(now.audio[500], 0.5);
    assert.equal(now.audio.length, 3000);
  });
});
