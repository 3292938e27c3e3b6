// A/B listening is loudness-matched (everything brought down to the quietest), blind order is a
// stable shuffle, log sliders map decades evenly, keys map to the menu's commands.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { matchesAccelerator } from '../../src/shared/ipc-menu';
import { blindOrder, matchLoudness } from '../../src/renderer/src/state/loudness-match';
import {
  positionOfValue,
  roundWeight,
  valueOfPosition,
  decadeTicks,
} from '../../src/renderer/src/state/log-scale';
import { applyJobUpdate } from '../../src/renderer/src/state/job-updates';
import type { JobSummary } from '../../src/shared/ipc-jobs';

const key = (
  k: string,
  mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {},
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('listening and controls', () => {
  test('loudness matching brings every candidate to the content, never past full scale', () => {
    const match = matchLoudness(
      [
        { id: 'content', loudnessLufs: -17, peakDb: -1 },
        { id: 'loud', loudnessLufs: -14.5, peakDb: -0.5 },
        { id: 'quiet', loudnessLufs: -23, peakDb: -12 },
        { id: 'quiet-peaky', loudnessLufs: -23, peakDb: -3 },
        { id: 'silent', loudnessLufs: null, peakDb: null },
      ],
      'content',
    );
    assert.equal(match.targetLufs, -17);
    assert.equal(match.gains['content'], 0);
    assert.equal(match.gains['loud'], -2.5);
    assert.equal(match.gains['quiet'], 6, 'turned up the whole way: its peak allows it');
    assert.ok(Math.abs(match.gains['quiet-peaky']! - 2.9) < 1e-9, 'up only to -0.1 dBFS');
    assert.equal(match.gains['silent'], 0);
    assert.deepEqual(match.limited, ['quiet-peaky']);
    // Without a measurable reference: the quietest one's loudness, as before.
    const fallback = matchLoudness([
      { id: 'a', loudnessLufs: -17 },
      { id: 'b', loudnessLufs: -23 },
    ]);
    assert.equal(fallback.targetLufs, -23);
    assert.deepEqual(fallback.gains, { a: -6, b: 0 });
  });

  test('blind order is a permutation, the same for the same seed', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    const once = blindOrder(items, 42);
    assert.deepEqual([...once].sort(), items);
    assert.deepEqual(blindOrder(items, 42), once);
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8].map((s) => blindOrder(items, s).join(''));
    assert.ok(new Set(seeds).size > 3, 'different seeds give different orders');
  });

  test('log sliders: equal steps are equal ratios', () => {
    const range = { min: 1e-5, max: 1e3 };
    assert.ok(Math.abs(valueOfPosition(0.5, range) - 0.1) < 1e-12);
    assert.equal(positionOfValue(1e-5, range), 0);
    assert.equal(positionOfValue(1e3, range), 1);
    assert.equal(roundWeight(0.012345), 0.0123);
    assert.deepEqual(decadeTicks(0.03, 250), [0.01, 0.1, 1, 10, 100, 1000]);
  });

  test('accelerators: Space, Ctrl+Z and Ctrl+Shift+Z are told apart', () => {
    assert.ok(matchesAccelerator('Space', key(' '), false));
    assert.ok(matchesAccelerator('CmdOrCtrl+Z', key('z', { ctrlKey: true }), false));
    assert.ok(
      !matchesAccelerator('CmdOrCtrl+Z', key('Z', { ctrlKey: true, shiftKey: true }), false),
    );
    assert.ok(
      matchesAccelerator('CmdOrCtrl+Shift+Z', key('Z', { ctrlKey: true, shiftKey: true }), false),
    );
    assert.ok(matchesAccelerator('CmdOrCtrl+S', key('s', { metaKey: true }), true));
    assert.ok(!matchesAccelerator('CmdOrCtrl+S', key('s', { ctrlKey: true }), true));
    assert.ok(matchesAccelerator('=', key('+', { shiftKey: true }), false));
    assert.ok(!matchesAccelerator('L', key('l', { ctrlKey: true }), false));
  });

  test('job updates accumulate the loss history and keep the latest preview', () => {
    const job = { id: 'j', state: 'running' } as JobSummary;
    let jobs = applyJobUpdate({}, { job, loss: { iteration: 1, total: 3, content: 1, style: 2 } });
    jobs = applyJobUpdate(jobs, { job: { ...job, iteration: 2 } as JobSummary });
    jobs = applyJobUpdate(jobs, { job, loss: { iteration: 3, total: 2, content: 1, style: 1 } });
    assert.deepEqual(
      jobs['j']!.losses.map((l) => l.iteration),
      [1, 3],
    );
    assert.equal(jobs['j']!.preview, null);
  });
});
