// A result track's recipe keeps what its info shows: QUALITY.md's numbers and the final loss
// terms. Projects saved before the loss terms were kept still open.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ResultRecipe, TrackState } from '../../src/shared/ipc-project';
import { emptyDocument } from '../../src/main/project/document';
import { addTracks } from '../../src/main/project/edits';
import { readProjectFile, writeProjectFile } from '../../src/main/project/project-files';

function result(recipe: ResultRecipe): TrackState {
  return {
    id: 'r',
    name: 'piano × violin (shallow)',
    role: 'result',
    clip: {
      id: 'clip-r',
      file: 'audio/r.wav',
      sourceName: 'r.wav',
      sampleRate: 22050,
      channels: 1,
      frames: 22050,
      duration: 1,
      start: 0,
      loudnessLufs: -20,
      peakDb: -3,
    },
    mute: false,
    solo: false,
    gainDb: 0,
    recipe,
  };
}

const recipe: ResultRecipe = {
  method: 'shallow',
  preset: 'default',
  settings: {},
  iterations: 12,
  seed: 0,
  contentName: 'piano',
  styles: [{ name: 'violin', weight: 1 }],
  region: null,
  recipeFile: null,
  backend: 'wasm',
  seconds: 20,
  quality: { styleGain: 0.31, contentCorrelation: 0.97, spectralConvergence: 0.12 },
};

test('the final loss terms are saved with the result; a recipe without them still opens', async () => {
  for (const kept of [
    { ...recipe, finalLosses: { total: 81.8, content: 18.1, style: 63.8 } },
    recipe,
  ]) {
    const folder = mkdtempSync(join(tmpdir(), 'timbrefold-recipe-'));
    const document = addTracks(emptyDocument('p'), [result(kept)], 'add').document;
    await writeProjectFile(folder, document);
    const read = await readProjectFile(folder);
    assert.deepEqual(read.tracks[0]!.recipe, kept);
  }
});
