// The result lane of a running job is built from the engine's previews (one window at a time):
// each lands at its frames, levels are fixed by the first preview, other streams are ignored.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TransferPreview } from '../../src/shared/transfer';
import { PreviewMosaic } from '../../src/main/peaks/preview-mosaic';

function preview(
  startFrame: number,
  frames: number,
  magnitude: number,
  stream = 0,
): TransferPreview {
  const bins = 8;
  return {
    stream,
    startFrame,
    frames,
    bins,
    logMagnitude: new Float32Array(frames * bins).fill(Math.log1p(magnitude)),
    sampleRate: 22050,
    hop: 512,
    audio: new Float32Array(frames * 512),
  };
}

describe('preview mosaic', () => {
  test('windows land at their frames of a lane as long as the region', () => {
    const mosaic = new PreviewMosaic(2); // 2 s: 1 + floor(2 * 22050 / 512) = 87 frames
    const first = mosaic.add(preview(0, 50, 100))!;
    assert.equal(first.frames, 87);
    assert.equal(first.bins, 8);
    assert.equal(first.levels[0], 255, 'the first preview sets the top level');
    assert.equal(first.levels[60 * 8], 0, 'frames not yet previewed stay empty');
    // A later window 20 dB quieter, from frame 40: one sixth of the 120 dB range below the top.
    const second = mosaic.add(preview(40, 47, 10))!;
    const expected = Math.round(255 * (1 - 20 / 120));
    assert.ok(Math.abs(second.levels[60 * 8]! - expected) <= 1, `level ${second.levels[60 * 8]}`);
    assert.ok(
      Math.abs(second.levels[45 * 8]! - expected) <= 1,
      'the overlap shows the newer window',
    );
    assert.equal(second.levels[10 * 8], 255, 'earlier frames keep their preview');
  });

  test('only the first stream is drawn; nothing before the first preview', () => {
    const mosaic = new PreviewMosaic(1);
    assert.equal(mosaic.current(), null);
    assert.equal(mosaic.add(preview(0, 10, 1, 1)), null);
    const lane = mosaic.add(preview(0, 10, 1, 0))!;
    assert.equal(lane.levels[0], 255);
  });
});
