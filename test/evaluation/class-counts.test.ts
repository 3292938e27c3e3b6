// Seed 000's consistency count from classify results, and its readable form.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatClassCounts } from '../../src/main/cli/evaluate-command';
import { countClasses } from '../../src/main/evaluation/class-counts';

const p = (flute: number) => ({ flute, keyboard: 1 - flute });

describe('class counts', () => {
  const results = [
    { file: 'a.wav', class: 'flute', probabilities: p(0.9) },
    { file: 'b.wav', class: 'flute', probabilities: p(0.6) },
    { file: 'c.wav', error: 'c.wav was not found.' },
    { file: 'd.wav', class: 'flute', probabilities: p(0.8) },
  ];

  test('counts each class, lists every class of the model (0 included) and the failures', () => {
    assert.deepEqual(countClasses(results), {
      files: 4,
      classified: 3,
      counts: { flute: 3, keyboard: 0 },
      failed: [{ file: 'c.wav', error: 'c.wav was not found.' }],
    });
    assert.deepEqual(countClasses([]), { files: 0, classified: 0, counts: {}, failed: [] });
  });

  test('the readable form gives each class its share of the classified files', () => {
    assert.equal(
      formatClassCounts('demo', countClasses(results)),
      [
        'demo classed 3 of 4 files:',
        '  flute     3 of 3 (100.0%)',
        '  keyboard  0 of 3 (0.0%)',
        'c.wav: cannot classify: c.wav was not found.',
        '',
      ].join('\n'),
    );
  });
});
