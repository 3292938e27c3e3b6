// Recent names saved projects by their name and untitled autosaves by when they were saved.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { recentLabel } from '../../src/renderer/src/app/recent-label';

describe('Recent labels', () => {
  test('an untitled autosave shows its time, and its day when not today', () => {
    const now = new Date(2026, 11, 3, 15, 0);
    const saved = new Date(2026, 11, 3, 12, 3).getTime();
    assert.equal(
      recentLabel({ folder: '/a', name: 'Untitled', openedAt: saved, autosaved: true }, now),
      'Untitled (autosaved 12:03)',
    );
    const yesterday = new Date(2026, 11, 2, 9, 5).getTime();
    assert.match(
      recentLabel({ folder: '/a', name: 'Untitled', openedAt: yesterday, autosaved: true }, now),
      /^Untitled \(autosaved .*2.* 09:05\)$/,
    );
    assert.equal(recentLabel({ folder: '/b', name: 'Song', openedAt: saved }, now), 'Song');
  });
});
