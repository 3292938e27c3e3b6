// Both networks learn on both backends: ten Adam steps on one batch of corpus crops lower
// the loss, so the gradient reaches every layer through the custom-gradient ops.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/main/engine/backend';
import type { ArchitectureName } from '../../src/main/engine/cnn/architectures';
import { softmaxCrossEntropy } from '../../src/main/engine/cnn/layers';
import { CnnNetwork } from '../../src/main/engine/cnn/network';
import { clipSpectrogram } from '../../src/main/training/clip-spectrogram';
import { fillBatch } from '../../src/main/training/crops';
import { spectrogramStatistics } from '../../src/main/training/spectrogram-statistics';
import { corpusFile } from '../fixtures/paths';
import { familyClips } from './fixtures';

const analysis = { sampleRate: 16000, nFft: 256, hop: 128, winLength: 256 };
const cropFrames = 32;

for (const backend of ['cpu', 'wasm'] as const)
  describe(`training steps on the ${backend} backend`, () => {
    for (const architecture of ['verma-smith', 'audio-vgg'] as ArchitectureName[])
      test(`${architecture}: ten Adam steps on one batch lower the loss and change every weight`, async () => {
        await initBackend({ backend });
        const files = [
          familyClips('flute')[0]!,
          familyClips('keyboard')[0]!,
          familyClips('flute')[1]!,
          familyClips('keyboard')[1]!,
        ];
        const spectrograms = await Promise.all(
          files.map((f) => clipSpectrogram(corpusFile(f), analysis)),
        );
        const stats = spectrogramStatistics(spectrograms);
        const network = CnnNetwork.initialise(
          {
            architecture,
            width: architecture === 'audio-vgg' ? 1 / 16 : 1 / 32,
            bins: 129,
            classes: 2,
            inputMean: stats.mean,
            inputStd: stats.std,
          },
          5,
        );
        const crops = files.map((_, clip) => ({ clip, start: 10, gainDb: 0 }));
        const x = tf.tensor4d(fillBatch(spectrograms, crops, cropFrames), [4, cropFrames, 129, 1]);
        const targets = tf.tensor2d([1, 0, 0, 1, 1, 0, 0, 1], [4, 2]);
        const before = network.variables().map((v) => Float32Array.from(v.dataSync()));
        const optimizer = tf.train.adam(1e-2);
        const losses: number[] = [];
        for (let step = 0; step < 10; step++) {
          const { value, grads } = tf.variableGrads(
            () => softmaxCrossEntropy(network.logits(x), targets),
            network.variables(),
          );
          optimizer.applyGradients(grads as Parameters<typeof optimizer.applyGradients>[0]);
          losses.push(value.dataSync()[0]!);
          tf.dispose([value, ...Object.values(grads)]);
        }
        assert.ok(
          losses.at(-1)! < 0.8 * losses[0]!,
          `losses ${losses.map((l) => l.toFixed(4)).join(', ')}`,
        );
        network.variables().forEach((v, i) => {
          const changed = v.dataSync().some((value, j) => value !== before[i]![j]);
          assert.ok(changed, `${v.name} was updated`);
        });
        optimizer.dispose();
        network.dispose();
        tf.dispose([x, targets]);
      });
  });
