// Cancel keeps the last completed epoch; the same training run again resumes from it and ends
// where an uninterrupted run ends.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/main/engine/backend';
import { ModelCache } from '../../src/main/models/model-cache';
import { CheckpointMismatchError, TrainingCancelled } from '../../src/main/training/errors';
import { trainClassifier, type TrainRequest } from '../../src/main/training/train-classifier';
import { ModelExistsError } from '../../src/main/models/errors';
import { classFolder, familyClips, freshFolder } from './fixtures';

const data = classFolder({
  flute: familyClips('flute').slice(0, 3),
  keyboard: familyClips('keyboard').slice(0, 3),
});

function request(modelsDir: string, overrides: Partial<TrainRequest> = {}): TrainRequest {
  return {
    data,
    architecture: 'verma-smith',
    name: 'tiny',
    modelsDir,
    width: 1 / 32,
    epochs: 3,
    cropSeconds: 0.5,
    cropsPerClip: 2,
    batchSize: 4,
    holdOut: 0.34,
    validation: 0,
    seed: 3,
    backend: 'wasm',
    ...overrides,
  };
}

async function weightsOf(modelsDir: string, name: string): Promise<Float32Array> {
  const { weights } = await new ModelCache({ dir: modelsDir }).load(name);
  const flat = tf.tidy(() => tf.concat(Object.values(weights).map((t) => tf.reshape(t, [-1]))));
  const values = Float32Array.from(flat.dataSync());
  tf.dispose([flat, ...Object.values(weights)]);
  return values;
}

function maxRelativeDifference(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff / scale;
}

describe('training: cancel, resume, replace', () => {
  test('a cancelled run keeps its completed epochs and resumes to the uninterrupted result', async () => {
    await initBackend({ backend: 'wasm' });
    const straight = freshFolder();
    const tensors = tf.memory().numTensors;
    await trainClassifier(request(straight));
    assert.equal(tf.memory().numTensors, tensors, 'tensors left behind by training');

    const interrupted = freshFolder();
    const controller = new AbortController();
    await assert.rejects(
      trainClassifier(request(interrupted), {
        signal: controller.signal,
        // Cancel in the middle of the second epoch.
        onProgress: (p) => {
          if (p.phase === 'training' && p.epoch === 1 && p.batch === 1) controller.abort();
        },
      }),
      (error: unknown) => {
        assert.ok(error instanceof TrainingCancelled);
        assert.equal(error.epochsDone, 1);
        assert.match(error.message, /after 1 of 3 epochs/);
        return true;
      },
    );
    const cache = new ModelCache({ dir: interrupted });
    assert.equal(await cache.exists('tiny'), false, 'no model is written by a cancelled run');
    assert.ok(existsSync(cache.checkpointFolder('tiny')), 'the checkpoint is kept');

    const resumed = await trainClassifier(request(interrupted));
    assert.equal(resumed.resumedFrom, 1);
    assert.equal(resumed.history.length, 3);
    assert.equal(
      existsSync(cache.checkpointFolder('tiny')),
      false,
      'the checkpoint is gone once the model is saved',
    );
    // Adam's bias correction is restored as beta^t rather than multiplied up step by step, so
    // the weights agree to float32 rounding, not bit for bit.
    const a = await weightsOf(straight, 'tiny');
    const b = await weightsOf(interrupted, 'tiny');
    assert.ok(
      maxRelativeDifference(b, a) < 1e-3,
      `resumed vs uninterrupted: ${maxRelativeDifference(b, a)}`,
    );
    const otherSeed = freshFolder();
    await trainClassifier(request(otherSeed, { seed: 4 }));
    assert.ok(
      maxRelativeDifference(await weightsOf(otherSeed, 'tiny'), a) > 0.05,
      'another seed trains another network',
    );
  });

  test('a checkpoint of other settings is never mixed in; --resume without one says so', async () => {
    const modelsDir = freshFolder();
    const controller = new AbortController();
    await assert.rejects(
      trainClassifier(request(modelsDir), {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'training' && p.epoch === 1) controller.abort();
        },
      }),
      TrainingCancelled,
    );
    await assert.rejects(
      trainClassifier(request(modelsDir, { width: 1 / 16 })),
      (error: unknown) => {
        assert.ok(error instanceof CheckpointMismatchError);
        assert.match(error.message, /other width/);
        return true;
      },
    );
    await assert.rejects(
      trainClassifier(request(freshFolder(), { resume: 'resume' })),
      /no interrupted training of "tiny"/,
    );
    // --restart discards the old checkpoint and trains afresh.
    const restarted = await trainClassifier(
      request(modelsDir, { width: 1 / 16, resume: 'restart', epochs: 1 }),
    );
    assert.equal(restarted.resumedFrom, 0);
    // The model exists now: training over it needs replace, and says so before any work.
    await assert.rejects(trainClassifier(request(modelsDir, { epochs: 1 })), ModelExistsError);
    const replaced = await trainClassifier(request(modelsDir, { epochs: 1, replace: true }));
    assert.equal(replaced.manifest.training.epochs, 1);
  });
});
