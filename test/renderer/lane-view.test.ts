// All lanes share one view: zoom in whole time-base samples per pixel, scroll on whole pixels,
// never past the session; peaks are padded so every waveform spans the session.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import WaveformData from 'waveform-data';
import { PEAKS_TIMEBASE } from '../../src/shared/ipc-lanes';
import { padPeaks } from '../../src/renderer/src/lanes/peaks-padding';
import { formatTime, tickStep } from '../../src/renderer/src/lanes/time-ticks';
import {
  clampView,
  fitView,
  MIN_SCALE,
  pixelAtTime,
  timeAtPixel,
  zoomAround,
} from '../../src/renderer/src/lanes/zoom';
import { waveformPeaks } from '../../src/main/peaks/waveform-peaks';

describe('lane view', () => {
  test('fit shows the whole session in the lane width', () => {
    const view = fitView(12, 1000);
    assert.ok(timeAtPixel(view, 1000) >= 12);
    assert.ok(timeAtPixel(view, 1000) < 12.1);
    assert.ok(Number.isInteger(view.scale));
  });

  test('zooming keeps the anchor under the pointer and stops at 1 ms per pixel', () => {
    const view = fitView(12, 1000);
    const zoomed = zoomAround(view, 4, 6, 12);
    assert.ok(Math.abs(pixelAtTime(zoomed, 6) - pixelAtTime(view, 6)) <= 1);
    let deep = zoomed;
    for (let i = 0; i < 20; i++) deep = zoomAround(deep, 2, 6, 12);
    assert.equal(deep.scale, MIN_SCALE);
    assert.equal(MIN_SCALE / PEAKS_TIMEBASE, 0.001);
  });

  test('scrolling stops at the session edges', () => {
    const view = { start: 0, scale: 480, width: 1000 }; // 10 s visible
    assert.equal(clampView({ ...view, start: -3 }, 12).start, 0);
    assert.equal(clampView({ ...view, start: 50 }, 12).start, 2);
  });

  test('padded peaks put a clip at its session time and span the session', () => {
    const rate = 16000;
    const channel = new Float32Array(rate).fill(0.5); // 1 s of DC at half scale
    const peaks = waveformPeaks({ sampleRate: rate, channels: [channel] });
    const padded = WaveformData.create(padPeaks(peaks.data, 2, 5));
    assert.ok(Math.abs(padded.duration - 5) < 0.002);
    const max = padded.channel(0).max_array();
    assert.equal(max[1999], 0, 'silent before the clip');
    assert.equal(max[2000], 64, 'the clip from 2 s');
    assert.equal(max[2999], 64);
    assert.equal(max[3000], 0, 'silent after it');
  });

  test('ruler steps are 1, 2 or 5 times a power of ten; times read as m:ss', () => {
    assert.equal(tickStep(0.01), 1);
    assert.equal(tickStep(0.02), 2);
    assert.equal(tickStep(0.001), 0.1);
    assert.equal(formatTime(75.5, 0.1), '1:15.5');
    assert.equal(formatTime(3, 1), '0:03');
  });
});
