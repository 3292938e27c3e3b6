// Issue 10, item 4: no command's output may replace one of its inputs (the spectrogram picture,
// the recipe beside a transfer's result, a model export onto the model's own files).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { initBackend } from '../../src/main/engine/backend';
import { FileWriteError } from '../../src/main/fs/errors';
import { exportModel } from '../../src/main/models/model-bundle';
import { ModelCache } from '../../src/main/models/model-cache';
import { WEIGHTS_FILE } from '../../src/main/models/manifest';
import { writeSpectrogramPicture } from '../../src/main/services/spectrogram-picture';
import { writeRecipe } from '../../src/main/transfer/recipe';
import { runTransfer } from '../../src/main/transfer/run-transfer';
import { runCli } from '../cli/run-cli';
import { corpusFile } from '../fixtures/paths';
import { draftFor, tinyNetwork } from '../models/fixtures';

const fresh = () => mkdtempSync(join(tmpdir(), 'timbrefold-spare-inputs-'));
const sha256 = (path: string): string =>
  createHash('sha256').update(readFileSync(path)).digest('hex');
const isProtected = (error: unknown) =>
  error instanceof FileWriteError && error.code === 'PROTECTED';

describe('outputs never replace their inputs', () => {
  before(async () => {
    await initBackend({ backend: 'cpu' });
  });

  test('spectrogram IN.wav IN.wav refuses and leaves the WAV as it was', async () => {
    const input = join(fresh(), 'speech.wav');
    copyFileSync(corpusFile('speech_espeak_en-us.wav'), input);
    const before = sha256(input);
    await assert.rejects(
      writeSpectrogramPicture(input, input, {
        nFft: 1024,
        hop: 256,
        dbRange: 80,
        scale: 'log',
        colormap: 'magma',
        width: 400,
        height: 300,
      }),
      isProtected,
    );
    assert.equal(sha256(input), before);
    const run = await runCli(['spectrogram', input, input]);
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /Refusing to overwrite speech\.wav/);
    assert.equal(sha256(input), before);
  });

  test('the recipe beside a result does not replace an input named like it', async () => {
    const dir = fresh();
    // A content WAV that happens to carry the recipe's name.
    const content = join(dir, 'song.recipe.json');
    copyFileSync(corpusFile('speech_espeak_en-us.wav'), content);
    const before = sha256(content);
    const input = { sha256: before, sampleRate: 22050, channels: 1, frames: 1 };
    await assert.rejects(
      writeRecipe(join(dir, 'song.wav'), {
        method: 'shallow',
        preset: 'default',
        settings: {},
        seed: 1,
        content: { path: content, ...input },
        region: null,
        styles: [],
        output: {
          path: join(dir, 'song.wav'),
          sampleRate: 22050,
          channels: 1,
          frames: 1,
          gainDb: 0,
        },
        backend: 'cpu',
        tfjsVersion: '0',
        result: { iterations: 0, finalLosses: {} as never, wallSeconds: {} as never },
        quality: { styleGain: null, contentCorrelation: null, spectralConvergence: null },
        history: [],
      }),
      isProtected,
    );
    assert.equal(sha256(content), before);
  });

  test('a transfer whose result or recipe would replace an input refuses before any work', async () => {
    const dir = fresh();
    const content = join(dir, 'song.recipe.json');
    const style = join(dir, 'style.wav');
    copyFileSync(corpusFile('speech_espeak_en-us.wav'), content);
    copyFileSync(corpusFile('speech_espeak_en-us.wav'), style);
    const before = [sha256(content), sha256(style)];
    const request = (output: string) => ({
      method: 'shallow' as const,
      settings: {},
      content,
      styles: [{ path: style, weight: 1 }],
      output,
      backend: 'cpu' as const,
    });
    const started = performance.now();
    await assert.rejects(runTransfer(request(join(dir, 'song.wav'))), isProtected);
    await assert.rejects(runTransfer(request(style)), isProtected);
    assert.ok(performance.now() - started < 5000, 'refused only after the work');
    assert.deepEqual([sha256(content), sha256(style)], before);
  });

  test("a model export onto the model's own weights refuses", async () => {
    const dir = fresh();
    const cache = new ModelCache({ dir });
    const network = tinyNetwork(1);
    try {
      await cache.save(draftFor('mine'), network.namedWeights());
    } finally {
      network.dispose();
    }
    const weights = join(dir, 'mine', WEIGHTS_FILE);
    const before = sha256(weights);
    await assert.rejects(exportModel(cache, 'mine', weights), isProtected);
    assert.equal(sha256(weights), before);
  });
});
