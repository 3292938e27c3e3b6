import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { frequencyTicks } from '../../src/main/plot/spectrogram-plot';
import { decadeTicks, formatHertz, formatSeconds, niceTicks } from '../../src/main/plot/ticks';

describe('axis ticks', () => {
  test('niceTicks steps by 1, 2 or 5 times a power of ten and covers the range', () => {
    assert.deepEqual(niceTicks(0, 12, 6), [0, 2, 4, 6, 8, 10, 12]);
    assert.deepEqual(niceTicks(0, 0.3, 3), [0, 0.1, 0.2, 0.3]);
    assert.deepEqual(niceTicks(-80, 0, 4), [-80, -60, -40, -20, 0]);
    const ticks = niceTicks(0, 11025, 8);
    assert.equal(ticks[1]! - ticks[0]!, 2000);
    assert.equal(ticks.at(-1), 10000);
  });

  test('decadeTicks gives 1-2-5 values inside the range', () => {
    assert.deepEqual(decadeTicks(20, 11025), [20, 50, 100, 200, 500, 1000, 2000, 5000, 10000]);
  });

  test('labels are short and readable', () => {
    assert.equal(formatHertz(500), '500');
    assert.equal(formatHertz(1000), '1k');
    assert.equal(formatHertz(2500), '2.5k');
    assert.equal(formatSeconds(1.5, 0.5), '1.5');
    assert.equal(formatSeconds(4, 2), '4');
    assert.equal(formatSeconds(0.25, 0.05), '0.25');
  });

  test('log and mel axes keep labels apart and prefer round decades', () => {
    for (const scale of ['log', 'mel'] as const) {
      const axis = { scale, height: 200, maxHz: 8000 };
      const ticks = frequencyTicks(axis, 200);
      assert.ok(ticks.includes(1000), `${scale} axis lacks 1 kHz: ${ticks.join(', ')}`);
      assert.ok(ticks.length >= 3, `${scale} axis has too few ticks`);
    }
  });
});
