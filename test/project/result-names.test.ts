// Result tracks are named by what differs between takes: style, beta, take number.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resultTrackName, shortClipName } from '../../src/main/project/result-names';

describe('result names', () => {
  test('clip names shorten to their first words, numbers and separators dropped', () => {
    assert.equal(shortClipName('flute_acoustic_073-060-127'), 'Flute acoustic');
    assert.equal(shortClipName('style-violin-d4'), 'Style violin d4');
    assert.equal(shortClipName('Trumpet'), 'Trumpet');
    assert.equal(shortClipName('my take 2.wav'), 'My take');
    assert.equal(shortClipName('2024-05-01'), '2024-05-01', 'all numbers: kept whole');
  });

  test('style and beta, then a take number for a repeat', () => {
    const name = (taken: string[], styleWeight = 1, styles = ['trumpet']) =>
      resultTrackName({ method: 'shallow', styles, styleWeight, taken });
    assert.equal(name([]), 'Trumpet β 1');
    assert.equal(name(['Trumpet β 1']), 'Trumpet β 1 #2');
    assert.equal(name(['trumpet β 1', 'Trumpet β 1 #2']), 'Trumpet β 1 #3');
    assert.equal(name(['Trumpet β 1'], 6.3095734), 'Trumpet β 6.31');
    assert.equal(name([], 1e6), 'Trumpet β 1e6');
    assert.equal(name([], 0.00001), 'Trumpet β 1e-5');
    assert.equal(name([], 1, ['violin', 'flute', 'organ']), 'Violin +2 β 1');
  });

  test('a model’s method is named by the content and its model, or its target class', () => {
    const named = (extra: { model?: string; target?: string }, taken: string[] = []) =>
      resultTrackName({
        method: 'fast',
        styles: [],
        content: 'keyboard_acoustic_000-069-127',
        ...extra,
        taken,
      });
    assert.equal(named({ model: 'violin-gen' }), 'Keyboard acoustic → violin-gen');
    assert.equal(
      named({ model: 'violin-gen' }, ['Keyboard acoustic → violin-gen']),
      'Keyboard acoustic → violin-gen #2',
    );
    assert.equal(
      named({ model: 'flute-keys', target: 'keyboard' }),
      'Keyboard acoustic → keyboard',
    );
  });
});
