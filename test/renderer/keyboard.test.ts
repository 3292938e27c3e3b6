// The timeline's keys: arrows step on the ruler's tick grid and shift+arrows move the selection's
// edge the playhead is on; the shortcut list holds every key the editor binds, each once.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { menuItems } from '../../src/shared/ipc-menu';
import { arrowStep, steppedTime } from '../../src/renderer/src/lanes/keyboard-steps';
import { extendedSelection } from '../../src/shared/selection-extend';
import {
  keyLabel,
  shortcutSections,
  TIMELINE_KEYS,
  timelineActionOf,
  TRACK_KEYS,
  trackActionOf,
} from '../../src/renderer/src/app/keymap';

const key = (k: string, shift = false) => ({
  key: k,
  shiftKey: shift,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
});

describe('timeline keys', () => {
  test('arrows step one minor tick, snapped to the grid, inside the session', () => {
    const step = arrowStep(0.01); // 80 px = 0.8 s -> labelled step 1 s, minor 0.2 s
    assert.equal(step, 0.2);
    assert.equal(steppedTime(0, 1, step, 12), 0.2);
    assert.equal(steppedTime(0.33, 1, step, 12), 0.4);
    assert.equal(steppedTime(0.33, -1, step, 12), 0.2);
    assert.equal(steppedTime(0.4, -1, step, 12), 0.2);
    assert.equal(steppedTime(0.1, -1, step, 12), 0);
    assert.equal(steppedTime(11.9, 1, step, 12), 12);
  });

  test('shift+arrows grow a selection from the playhead and move the edge it is on', () => {
    const started = extendedSelection(null, 1, 1.2);
    assert.deepEqual(started, { start: 1, end: 1.2 });
    assert.deepEqual(extendedSelection(started, 1.2, 1.4), { start: 1, end: 1.4 });
    assert.deepEqual(extendedSelection({ start: 1, end: 1.4 }, 1.4, 1.2), { start: 1, end: 1.2 });
    assert.deepEqual(extendedSelection({ start: 1, end: 1.4 }, 1, 0.8), { start: 0.8, end: 1.4 });
    assert.equal(extendedSelection({ start: 1, end: 1.2 }, 1.2, 1), null);
    // The playhead away from the selection starts a new one.
    assert.deepEqual(extendedSelection({ start: 1, end: 2 }, 5, 5.2), { start: 5, end: 5.2 });
  });

  test('the keymap tells plain arrows from shifted ones and ignores modified keys', () => {
    assert.equal(timelineActionOf(key('ArrowLeft')), 'playhead-back');
    assert.equal(timelineActionOf(key('ArrowRight', true)), 'select-forward');
    assert.equal(timelineActionOf({ ...key('ArrowRight'), ctrlKey: true }), null);
    assert.equal(timelineActionOf(key('a')), null);
  });
});

describe('shortcut list', () => {
  test('lists every menu accelerator and every timeline key, once', () => {
    const rows = shortcutSections(false).flatMap((s) => s.rows);
    for (const item of menuItems())
      assert.ok(
        rows.some((r) => r.label === item.label && r.keys === keyLabel(item.accelerator, false)),
        `${item.label} is listed`,
      );
    for (const binding of TIMELINE_KEYS)
      assert.equal(rows.filter((r) => r.label === binding.label).length, 1);
    for (const binding of TRACK_KEYS)
      assert.ok(rows.some((r) => r.label === binding.label && r.keys.startsWith('Alt+')));
    assert.equal(trackActionOf({ ...key('ArrowUp'), altKey: true }), 'track-up');
    assert.equal(trackActionOf({ ...key('ArrowLeft', true), altKey: true }), 'clip-earlier');
    assert.equal(trackActionOf(key('ArrowUp')), null);
    assert.equal(keyLabel('CmdOrCtrl+Shift+Z', false), 'Ctrl+Shift+Z');
    assert.equal(keyLabel('CmdOrCtrl+Shift+Z', true), '⌘⇧Z');
  });
});
