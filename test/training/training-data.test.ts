import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { SPECTROGRAM_PRESETS } from '../../src/main/engine/cnn/spectrogram-settings';
import { TrainingDataError } from '../../src/main/training/errors';
import { loadTrainingClips } from '../../src/main/training/load-clips';
import { splitByFile } from '../../src/main/training/split';
import { findTrainingData } from '../../src/main/training/training-data';
import { corpusFile } from '../fixtures/paths';
import { classFolder, familyClips } from './fixtures';

const settings = SPECTROGRAM_PRESETS['verma-smith'];

function rejectsWith(code: string, pattern: RegExp) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof TrainingDataError, `a TrainingDataError, not ${String(error)}`);
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
    return true;
  };
}

describe('training data: folders of classes and NSynth', () => {
  test('finds one class per folder, sorted, with every WAV below it', async () => {
    const root = classFolder({
      keyboard: familyClips('keyboard').slice(0, 2),
      flute: familyClips('flute').slice(0, 3),
    });
    mkdirSync(join(root, 'flute', 'more'));
    symlinkSync(corpusFile(familyClips('flute')[3]!), join(root, 'flute', 'more', 'deeper.wav'));
    writeFileSync(join(root, 'flute', 'notes.txt'), 'not audio');
    const data = await findTrainingData(root);
    assert.equal(data.layout, 'folders');
    assert.deepEqual(data.classes, ['flute', 'keyboard']);
    assert.deepEqual(
      data.clips.map((c) => [c.className, c.label]),
      [...Array(4).fill(['flute', 0]), ...Array(2).fill(['keyboard', 1])],
    );
  });

  test('an empty class folder, a single class, no classes, a missing folder: clear errors', async () => {
    const empty = classFolder({ flute: familyClips('flute').slice(0, 2) });
    mkdirSync(join(empty, 'keyboard'));
    await assert.rejects(
      findTrainingData(empty),
      rejectsWith('EMPTY_CLASS', /keyboard has no WAV files/),
    );
    await assert.rejects(
      findTrainingData(classFolder({ flute: familyClips('flute') })),
      rejectsWith('ONE_CLASS', /only one \(flute\)/),
    );
    await assert.rejects(
      findTrainingData(mkdtempSync(join(tmpdir(), 'timbrefold-none-'))),
      rejectsWith('NO_CLASSES', /no class folders/),
    );
    await assert.rejects(
      findTrainingData('/no/such/folder'),
      rejectsWith('NOT_FOUND', /\/no\/such\/folder/),
    );
    await assert.rejects(
      findTrainingData(classFolder({ a: familyClips('flute'), b: familyClips('string') }), {
        classes: ['a', 'c'],
      }),
      rejectsWith('UNKNOWN_CLASS', /no class "c"; it has a, b/),
    );
  });

  test('unreadable clips are skipped and listed, not fatal; a class with none readable is an error', async () => {
    const root = classFolder({
      flute: familyClips('flute').slice(0, 2),
      keyboard: familyClips('keyboard').slice(0, 2),
    });
    writeFileSync(join(root, 'flute', 'broken.wav'), 'RIFF....WAVEjunk');
    const data = await findTrainingData(root);
    const loaded = await loadTrainingClips(data, settings);
    assert.equal(loaded.clips.length, 4);
    assert.equal(loaded.skipped.length, 1);
    assert.match(loaded.skipped[0]!.path, /broken\.wav$/);
    assert.ok(loaded.skipped[0]!.reason.length > 10, 'the reason is a sentence');
    assert.match(loaded.hash, /^[0-9a-f]{64}$/);
    // Every clip reads as a spectrogram at the model's STFT: 4 s at 16 kHz, hop 160.
    assert.equal(loaded.clips[0]!.spectrogram.bins, 257);
    assert.equal(loaded.clips[0]!.spectrogram.frames, 401);

    const hopeless = classFolder({ flute: familyClips('flute').slice(0, 1) });
    mkdirSync(join(hopeless, 'noise'));
    writeFileSync(join(hopeless, 'noise', 'a.wav'), 'not a wav');
    await assert.rejects(
      loadTrainingClips(await findTrainingData(hopeless), settings),
      rejectsWith('NO_READABLE_CLIPS', /class "noise"/),
    );
  });

  test("the data hash changes when a clip's content changes, not when the folder moves", async () => {
    const a = await loadTrainingClips(
      await findTrainingData(
        classFolder({
          flute: familyClips('flute').slice(0, 1),
          keyboard: familyClips('keyboard').slice(0, 1),
        }),
      ),
      settings,
    );
    const b = await loadTrainingClips(
      await findTrainingData(
        classFolder({
          flute: familyClips('flute').slice(0, 1),
          keyboard: familyClips('keyboard').slice(0, 1),
        }),
      ),
      settings,
    );
    const c = await loadTrainingClips(
      await findTrainingData(
        classFolder({
          flute: familyClips('flute').slice(1, 2),
          keyboard: familyClips('keyboard').slice(0, 1),
        }),
      ),
      settings,
    );
    assert.equal(a.hash, b.hash);
    assert.notEqual(a.hash, c.hash);
  });

  test("NSynth's layout: examples.json names each note's family; --classes picks some", async () => {
    const root = mkdtempSync(join(tmpdir(), 'timbrefold-nsynth-'));
    mkdirSync(join(root, 'audio'));
    const examples: Record<string, { instrument_family_str: string }> = {};
    for (const family of ['flute', 'keyboard', 'guitar'] as const)
      for (const clip of familyClips(family).slice(0, 2)) {
        const note = clip.replace(/\.wav$/, '');
        examples[note] = { instrument_family_str: family };
        symlinkSync(corpusFile(clip), join(root, 'audio', clip));
      }
    writeFileSync(join(root, 'examples.json'), JSON.stringify(examples));
    const all = await findTrainingData(root);
    assert.equal(all.layout, 'nsynth');
    assert.deepEqual(all.classes, ['flute', 'guitar', 'keyboard']);
    assert.equal(all.clips.length, 6);
    const two = await findTrainingData(root, { classes: ['keyboard', 'flute'] });
    assert.deepEqual(two.classes, ['keyboard', 'flute']);
    assert.deepEqual(
      two.clips.map((c) => c.label),
      [0, 0, 1, 1],
    );
    writeFileSync(join(root, 'examples.json'), '{"x": {}}');
    await assert.rejects(
      findTrainingData(root),
      rejectsWith('BAD_NSYNTH', /no instrument_family_str/),
    );
  });

  test('the held-out split is by file, per class, seeded, and leaves every class a training file', () => {
    const labels = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2];
    const split = splitByFile(labels, { holdOut: 1 / 3, validation: 0.2, seed: 4 });
    const all = [...split.train, ...split.validation, ...split.heldOut].sort((a, b) => a - b);
    assert.deepEqual(
      all,
      labels.map((_, i) => i),
      'every file in exactly one part',
    );
    for (const label of [0, 1]) {
      assert.equal(split.heldOut.filter((i) => labels[i] === label).length, 2);
      assert.equal(split.validation.filter((i) => labels[i] === label).length, 1);
    }
    assert.deepEqual(
      split.train.filter((i) => labels[i] === 2),
      [12],
      'a class of one file trains',
    );
    assert.deepEqual(splitByFile(labels, { holdOut: 1 / 3, validation: 0.2, seed: 4 }), split);
    assert.notDeepEqual(splitByFile(labels, { holdOut: 1 / 3, validation: 0.2, seed: 5 }), split);
  });
});
