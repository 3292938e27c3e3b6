// The page colours lane spectrograms itself: a known level pattern lands on the right pixels, on
// the session timeline, with the loudest colour for the loudest cell and transparency outside
// the clip.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SpectrogramLevels } from '../../src/shared/ipc-lanes';
import { colormapLut } from '../../src/shared/colormap';
import {
  levelColours,
  paintSpectrogram,
  rowBins,
} from '../../src/renderer/src/lanes/spectrogram-paint';

/** 100 frames at 10 frames/s (10 s), nFft 512 at 16 kHz: one loud bin (2031.25 Hz) from 2 s to 4 s. */
function tone(): SpectrogramLevels {
  const nFft = 512;
  const bins = nFft / 2 + 1;
  const frames = 100;
  const levels = new Uint8Array(frames * bins).fill(40);
  const bin = 65;
  for (let f = 20; f < 40; f++) levels[f * bins + bin] = 255;
  return { frames, bins, sampleRate: 16000, hop: 1600, nFft, levels, topDb: -6, rangeDb: 120 };
}

function pixel(rgba: Uint8ClampedArray, width: number, x: number, y: number): number[] {
  const o = (y * width + x) * 4;
  return [rgba[o]!, rgba[o + 1]!, rgba[o + 2]!, rgba[o + 3]!];
}

describe('lane spectrogram painting', () => {
  const spectrogram = tone();
  const width = 200;
  const height = 64;
  const rows = rowBins('linear', height, spectrogram.nFft, spectrogram.sampleRate);
  const colours = levelColours('magma', 80, spectrogram.rangeDb);
  const brightest = [...colormapLut('magma').subarray(255 * 4, 256 * 4)];
  const darkest = [...colormapLut('magma').subarray(0, 4)];

  test('the tone shows at its time and frequency in the brightest colour', () => {
    const rgba = new Uint8ClampedArray(width * height * 4);
    // 20 px per second, the clip placed 1 s into the session.
    paintSpectrogram(
      { width, height, rgba },
      spectrogram,
      { start: 0, secondsPerPixel: 0.05, clipStart: 1 },
      rows,
      colours,
    );
    // 2031.25 Hz of 8 kHz on a linear axis: the row covering 2000 to 2125 Hz.
    const y = Math.floor(height * (1 - 2031.25 / 8000));
    const during = pixel(rgba, width, Math.round((1 + 3) * 20), y); // session 4 s = clip 3 s
    assert.deepEqual(during, brightest);
    const before = pixel(rgba, width, Math.round((1 + 1) * 20), y); // clip 1 s: no tone yet
    assert.notDeepEqual(before, brightest);
    // Level 40 is 120 * (1 - 40/255) = 101 dB below the top: below an 80 dB range, the darkest colour.
    assert.deepEqual(pixel(rgba, width, 100, 5), darkest);
  });

  test('outside the clip the lane stays transparent', () => {
    const rgba = new Uint8ClampedArray(width * height * 4);
    // 12 s in 200 px; the clip covers 1 s to 11 s.
    paintSpectrogram(
      { width, height, rgba },
      spectrogram,
      { start: 0, secondsPerPixel: 0.06, clipStart: 1 },
      rows,
      colours,
    );
    assert.equal(pixel(rgba, width, 10, 30)[3], 0, 'before the clip starts');
    assert.equal(pixel(rgba, width, 150, 30)[3], 255, 'inside');
    assert.equal(pixel(rgba, width, 195, 30)[3], 0, 'after the clip ends');
  });

  test('zoomed out, a short loud event still shows (max, not average)', () => {
    const narrow = 10;
    const rgba = new Uint8ClampedArray(narrow * height * 4);
    // 1 px per second: the 2 s tone is two of ten pixels.
    paintSpectrogram(
      { width: narrow, height, rgba },
      spectrogram,
      { start: 0, secondsPerPixel: 1, clipStart: 0 },
      rows,
      colours,
    );
    const y = Math.floor(height * (1 - 2031.25 / 8000));
    assert.deepEqual(pixel(rgba, narrow, 2, y), brightest);
    assert.deepEqual(pixel(rgba, narrow, 3, y), brightest);
    assert.notDeepEqual(pixel(rgba, narrow, 6, y), brightest);
  });

  test('a wider dB range brings quiet levels up from the darkest colour', () => {
    const narrowRange = levelColours('grey', 60, 120);
    const wideRange = levelColours('grey', 120, 120);
    // Level 128 is 60 dB below the top: the floor of a 60 dB range, mid-grey in a 120 dB one.
    assert.ok((narrowRange[128]! & 0xff) < 5);
    assert.ok((wideRange[128]! & 0xff) > 100);
    assert.equal(wideRange[255]! & 0xff, 255);
  });

  test('on a log axis low frequencies get more rows than on a linear one', () => {
    const linear = rowBins('linear', 100, 512, 16000);
    const log = rowBins('log', 100, 512, 16000);
    const rowsBelow500 = (r: ReturnType<typeof rowBins>): number =>
      r.first.filter((bin, i) => Math.max(bin, r.last[i]!) < (500 * 512) / 16000).length;
    assert.ok(rowsBelow500(log) > 4 * rowsBelow500(linear));
  });
});
