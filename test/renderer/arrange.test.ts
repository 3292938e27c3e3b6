// Where a dragged track lands and where a dragged clip starts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dropIndex, newClipStart } from '../../src/renderer/src/tracks/arrange';

describe('arranging', () => {
  test('a dragged track lands above the first row whose middle is below the pointer', () => {
    const middles = [50, 150, 250];
    assert.equal(dropIndex(middles, 10), 0);
    assert.equal(dropIndex(middles, 60), 1);
    assert.equal(dropIndex(middles, 249), 2);
    assert.equal(dropIndex(middles, 900), 3, 'below every row: last');
    assert.equal(dropIndex([], 10), 0);
  });

  test('a clip start stays at or after 0 s, in whole milliseconds', () => {
    assert.equal(newClipStart(1, 0.1), 1.1);
    assert.equal(newClipStart(0.05, -0.1), 0);
    assert.equal(newClipStart(2, 1 / 3), 2.333);
  });
});
