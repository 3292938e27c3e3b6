import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { planWindows, WindowJoiner } from '../../src/main/transfer/windows';

describe('content windows', () => {
  test('a clip shorter than a window is one window', () => {
    assert.deepEqual(planWindows(100, 431, 22), [{ start: 0, end: 100 }]);
  });

  test('windows cover every frame, keep their length, and overlap their neighbours', () => {
    for (const [total, length, overlap] of [
      [1000, 431, 22],
      [7752, 431, 44],
      [432, 431, 22],
      [900, 300, 100],
    ] as const) {
      const windows = planWindows(total, length, overlap);
      assert.equal(windows[0]!.start, 0);
      assert.equal(windows.at(-1)!.end, total);
      for (const w of windows)
        assert.equal(w.end - w.start, length, `window ${w.start}-${w.end} of ${total}`);
      for (let i = 1; i < windows.length; i++) {
        assert.ok(
          windows[i - 1]!.end - windows[i]!.start >= overlap,
          `windows ${i - 1} and ${i} overlap by less than ${overlap}`,
        );
      }
    }
  });

  test('joining identical windows of a spectrogram gives it back exactly (weights sum to one)', () => {
    const frames = 1000;
    const bins = 7;
    const source = new Float32Array(frames * bins).map((_, i) => Math.sin(i * 0.01) + 2);
    const windows = planWindows(frames, 300, 40);
    const joiner = new WindowJoiner(frames, bins, 40);
    windows.forEach((w, i) => joiner.add(windows, i, source.slice(w.start * bins, w.end * bins)));
    const joined = joiner.finish();
    for (let i = 0; i < joined.length; i++)
      assert.ok(Math.abs(joined[i]! - source[i]!) < 1e-5, `value ${i}`);
  });

  test('two different windows cross-fade linearly, with no jump at either edge of the overlap', () => {
    const frames = 500;
    const windows = planWindows(frames, 300, 100);
    assert.equal(windows.length, 2);
    const joiner = new WindowJoiner(frames, 1, 100);
    joiner.add(windows, 0, new Float32Array(300).fill(0));
    joiner.add(windows, 1, new Float32Array(300).fill(1));
    const joined = joiner.finish();
    let largestStep = 0;
    for (let f = 1; f < frames; f++)
      largestStep = Math.max(largestStep, Math.abs(joined[f]! - joined[f - 1]!));
    // A jump from 0 to 1 spread over a 100-frame overlap moves at most 1/100 per frame.
    assert.ok(largestStep <= 1 / 100 + 1e-6, `largest frame-to-frame step ${largestStep}`);
    assert.equal(joined[0], 0);
    assert.equal(joined[frames - 1], 1);
  });
});
