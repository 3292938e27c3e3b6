import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { TransferRequest } from '../../src/shared/transfer';
import { createEngineJobRunner } from '../../src/main/worker/engine-jobs';
import { JobCancelledError } from '../../src/main/jobs/errors';
import { corpusFile } from '../fixtures/paths';
import { smallSettings } from './small-settings';

const workDir = mkdtempSync(join(tmpdir(), 'timbrefold-cancel-'));

describe('a transfer job in the engine worker', () => {
  test('streams progress and previews, and cancel stops it within one iteration with nothing written', async () => {
    const output = join(workDir, 'cancelled.wav');
    const request: TransferRequest = {
      method: 'shallow',
      preset: 'default',
      settings: { ...smallSettings, iterations: 10000 },
      content: corpusFile('drums_groove_120bpm.wav'),
      styles: [{ path: corpusFile('flute_acoustic_073-060-127.wav'), weight: 1 }],
      output,
      backend: 'wasm',
      previewEvery: 2,
    };
    const controller = new AbortController();
    let cancelledAt = 0;
    let lastIteration = 0;
    let previews = 0;
    const job = createEngineJobRunner().run('transfer', request, {
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.phase !== 'optimisation') return;
        lastIteration = progress.iteration;
        if (progress.preview) {
          previews++;
          assert.ok(progress.preview.logMagnitude instanceof Float32Array);
          assert.equal(
            progress.preview.logMagnitude.length,
            progress.preview.frames * progress.preview.bins,
          );
          assert.ok(progress.preview.audio.length > 0, 'a preview carries audio to listen to');
        }
        if (progress.iteration === 5 && !cancelledAt) {
          cancelledAt = progress.iteration;
          controller.abort();
        }
      },
    });
    await assert.rejects(job, JobCancelledError);
    assert.equal(cancelledAt, 5);
    assert.ok(
      lastIteration <= cancelledAt + 1,
      `iterations went on to ${lastIteration} after the cancel at ${cancelledAt}`,
    );
    assert.ok(previews >= 2, `expected previews at iterations 1, 2 and 4, saw ${previews}`);
    assert.equal(existsSync(output), false);
  });
});
