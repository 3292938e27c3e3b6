// The trained-CNN transfer's pipeline with the shipped classifier: stereo, regions and windows,
// determinism, cancel, and every way a model can fail to fit the request.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, cpSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { readWav } from '../../src/main/audio';
import type { TransferRequest } from '../../src/shared/transfer';
import { runTransfer } from '../../src/main/transfer/run-transfer';
import { TransferCancelled } from '../../src/main/engine/errors';
import {
  ModelDamagedError,
  ModelMismatchError,
  ModelNotFoundError,
} from '../../src/main/models/errors';
import { shippedModelsFolder } from '../../src/main/models/locations';
import { ModelCache } from '../../src/main/models/model-cache';
import { planWindows } from '../../src/main/transfer/windows';
import { corpusFile } from '../fixtures/paths';
import { emptyModels, out, request } from './transfer-fixture';

describe('the trained-CNN transfer pipeline', () => {
  test('stereo content, a region and several windows: per-channel result at the content’s rate', async () => {
    const result = await runTransfer(
      request({
        content: corpusFile('long_piano_melody_44k_stereo.wav'),
        region: { start: 1, end: 3.5 },
        settings: {
          iterations: 2,
          phaseIterations: 4,
          channelMode: 'per-channel',
          windowSeconds: 1,
        },
        output: out('stereo.wav'),
      }),
    );
    const written = await readWav(out('stereo.wav'));
    assert.equal(written.format.sampleRate, 44100);
    assert.equal(written.audio.channels.length, 2);
    assert.equal(written.audio.channels[0]!.length, Math.round(2.5 * 44100));
    // 2.5 s at 16 kHz, hop 160: 251 frames, in windows of 100 overlapping by a quarter.
    const windows = planWindows(251, 100, 25);
    assert.ok(windows.length > 1);
    assert.equal(result.iterations, 2 * windows.length * 2);
  });

  test('the same request twice gives the same output, sample for sample, and leaves no tensor behind', async () => {
    const small = { settings: { iterations: 3, phaseIterations: 4 } };
    await runTransfer(request({ ...small, output: out('a.wav') }));
    const tensors = tf.memory().numTensors;
    await runTransfer(request({ ...small, output: out('b.wav') }));
    assert.equal(tf.memory().numTensors, tensors, 'tensors left behind by a transfer');
    const a = (await readWav(out('a.wav'))).audio.channels[0]!;
    const b = (await readWav(out('b.wav'))).audio.channels[0]!;
    assert.deepEqual(a, b);
  });

  test('cancelling stops within an iteration and writes nothing', async () => {
    const controller = new AbortController();
    await assert.rejects(
      runTransfer(request({ output: out('cancelled.wav') }), {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'optimisation' && p.iteration === 2) controller.abort();
        },
      }),
      TransferCancelled,
    );
    assert.equal(existsSync(out('cancelled.wav')), false);
  });

  test('a model that does not fit the request is reported before any work, in one sentence', async () => {
    const cases: [Partial<TransferRequest>, new (...args: never[]) => Error, RegExp][] = [
      [
        { preset: 'audio-vgg', model: 'demo-verma-smith' },
        ModelMismatchError,
        /is a verma-smith network; the audio-vgg preset needs/,
      ],
      [
        { settings: { contentLayer: 'relu3_3' } },
        ModelMismatchError,
        /has no layer "relu3_3"; its layers are relu1, pool1/,
      ],
      [
        { analysis: { nFft: 2048 } },
        ModelMismatchError,
        /reads spectrograms of 16000 Hz, n_fft 512.*nFft 2048/,
      ],
      [{ model: 'nobody' }, ModelNotFoundError, /no model called "nobody"/],
    ];
    for (const [overrides, kind, message] of cases)
      await assert.rejects(
        runTransfer(request({ ...overrides, output: out('never.wav') })),
        (error: unknown) => {
          assert.ok(error instanceof kind, `${String(error)}`);
          assert.match((error as Error).message, message);
          return true;
        },
      );
    // A damaged copy of the model is refused, never used.
    const damagedDir = mkdtempSync(join(tmpdir(), 'timbrefold-damaged-'));
    cpSync(join(shippedModelsFolder(), 'demo-verma-smith'), join(damagedDir, 'demo-verma-smith'), {
      recursive: true,
    });
    const weights = join(damagedDir, 'demo-verma-smith', 'weights.bin');
    const bytes = readFileSync(weights);
    bytes[7] = bytes[7]! ^ 0x10;
    writeFileSync(weights, bytes);
    await assert.rejects(
      runTransfer(request({ modelsDir: damagedDir, output: out('never.wav') })),
      ModelDamagedError,
    );
    assert.equal(existsSync(out('never.wav')), false);
    assert.ok(
      await new ModelCache({ dir: emptyModels, shipped: [shippedModelsFolder()] }).exists(
        'demo-verma-smith',
      ),
    );
  });
});
