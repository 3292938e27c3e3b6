// CycleGAN end to end on corpus clips (flute vs keyboard) at tiny settings: training writes a
// model of kind cyclegan with every loss term's history; a transfer of held-out flute clips to
// keyboard keeps their envelope and F(G(x)) stays near x; the CLI transfers
// with the exact flags. The move toward keyboard is measured by bench/cyclegan.ts (a
// test's few steps cannot reach it: see the second test).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadMonoClip } from '../../src/main/evaluation/quality-files';
import {
  logSpectrogram,
  meanProfile,
  timbreProfile,
} from '../../src/main/evaluation/quality-metrics';
import { measureResult, qualityReference } from '../../src/main/evaluation/result-quality';
import { loadCycleGanDirection } from '../../src/main/methods/cyclegan/cyclegan-model';
import { ModelCache } from '../../src/main/models/model-cache';
import { clipSpectrogram } from '../../src/main/training/clip-spectrogram';
import { trainCycleGan, type TrainCycleGanResult } from '../../src/main/training/train-cyclegan';
import { runTransferBatch } from '../../src/main/transfer/run-transfer';
import { runCli } from '../cli/run-cli';
import { corpusFile } from '../fixtures/paths';
import { familyClips } from '../training/fixtures';

const flutes = familyClips('flute');
const keyboards = familyClips('keyboard');
/** Never trained on: the transfer is measured on these (a low and a high note of each). */
const heldOutFlutes = [flutes[0]!, flutes[4]!];
const heldOutKeyboards = [keyboards[1]!, keyboards[3]!];

/**
 * Tiny settings: about a minute on two shared cores, at the default loss weights (the defaults'
 * sizes and epochs are bench/cyclegan.ts's business).
 */
export const TINY = {
  channels: 16,
  residualBlocks: 1,
  discriminatorChannels: 4,
  epochs: 4,
  batchSize: 4,
  cropsPerClip: 2,
  learningRate: 2e-3,
  holdOut: 0,
  backend: 'wasm',
} as const;

