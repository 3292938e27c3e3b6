// `timbrefold evaluate distinctness` (seed 000's tables 2 and 3) as a user runs it, on corpus
// clips: a classifier trained per fold on whole files, tested on files it never saw.
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { scoresOf } from '../../src/main/evaluation/distinctness';
import { foldsByFile } from '../../src/main/training/split';
import { runCli } from '../cli/run-cli';
import { corpusFile } from '../fixtures/paths';
import { classFolder, familyClips } from '../training/fixtures';

interface Report {
  accuracy: number;
  tested: number;
  folds: number;
  classes: { name: string; files: number; recall: number; precision: number | null }[];
  confusion: number[][];
  files: { file: string; class: string; predicted: string; fold: number }[];
  resampled: { files: number; toRate: number };
}

/** A user's mistake: one sentence on stderr, no stack trace. */
function assertOneSentence(stderr: string): void {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, `expected one line, got:\n${stderr}`);
  assert.doesNotMatch(stderr, /\bat .+:\d+:\d+/, 'no stack trace');
}

describe('timbrefold evaluate distinctness', () => {
  test('flute and keyboard, a third of the files held out: every class recalled at 90 % or more', async () => {
    // Seed 000's source pair. The settings are the trainer's own measured ones (width 1/8, 8
    // epochs at 2e-3 classified every held-out clip right for 5 of 5 seeds, train-classifier.ts).
    // Four corpus families (with guitar and violin) do not reach it: 4 training notes per family
    // are too few (measured: accuracy 0.25 to 0.63 in 7 runs, widths 1/32 to 1/8, 6 to 20 epochs;
    // keyboard and guitar confused). Cost: one training of 8 epochs of 32 crops, 75 s on the shared
    // 2-core machine under load 10+ (about 30 s of CPU); 6 epochs at width 1/16 took 25 s but
    // missed a keyboard note with seed 1, so it is not reliable.
    const data = classFolder({ flute: familyClips('flute'), keyboard: familyClips('keyboard') });
    const run = await runCli([
      'evaluate',
      'distinctness',
      '--data',
      data,
      '--width',
      '0.125',
      '--epochs',
      '8',
      '--seed',
      '1',
      '--backend',
      'wasm',
      '--json',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as Report;
    assert.deepEqual(
      report.classes.map((c) => c.name),
      ['flute', 'keyboard'],
    );
    assert.equal(report.tested, 4, 'two of each class’s six files held out');
    for (const c of report.classes) {
      assert.equal(c.files, 2);
      assert.ok(c.recall >= 0.9, `${c.name}: recall ${c.recall}`);
      assert.ok(c.precision !== null && c.precision >= 0.9, `${c.name}: precision ${c.precision}`);
    }
    assert.ok(report.accuracy >= 0.9, `accuracy ${report.accuracy}`);
    // The matrix, the per-file list and the scores tell the same story.
    assert.equal(
      report.confusion.flat().reduce((a, b) => a + b, 0),
      report.tested,
    );
    assert.equal(new Set(report.files.map((f) => f.file)).size, report.tested);
    const right = report.files.filter((f) => f.class === f.predicted).length;
    assert.equal(right / report.tested, report.accuracy);
  });

  test('k folds: every file is tested once; a file at another rate is resampled and said so', async () => {
    // Tiny training (the structure is under test here, not the accuracy).
    const data = classFolder({
      flute: familyClips('flute').slice(0, 3),
      keyboard: familyClips('keyboard').slice(0, 2),
    });
    symlinkSync(
      corpusFile('long_piano_melody_44k_stereo.wav'),
      join(data, 'keyboard', 'melody-44k-stereo.wav'),
    );
    const run = await runCli([
      'evaluate',
      'distinctness',
      '--data',
      data,
      '--folds',
      '3',
      '--width',
      '0.015625',
      '--epochs',
      '1',
      '--crops-per-clip',
      '1',
      '--backend',
      'wasm',
      '--json',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as Report;
    assert.equal(report.folds, 3);
    assert.equal(report.tested, 6, 'each of the six files once');
    assert.equal(new Set(report.files.map((f) => f.file)).size, 6);
    assert.deepEqual([...new Set(report.files.map((f) => f.fold))].sort(), [0, 1, 2]);
    assert.deepEqual(report.resampled, { files: 1, toRate: 16000 });

    const table = await runCli([
      'evaluate',
      'distinctness',
      '--data',
      data,
      '--width',
      '0.015625',
      '--epochs',
      '1',
      '--crops-per-clip',
      '1',
      '--backend',
      'wasm',
    ]);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /accuracy \d+\.\d%/);
    assert.match(table.stdout, /class\s+files\s+recall\s+precision/);
    assert.match(table.stdout, /confusion/);
    assert.match(table.stdout, /1 file was resampled to the analysis rate, 16000 Hz\./);
  });

  test('a class folder with one clip, or more folds than a class has files: a sentence each', async () => {
    const data = classFolder({
      flute: familyClips('flute').slice(0, 1),
      keyboard: familyClips('keyboard').slice(0, 3),
    });
    const one = await runCli(['evaluate', 'distinctness', '--data', data, '--backend', 'wasm']);
    assert.equal(one.code, 1);
    assertOneSentence(one.stderr);
    assert.match(
      one.stderr,
      /"flute" has 1 readable clip: distinctness needs at least two per class/,
    );

    mkdirSync(join(data, 'guitar'));
    for (const clip of familyClips('guitar').slice(0, 2))
      symlinkSync(corpusFile(clip), join(data, 'guitar', clip));
    symlinkSync(corpusFile(familyClips('flute')[1]!), join(data, 'flute', 'second.wav'));
    const folds = await runCli(['evaluate', 'distinctness', '--data', data, '--folds', '3']);
    assert.equal(folds.code, 1);
    assertOneSentence(folds.stderr);
    assert.match(
      folds.stderr,
      /3 folds need at least 3 clips in every class.+use --folds 2 or fewer/,
    );
  });
});

describe('distinctness arithmetic', () => {
  test('folds by file: stratified, seeded, each file held out once, never trained on in its fold', () => {
    const labels = [0, 0, 0, 0, 0, 1, 1, 1, 2, 2];
    const folds = foldsByFile(labels, 3, 7);
    const heldOut = folds.flatMap((f) => f.heldOut).sort((a, b) => a - b);
    assert.deepEqual(
      heldOut,
      labels.map((_, i) => i),
    );
    for (const fold of folds) {
      assert.equal(fold.train.length + fold.heldOut.length, labels.length);
      assert.ok(fold.heldOut.every((i) => !fold.train.includes(i)));
      for (const label of [0, 1, 2])
        assert.ok(
          fold.train.some((i) => labels[i] === label),
          'every class keeps a training file',
        );
    }
    // Five files of class 0 over three folds: 2, 2 and 1.
    assert.deepEqual(
      folds.map((f) => f.heldOut.filter((i) => labels[i] === 0).length).sort(),
      [1, 2, 2],
    );
    assert.deepEqual(foldsByFile(labels, 3, 7), folds);
    assert.notDeepEqual(foldsByFile(labels, 3, 8), folds);
  });

  test('recall and precision from a confusion matrix; a class never predicted has no precision', () => {
    // rows: true a, b, c; columns: predicted.
    const scores = scoresOf(
      ['a', 'b', 'c'],
      [
        [3, 1, 0],
        [1, 2, 0],
        [2, 0, 0],
      ],
    );
    assert.deepEqual(scores, [
      { name: 'a', files: 4, recall: 3 / 4, precision: 3 / 6 },
      { name: 'b', files: 3, recall: 2 / 3, precision: 2 / 3 },
      { name: 'c', files: 2, recall: 0, precision: null },
    ]);
  });
});
