// CycleGAN's figures (issue 15): training time and peak memory at the default settings, every
// loss term per epoch, each generator's forward pass as a real-time factor, a 20-clip batch end
// to end, and on held-out clips the class-level style gain and envelope correlation
// (QUALITY.md), the cycle's log-spectral distance, and the share of G(x) a flute/keyboard
// classifier labels keyboard.
//
// Scale: the corpus has six notes of each class; four of each are trained on (linked
// BENCH_CYCLEGAN_CLIPS times in all per class, default 20) and two of each are held out.
// BENCH_CYCLEGAN_EPOCHS epochs run (default 1); the time for 2 x 100 clips and 10 epochs is
// extrapolated by proportion (steps per epoch grow with the clips). Set 100 and 10 for the full
// run. BENCH_CYCLEGAN_CLASSIFIER names the classifier (default: the shipped Verma & Smith demo,
// trained on flute and keyboard with `timbrefold train`). BENCH_CYCLEGAN_SETTINGS (JSON) overrides
// training settings for a sweep.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../src/main/engine/backend';
import { loadMonoClip } from '../src/main/evaluation/quality-files';
import {
  logSpectrogram,
  meanProfile,
  styleGain,
  timbreProfile,
} from '../src/main/evaluation/quality-metrics';
import { measureResult, qualityReference } from '../src/main/evaluation/result-quality';
import { loadCycleGanDirection } from '../src/main/methods/cyclegan/cyclegan-model';
import { ModelCache } from '../src/main/models/model-cache';
import { DEMO_MODELS } from '../src/main/models/shipped';
import { classifyFiles } from '../src/main/training/classify-job';
import { CYCLEGAN_TRAINING_DEFAULTS } from '../src/main/training/cyclegan-parameters';
import { trainCycleGan } from '../src/main/training/train-cyclegan';
import { runTransferBatch } from '../src/main/transfer/run-transfer';

