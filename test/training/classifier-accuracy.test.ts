// Seed 000's first step on the corpus: a classifier of two instruments (flute vs keyboard, as
// the paper) in the test's small configuration. Held-out clips are whole files the training
// never saw (a third of each class), classified as `timbrefold classify` does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadClassifier } from '../../src/main/methods/cnn/classifier';
import { ModelCache } from '../../src/main/models/model-cache';
import { clipProbabilities } from '../../src/main/training/classify';
import { clipSpectrogram } from '../../src/main/training/clip-spectrogram';
import { trainClassifier } from '../../src/main/training/train-classifier';
import { corpusFile } from '../fixtures/paths';
import { classFolder, familyClips, freshFolder } from './fixtures';

test('flute vs keyboard: at least 95 % of held-out clips classified right', async () => {
  const modelsDir = freshFolder();
  const data = classFolder({ flute: familyClips('flute'), keyboard: familyClips('keyboard') });
  let lastEpoch = -1;
  const result = await trainClassifier(
    {
      data,
      architecture: 'verma-smith',
      name: 'flute-keyboard',
      modelsDir,
      width: 1 / 8,
      epochs: 8,
      learningRate: 2e-3,
      cropSeconds: 1,
      cropsPerClip: 4,
      holdOut: 1 / 3,
      validation: 0,
      seed: 1,
      backend: 'wasm',
    },
    { onProgress: (p) => (lastEpoch = p.phase === 'training' ? p.epoch : lastEpoch) },
  );
  const { accuracy } = result.manifest;
  assert.equal(accuracy.heldOutClips, 4, 'two files of each class were held out');
  assert.ok(
    accuracy.heldOut !== null && accuracy.heldOut >= 0.95,
    `held-out accuracy ${accuracy.heldOut}`,
  );
  assert.ok(
    accuracy.heldOutCrops !== null && accuracy.heldOutCrops >= 0.75,
    `crop accuracy ${accuracy.heldOutCrops}`,
  );
  assert.equal(lastEpoch, 8, 'progress reached the last epoch');
  assert.equal(result.history.length, 8);
  assert.ok(result.history.at(-1)!.loss < result.history[0]!.loss, 'the training loss fell');

  // The saved model loads back from the cache and classifies whole files.
  const { manifest, network } = await loadClassifier(
    new ModelCache({ dir: modelsDir }),
    'flute-keyboard',
  );
  try {
    assert.deepEqual(manifest.classes, ['flute', 'keyboard']);
    for (const [file, expected] of [
      [familyClips('flute')[0]!, 0],
      [familyClips('keyboard')[0]!, 1],
    ] as const) {
      const p = clipProbabilities(
        network,
        await clipSpectrogram(corpusFile(file), manifest.spectrogram),
        manifest.cropFrames,
      );
      assert.ok(Math.abs(p[0]! + p[1]! - 1) < 1e-5, 'probabilities sum to 1');
      assert.ok(p[expected]! > 0.5, `${file}: ${Array.from(p).join(', ')}`);
    }
  } finally {
    network.dispose();
  }
});
