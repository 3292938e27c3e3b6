// A project saved in format 1 (the panel's alpha, beta, iterations, seed and start as fields of
// their own) opens as format 2, every value kept under its declared name; the file on disk is not
// rewritten by opening it.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { readProjectFile } from '../../src/main/project/project-files';

const clip = {
  id: 'clip1',
  file: 'audio/piano.wav',
  sourceName: 'piano.wav',
  sampleRate: 44100,
  channels: 2,
  frames: 44100,
  duration: 1,
  start: 0,
  loudnessLufs: -20,
  peakDb: -3,
};

/** A format-1 project.json as the app wrote it before the methods redesign. */
const version1 = {
  format: 'timbrefold-project',
  version: 1,
  name: 'Old song',
  tracks: [
    {
      id: 'result1',
      name: 'piano × strings (cnn)',
      role: 'result',
      clip,
      mute: false,
      solo: false,
      gainDb: 0,
      recipe: {
        method: 'cnn',
        preset: 'verma-smith',
        model: 'demo-verma-smith',
        contentWeight: 0.5,
        styleWeight: 2,
        energyWeight: 0.05,
        frequencyWeight: 0.02,
        iterations: 3,
        seed: 7,
        start: 'noise',
        contentName: 'piano',
        styles: [{ name: 'strings', weight: 1 }],
        region: null,
        recipeFile: 'audio/piano x strings (cnn).recipe.json',
        backend: 'wasm (SIMD, 2 threads)',
        seconds: 4.2,
      },
    },
  ],
  selection: null,
  transfer: {
    method: 'shallow',
    preset: 'ulyanov',
    contentWeight: 0.025,
    styleWeight: 3,
    iterations: 40,
    seed: 11,
    start: 'content',
    contentTrackId: null,
    styles: [],
  },
  ratings: { result1: 4 },
};

describe('project format 1', () => {
  test('opens as format 2 with every panel value and result setting under its declared name', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'timbrefold-v1-'));
    const text = `${JSON.stringify(version1, null, 2)}\n`;
    writeFileSync(join(folder, 'project.json'), text);
    const document = await readProjectFile(folder);
    assert.equal(document.version, 2);
    assert.deepEqual(document.transfer, {
      method: 'shallow',
      preset: 'ulyanov',
      values: { contentWeight: 0.025, styleWeight: 3, iterations: 40, seed: 11, start: 'content' },
      contentTrackId: null,
      styles: [],
    });
    const recipe = document.tracks[0]!.recipe!;
    assert.deepEqual(recipe.settings, {
      contentWeight: 0.5,
      styleWeight: 2,
      energyWeight: 0.05,
      frequencyWeight: 0.02,
      start: 'noise',
    });
    assert.equal(recipe.iterations, 3);
    assert.equal(recipe.seed, 7);
    assert.equal(recipe.model, 'demo-verma-smith');
    assert.deepEqual(document.ratings, { result1: 4 });
    assert.equal(readFileSync(join(folder, 'project.json'), 'utf8'), text, 'opening wrote nothing');
  });

  test('a format-1 document with a method this build does not know is refused as damaged', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'timbrefold-v1-'));
    writeFileSync(
      join(folder, 'project.json'),
      JSON.stringify({ ...version1, transfer: { ...version1.transfer, method: 'wavenet' } }),
    );
    await assert.rejects(
      readProjectFile(folder),
      /damaged: transfer\.method must be one of the methods/,
    );
  });
});
