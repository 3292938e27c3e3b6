// The trained-CNN transfer end to end, with the classifier shipped in resources/models: files in,
// WAV and recipe out, the result's envelopes moved toward the style's, and every way a model can
// fail to fit the request reported before any work.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { readWav } from '../../src/main/audio';
import type { TransferProgress } from '../../src/shared/transfer';
import {
  alignedEnergyTarget,
  energyEnvelope,
  envelopeLoss,
  frequencyEnvelope,
} from '../../src/main/engine/cnn/envelopes';
import { runTransfer } from '../../src/main/transfer/run-transfer';
import { clipSpectrogram } from '../../src/main/training/clip-spectrogram';
import { recipePathFor, type Recipe } from '../../src/main/transfer/recipe';

/** A trained-CNN recipe: the common fields and the model's. */
type CnnRecipe = Recipe & {
  model: { name: string; weightsSha256: string };
  analysis: Record<string, number>;
  settings: { contentLayer: string };
};
import { content, out, request, style } from './transfer-fixture';

describe('the trained-CNN transfer', () => {
  test("writes the content's length and rate, a recipe naming the model, and moves both envelopes toward the style's", async () => {
    const events: TransferProgress[] = [];
    const result = await runTransfer(
      request({
        output: out('basic.wav'),
        previewEvery: 10,
        settings: { iterations: 25, phaseIterations: 16 },
      }),
      {
        onProgress: (p) => events.push(p),
      },
    );
    const written = await readWav(out('basic.wav'));
    const source = await readWav(content);
    assert.equal(written.format.sampleRate, source.format.sampleRate);
    assert.equal(written.audio.channels[0]!.length, source.audio.channels[0]!.length);
    assert.equal(result.model?.name, 'demo-verma-smith');
    const recipe = JSON.parse(readFileSync(recipePathFor(out('basic.wav')), 'utf8')) as CnnRecipe;
    assert.equal(recipe.method, 'cnn');
    assert.equal(recipe.preset, 'verma-smith');
    assert.equal(recipe.model.name, 'demo-verma-smith');
    assert.match(recipe.model.weightsSha256, /^[0-9a-f]{64}$/);
    assert.equal(recipe.settings.contentLayer, 'relu5');
    assert.deepEqual(recipe.analysis, { sampleRate: 16000, nFft: 512, hop: 160, winLength: 480 });
    assert.equal(recipe.result.iterations, 25);

    // Progress: every term reported, falling overall; previews on the requested iterations.
    const steps = events.filter((e) => e.phase === 'optimisation');
    assert.equal(steps.length, 25);
    for (const key of ['content', 'style', 'energy', 'frequency'] as const)
      assert.ok(
        steps.every((e) => Number.isFinite(e.losses![key])),
        `${key} loss reported`,
      );
    assert.ok(steps.at(-1)!.losses!.total < steps[0]!.losses!.total, 'the loss fell');
    const previews = steps.filter((e) => e.preview);
    assert.deepEqual(
      previews.map((e) => e.iteration),
      [1, 10, 20],
    );
    assert.ok(previews[0]!.preview!.logMagnitude instanceof Float32Array);
    assert.ok(events.some((e) => e.phase === 'reconstruction'));

    // The written result, analysed as the model does: both envelopes nearer the style's.
    const analysis = recipe.analysis;
    const [c, s, r] = await Promise.all(
      [content, style, out('basic.wav')].map((p) => clipSpectrogram(p, analysis)),
    );
    const energyTarget = alignedEnergyTarget(energyEnvelope(s!), 0, c!.frames);
    const frequencyTarget = frequencyEnvelope(s!);
    const before = {
      energy: envelopeLoss(c!.data, c!.frames, c!.bins, energyTarget, 'time'),
      frequency: envelopeLoss(c!.data, c!.frames, c!.bins, frequencyTarget, 'frequency'),
    };
    const after = {
      energy: envelopeLoss(r!.data, r!.frames, r!.bins, energyTarget, 'time'),
      frequency: envelopeLoss(r!.data, r!.frames, r!.bins, frequencyTarget, 'frequency'),
    };
    assert.ok(
      after.energy < 0.75 * before.energy,
      `energy envelope: content ${before.energy}, result ${after.energy}`,
    );
    assert.ok(
      after.frequency < 0.75 * before.frequency,
      `frequency envelope: content ${before.frequency}, result ${after.frequency}`,
    );
  });
});