export async function run(): Promise<Record<string, unknown>> {
  const corpus = resolve('../shared/corpus');
  const root = mkdtempSync(join(tmpdir(), 'timbrefold-bench-cyclegan-'));
  try {
    await initBackend({ backend: 'wasm' });
    const perClass = Number(process.env['BENCH_CYCLEGAN_CLIPS'] ?? 20);
    const epochs = Number(process.env['BENCH_CYCLEGAN_EPOCHS'] ?? 1);
    const data = join(root, 'data');
    const heldOut: Record<string, string[]> = {};
    for (const family of ['flute', 'keyboard']) {
      const clips = readdirSync(corpus)
        .filter((f) => f.startsWith(`${family}_acoustic_`))
        .sort();
      heldOut[family] = [clips[1]!, clips[4]!].map((c) => join(corpus, c));
      const train = clips.filter((_, i) => i !== 1 && i !== 4);
      mkdirSync(join(data, family), { recursive: true });
      for (let i = 0; i < perClass; i++)
        symlinkSync(join(corpus, train[i % train.length]!), join(data, family, `clip-${i}.wav`));
    }
    const models = join(root, 'models');
    const overrides = JSON.parse(process.env['BENCH_CYCLEGAN_SETTINGS'] ?? '{}') as Partial<
      typeof CYCLEGAN_TRAINING_DEFAULTS
    >;
    const started = performance.now();
    const trained = await trainCycleGan(
      {
        data,
        name: 'bench',
        modelsDir: models,
        epochs,
        holdOut: 0,
        backend: 'wasm',
        // Any other training setting, for sweeps: BENCH_CYCLEGAN_SETTINGS='{"learningRate":1e-3}'.
        ...overrides,
      },
      {
        // Each finished epoch on stderr: a long run stopped early still leaves its curve.
        onProgress: (p) => {
          if (p.phase === 'training' && p.batch === 0 && p.epoch > 0)
            process.stderr.write(
              `bench: cyclegan epoch ${p.epoch}/${p.epochs} at ${p.elapsedSeconds.toFixed(0)} s ${JSON.stringify(p.terms)}\n`,
            );
        },
      },
    );
    const trainingSeconds = (performance.now() - started) / 1000;
    const perEpoch = trained.history.reduce((s, h) => s + h.seconds, 0) / Math.max(1, epochs);
    const cache = new ModelCache({ dir: models });

    const forward: Record<string, number> = {};
    for (const to of ['keyboard', 'flute']) {
      const { generator } = await loadCycleGanDirection(cache, 'bench', to);
      const frames = 400; // one 4 s window at the 10 ms hop
      const window = new Float32Array(frames * 257).fill(1);
      generator.generate(window, frames);
      const runs = 5;
      const t0 = performance.now();
      for (let i = 0; i < runs; i++) generator.generate(window, frames);
      forward[`to ${to}`] = 4 / ((performance.now() - t0) / 1000 / runs);
      generator.dispose();
    }

    // G on the held-out flutes (20 items: the batch figure), then F on G's results.
    const request = (to: string, content: string, output: string) => ({
      method: 'cyclegan',
      settings: { to },
      model: 'bench',
      modelsDir: models,
      content,
      styles: [],
      output,
      backend: 'wasm' as const,
    });
    const out = join(root, 'out');
    const back = join(root, 'back');
    mkdirSync(out);
    mkdirSync(back);
    const batch = Array.from({ length: 20 }, (_, i) => ({
      content: heldOut['flute']![i % 2]!,
      output: join(out, `g-${i}.wav`),
    }));
    const batchStarted = performance.now();
    await runTransferBatch(request('keyboard', batch[0]!.content, batch[0]!.output), batch);
    const batchSeconds = (performance.now() - batchStarted) / 1000;
    const returns = [0, 1].map((i) => ({
      content: join(out, `g-${i}.wav`),
      output: join(back, `f-${i}.wav`),
    }));
    await runTransferBatch(request('flute', returns[0]!.content, returns[0]!.output), returns);

    const keyboards = await Promise.all(heldOut['keyboard']!.map((f) => loadMonoClip(f)));
    const profile = (samples: Float32Array) => timbreProfile(logSpectrogram(samples));
    const keyboardProfile = meanProfile(keyboards.map((k) => profile(k.samples)));
    const perClip = [];
    for (const i of [0, 1]) {
      const x = await loadMonoClip(heldOut['flute']![i]!);
      const gx = await loadMonoClip(join(out, `g-${i}.wav`), x.sampleRate);
      const fgx = await loadMonoClip(join(back, `f-${i}.wav`), x.sampleRate);
      const quality = measureResult(qualityReference(x, keyboards), gx);
      const px = profile(x.samples);
      const distance = (a: Float64Array, b: Float64Array) =>
        Math.sqrt(a.reduce((s, v, k) => s + (v - b[k]!) ** 2, 0));
      perClip.push({
        clip: heldOut['flute']![i]!.split('/').at(-1),
        classStyleGain: quality.styleGain,
        envelopeCorrelation: quality.contentCorrelation,
        // |L(F(G(x))) - L(x)|, and as a share of the class gap |L(x) - L(Y)|.
        cycleLogSpectralDistance: distance(profile(fgx.samples), px),
        cycleDistanceOfClassGap: distance(profile(fgx.samples), px) / distance(px, keyboardProfile),
        cycleReturn: styleGain(profile(gx.samples), px, profile(fgx.samples)),
      });
    }
    const classifier = process.env['BENCH_CYCLEGAN_CLASSIFIER'] ?? DEMO_MODELS['verma-smith']!;
    const labels = await classifyFiles({
      model: classifier,
      files: [0, 1].map((i) => join(out, `g-${i}.wav`)),
      modelsDir: models,
      shippedModelsDirs: [resolve('resources/models')],
      backend: 'wasm',
    });
    const labelled = labels.filter((l) => 'class' in l && l.class === 'keyboard').length;
    return {
      settings: { ...CYCLEGAN_TRAINING_DEFAULTS, ...overrides, epochs },
      clipsPerClass: perClass,
      epochs,
      trainingSeconds,
      secondsPerEpoch: perEpoch,
      estimated2x100Clips10EpochsMinutes: (perEpoch * (100 / perClass) * 10) / 60,
      history: trained.history,
      forwardRealTimeFactor: forward,
      batch20Seconds: batchSeconds,
      batch20RealTimeFactor: (20 * 4) / batchSeconds,
      heldOut: perClip,
      classifier,
      shareOfGxLabelledKeyboard: labelled / 2,
      labels,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
      tfjsTensorsLeft: tf.memory().numTensors,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