describe('CycleGAN between flute and keyboard', () => {
  const root = mkdtempSync(join(tmpdir(), 'timbrefold-cyclegan-'));
  const data = join(root, 'data');
  const models = join(root, 'models');
  let trained: TrainCycleGanResult;

  before(async () => {
    for (const [name, clips, held] of [
      ['flute', flutes, heldOutFlutes],
      ['keyboard', keyboards, heldOutKeyboards],
    ] as const) {
      mkdirSync(join(data, name), { recursive: true });
      for (const clip of clips)
        if (!held.includes(clip)) symlinkSync(corpusFile(clip), join(data, name, clip));
    }
    trained = await trainCycleGan({ data, name: 'fk', modelsDir: models, ...TINY });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('training writes a cyclegan model with both classes and every term per epoch', async () => {
    const m = trained.manifest;
    assert.deepEqual(m.classes, ['flute', 'keyboard']);
    assert.equal(m.history.length, TINY.epochs);
    for (const h of m.history)
      for (const term of ['adversarialG', 'adversarialF', 'cycle', 'identity'] as const)
        assert.ok(Number.isFinite(h[term]) && h[term] > 0, `${term} ${h[term]}`);
    const first = m.history[0]!;
    const last = m.history.at(-1)!;
    process.stderr.write(`cyclegan history ${JSON.stringify(m.history)}\n`);
    // The cycle term falls as the generators learn to invert each other.
    assert.ok(last.cycle < 0.8 * first.cycle, `cycle ${first.cycle} -> ${last.cycle}`);
    const listed = await new ModelCache({ dir: models }).list();
    const model = listed.find((l) => l.name === 'fk');
    assert.equal(model?.status === 'ok' && model.manifest.kind, 'cyclegan');
    // Only the generators are kept, and no checkpoint is left behind.
    assert.ok(m.weights.specs.every((s) => /^[GF]\//.test(s.name)));
    assert.ok(!existsSync(join(models, '.training', 'fk')));
  });

  test('G keeps held-out flutes’ envelope; F(G(x)) stays within half the class gap of x', async () => {
    const out = join(root, 'out');
    const back = join(root, 'back');
    mkdirSync(out);
    mkdirSync(back);
    const request = (to: string, content: string, output: string) => ({
      method: 'cyclegan',
      settings: { to },
      model: 'fk',
      modelsDir: models,
      content,
      styles: [],
      output,
      backend: 'wasm' as const,
    });
    const items = heldOutFlutes.map((clip) => ({
      content: corpusFile(clip),
      output: join(out, clip),
    }));
    const there = await runTransferBatch(
      request('keyboard', items[0]!.content, items[0]!.output),
      items,
    );
    const returns = heldOutFlutes.map((clip) => ({
      content: join(out, clip),
      output: join(back, clip),
    }));
    await runTransferBatch(request('flute', returns[0]!.content, returns[0]!.output), returns);
    const keyboardClips = await Promise.all(
      heldOutKeyboards.map((clip) => loadMonoClip(corpusFile(clip))),
    );
    const recipe = JSON.parse(readFileSync(there[0]!.recipe, 'utf8')) as {
      model: { from: string; to: string; network: string };
    };
    assert.deepEqual(
      [recipe.model.from, recipe.model.to, recipe.model.network],
      ['flute', 'keyboard', 'G'],
    );
    const profile = (samples: Float32Array) => timbreProfile(logSpectrogram(samples));
    const keyboardProfiles = keyboardClips.map((k) => profile(k.samples));
    const distance = (a: Float64Array, b: Float64Array) =>
      Math.sqrt(a.reduce((sum, v, k) => sum + (v - b[k]!) ** 2, 0));
    for (const clip of heldOutFlutes) {
      const x = await loadMonoClip(corpusFile(clip));
      const gx = await loadMonoClip(join(out, clip), x.sampleRate);
      const fgx = await loadMonoClip(join(back, clip), x.sampleRate);
      // Class-level style gain (QUALITY.md): toward the mean profile of held-out keyboard clips.
      const quality = measureResult(qualityReference(x, keyboardClips), gx);
      const px = profile(x.samples);
      // Reported, not asserted: through phase reconstruction and a second analysis.
      const cycleShare =
        distance(profile(fgx.samples), px) / distance(px, meanProfile(keyboardProfiles));
      process.stderr.write(
        `cyclegan ${clip}: class style gain ${quality.styleGain.toFixed(3)}, envelope ${quality.contentCorrelation.toFixed(3)}, audio cycle distance ${cycleShare.toFixed(3)} of the class gap\n`,
      );
      // The envelope is the figure (measured 0.998 at these settings).
      assert.ok(
        quality.contentCorrelation >= 0.5,
        `envelope correlation ${quality.contentCorrelation}`,
      );
    }
    // The way back, in the model's own spectrograms (no phase reconstruction between G and F,
    // whose error would otherwise be counted as the network's): the distance of F(G(x))'s
    // time-averaged log spectrum from x's, as a share of the class gap (x's from the mean of the
    // held-out keyboards'). Measured at these settings: G moves x by 0.035 and 0.261 of the gap,
    // F(G(x)) is 0.078 and 0.287 from x: after 8 steps F does not yet undo G, so the return is
    // bounded here only by what a near-identity pair gives (half the gap), not asserted as a
    // return; bench/cyclegan.ts measures it at the defaults.
    const cache = new ModelCache({ dir: models });
    const g = await loadCycleGanDirection(cache, 'fk', 'keyboard');
    const f = await loadCycleGanDirection(cache, 'fk', 'flute');
    const analysis = g.manifest.spectrogram;
    const average = (s: { frames: number; bins: number; data: ArrayLike<number> }) => {
      const p = new Float64Array(s.bins);
      for (let t = 0; t < s.frames; t++)
        for (let k = 0; k < s.bins; k++) p[k]! += s.data[t * s.bins + k]! / s.frames;
      return p;
    };
    try {
      const keyboardAverage = meanProfile(
        await Promise.all(
          heldOutKeyboards.map(async (clip) =>
            average(await clipSpectrogram(corpusFile(clip), analysis)),
          ),
        ),
      );
      for (const clip of heldOutFlutes) {
        const x = await clipSpectrogram(corpusFile(clip), analysis);
        const gx = g.generator.generate(x.data, x.frames);
        const fgx = f.generator.generate(gx, x.frames);
        const px = average(x);
        const gap = distance(px, keyboardAverage);
        const back = distance(average({ ...x, data: fgx }), px) / gap;
        const there = distance(average({ ...x, data: gx }), px) / gap;
        process.stderr.write(
          `cyclegan ${clip}: G(x) moved ${there.toFixed(3)}, F(G(x)) is ${back.toFixed(3)} of the class gap from x\n`,
        );
        assert.ok(back <= 0.5, `F(G(x)) is ${back} of the class gap from x`);
      }
    } finally {
      g.generator.dispose();
      f.generator.dispose();
    }
    // Not asserted: the move toward keyboard. Measured at test sizes (8 to 32 steps) the class
    // style gain is -0.17 to +0.02, noise around 0: the adversarial terms need far more steps
    // than a test can take; bench/cyclegan.ts measures it at the defaults.
  });

  test('the CLI transfers with --method cyclegan --to, one clip and a batch', async () => {
    const out = join(root, 'cli.wav');
    const one = await runCli([
      'transfer',
      '--method',
      'cyclegan',
      '--model',
      'fk',
      '--to',
      'keyboard',
      '--content',
      corpusFile(heldOutFlutes[0]!),
      '--out',
      out,
      '--models',
      models,
      '--json',
    ]);
    assert.equal(one.code, 0, one.stderr);
    assert.ok(existsSync(out));
    const dir = join(root, 'cli-batch');
    const batch = await runCli([
      'transfer',
      '--method',
      'cyclegan',
      '--model',
      'fk',
      '--to',
      'flute',
      '--content',
      corpusFile(heldOutKeyboards[0]!),
      '--content',
      corpusFile(heldOutKeyboards[1]!),
      '--out-dir',
      dir,
      '--models',
      models,
    ]);
    assert.equal(batch.code, 0, batch.stderr);
    for (const clip of heldOutKeyboards) assert.ok(existsSync(join(dir, clip)));
    const noTo = await runCli([
      'transfer',
      '--method',
      'cyclegan',
      '--model',
      'fk',
      '--content',
      corpusFile(heldOutFlutes[0]!),
      '--out',
      join(root, 'x.wav'),
      '--models',
      models,
    ]);
    assert.equal(noTo.code, 1);
    assert.match(noTo.stderr, /--to flute or --to keyboard/);
    assert.ok(!existsSync(join(root, 'x.wav')));
    const wrong = await runCli([
      'transfer',
      '--method',
      'cyclegan',
      '--model',
      'fk',
      '--to',
      'violin',
      '--content',
      corpusFile(heldOutFlutes[0]!),
      '--out',
      join(root, 'x.wav'),
      '--models',
      models,
    ]);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /knows the classes flute and keyboard, not "violin"/);
  });
});
