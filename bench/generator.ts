// The fast method's figures (issue 11): training time for 100 clips of 4 s at the default
// settings, the generator's forward pass as a real-time factor, a batch of 20 clips of 4 s end to
// end (process start, model load, analysis, generator, phase, write), the sound on held-out clips
// (QUALITY.md's style gain and envelope correlation) beside the shallow method's on the same
// clips, the fast Griffin-Lim sweep, and peak memory.
//
// The data: a flute style; content from the keyboard, guitar and string notes of the corpus,
// except one of each family kept aside (never trained on) for the sound figures; the 15 others
// repeated to 100 files. Fixed before measuring, as the test's pair (test/fast).
//
// Environment (all optional):
//   BENCH_GENERATOR_PARTS      comma-separated of train,forward,batch,sound,shallow,phase (all)
//   BENCH_GENERATOR_EPOCHS     epochs to run (default 1; the 10-epoch figure is estimated from
//                              the epochs run; set 10 for the full run and the sound figures)
//   BENCH_GENERATOR_CHANNELS, BENCH_GENERATOR_BLOCKS, BENCH_GENERATOR_CROP_SECONDS,
//   BENCH_GENERATOR_CROPS_PER_CLIP, BENCH_GENERATOR_LEARNING_RATE, BENCH_GENERATOR_STYLE_WEIGHT,
//   BENCH_GENERATOR_FREQUENCY_WEIGHT
//                              override one default, for the sweep that chose them
//   BENCH_GENERATOR_CLASSIFIER the loss network: a classifier's name, looked up in the shipped
//                              models and BENCH_GENERATOR_MODELS (a model cache folder)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../src/main/engine/backend';
import { loadMonoClip } from '../src/main/evaluation/quality-files';
import { measureResult, qualityReference } from '../src/main/evaluation/result-quality';
import { ModelCache } from '../src/main/models/model-cache';
import { loadGenerator } from '../src/main/methods/fast/generator-model';
import { runTransfer, runTransferBatch } from '../src/main/transfer/run-transfer';
import {
  GENERATOR_DEFAULTS,
  GENERATOR_SHAPE,
  trainGenerator,
  type TrainGeneratorRequest,
} from '../src/main/training/train-generator';

const STYLE = 'flute_acoustic_073-072-100.wav';
/** One of each content family, never trained on. */
export const HELD_OUT = [
  'keyboard_acoustic_000-069-127.wav',
  'guitar_acoustic_024-064-100.wav',
  'string_acoustic_040-062-100.wav',
];
const PHASE_SWEEP = [0, 4, 8, 16, 32];

const round = (value: number, digits = 3): number => Number(value.toFixed(digits));
const env = (name: string): number | undefined => {
  const value = process.env[`BENCH_GENERATOR_${name}`];
  return value === undefined || value === '' ? undefined : Number(value);
};

export async function run(): Promise<Record<string, unknown>> {
  const corpus = resolve('../shared/corpus');
  const extraModels = process.env['BENCH_GENERATOR_MODELS'];
  const shipped = [resolve('resources/models'), ...(extraModels ? [resolve(extraModels)] : [])];
  const classifier = process.env['BENCH_GENERATOR_CLASSIFIER'];
  const parts = new Set(
    (process.env['BENCH_GENERATOR_PARTS'] ?? 'train,forward,batch,sound,shallow,phase').split(','),
  );
  const root = mkdtempSync(join(tmpdir(), 'timbrefold-bench-generator-'));
  const report: Record<string, unknown> = {};
  try {
    await initBackend({ backend: 'wasm' });
    const style = join(corpus, STYLE);
    const heldOut = HELD_OUT.map((f) => join(corpus, f));
    const models = join(root, 'models');
    const out = join(root, 'out');
    mkdirSync(out);

    const overrides: Partial<TrainGeneratorRequest> = {
      ...(env('CHANNELS') !== undefined && { channels: env('CHANNELS')! }),
      ...(env('BLOCKS') !== undefined && { residualBlocks: env('BLOCKS')! }),
      ...(env('CROP_SECONDS') !== undefined && { cropSeconds: env('CROP_SECONDS')! }),
      ...(env('CROPS_PER_CLIP') !== undefined && { cropsPerClip: env('CROPS_PER_CLIP')! }),
      ...(env('LEARNING_RATE') !== undefined && { learningRate: env('LEARNING_RATE')! }),
      ...(env('STYLE_WEIGHT') !== undefined && { styleWeight: env('STYLE_WEIGHT')! }),
      ...(env('FREQUENCY_WEIGHT') !== undefined && { frequencyWeight: env('FREQUENCY_WEIGHT')! }),
      ...(classifier && { classifier }),
    };
    const epochs = env('EPOCHS') ?? 1;
    const needsModel = ['forward', 'batch', 'sound', 'phase'].some((p) => parts.has(p));
    if (parts.has('train') || needsModel) {
      const clips = readdirSync(corpus).filter(
        (f) => /^(keyboard|guitar|string)_acoustic_.*\.wav$/.test(f) && !HELD_OUT.includes(f),
      );
      const data = join(root, 'data');
      mkdirSync(data);
      for (let i = 0; i < 100; i++)
        symlinkSync(join(corpus, clips[i % clips.length]!), join(data, `clip-${i}.wav`));
      const started = performance.now();
      const trained = await trainGenerator({
        style,
        data,
        name: 'bench',
        modelsDir: models,
        shippedModelsDirs: shipped,
        epochs,
        backend: 'wasm',
        ...overrides,
      });
      const seconds = (performance.now() - started) / 1000;
      const perEpoch = trained.history.reduce((s, h) => s + h.seconds, 0) / Math.max(1, epochs);
      const t = trained.manifest.training;
      report['training100x4s'] = {
        shape: trained.manifest.generator,
        cropFrames: t.cropFrames,
        cropsPerClip: t.cropsPerClip,
        batchSize: t.batchSize,
        learningRate: t.learningRate,
        epochsRun: epochs,
        seconds: round(seconds, 1),
        secondsPerEpoch: round(perEpoch, 1),
        setupSeconds: round(seconds - trained.history.reduce((s, h) => s + h.seconds, 0), 1),
        estimatedSecondsFor: {
          epochs: GENERATOR_DEFAULTS.epochs,
          seconds: round(seconds + perEpoch * (GENERATOR_DEFAULTS.epochs - Math.max(1, epochs)), 1),
        },
        lossUntrained: round(trained.initialLoss),
        lossPerEpoch: trained.history.map((h) => round(h.loss)),
        heldOutLoss: trained.manifest.loss.heldOut,
        peakRssMiBAfterTraining: Math.round(process.resourceUsage().maxRSS / 1024),
      };
    }

    if (parts.has('forward')) {
      // The forward pass alone, on 4 s windows at the generator's analysis.
      const cache = new ModelCache({ dir: models });
      const { generator, manifest } = await loadGenerator(cache, 'bench');
      const frames = Math.round((4 * manifest.spectrogram.sampleRate) / manifest.spectrogram.hop);
      const input = new Float32Array(frames * generator.config.bins).fill(0.5);
      generator.generate(input, frames);
      const runs = 10;
      const t = performance.now();
      for (let i = 0; i < runs; i++) generator.generate(input, frames);
      const forwardSeconds = (performance.now() - t) / 1000 / runs;
      generator.dispose();
      report['forward4s'] = {
        seconds: round(forwardSeconds, 4),
        realTime: round(4 / forwardSeconds, 1),
      };
    }

    if (parts.has('batch')) {
      // A batch of 20 clips of 4 s through the CLI, from process start to the last file written.
      const clips = readdirSync(corpus).filter((f) => /_acoustic_.*\.wav$/.test(f));
      const contents = clips.slice(0, 20).flatMap((c) => ['--content', join(corpus, c)]);
      const b = performance.now();
      const batch = spawnSync(
        process.execPath,
        [
          'bin/timbrefold.js',
          'transfer',
          '--method',
          'fast',
          '--model',
          'bench',
          '--models',
          models,
          ...contents,
          '--out-dir',
          join(root, 'batch'),
          '--json',
        ],
        { encoding: 'utf8' },
      );
      const batchSeconds = (performance.now() - b) / 1000;
      if (batch.status !== 0) throw new Error(`the batch failed: ${batch.stderr}`);
      report['batch20x4s'] = {
        seconds: round(batchSeconds, 2),
        realTime: round((20 * 4) / batchSeconds, 1),
      };
    }

    const styleClip = await loadMonoClip(style);
    const measure = async (content: string, output: string) => {
      const c = await loadMonoClip(content);
      const r = await loadMonoClip(output, c.sampleRate);
      const q = measureResult(qualityReference(c, [styleClip]), r);
      return { styleGain: round(q.styleGain), contentCorrelation: round(q.contentCorrelation) };
    };
    const fastRequest = (settings: Record<string, number>) => ({
      method: 'fast',
      settings,
      model: 'bench',
      modelsDir: models,
      shippedModelsDirs: shipped,
      content: heldOut[0]!,
      styles: [],
      output: join(out, 'unused.wav'),
      backend: 'wasm' as const,
    });

    if (parts.has('sound')) {
      // The held-out clips through the generator at the method's defaults (one batch).
      const t = performance.now();
      const results = await runTransferBatch(
        fastRequest({}),
        heldOut.map((content, i) => ({ content, output: join(out, `fast-${i}.wav`) })),
      );
      const seconds = (performance.now() - t) / 1000;
      const rows = [];
      for (const [i, content] of heldOut.entries())
        rows.push({
          content: HELD_OUT[i],
          ...(await measure(content, results[i]!.output)),
          seconds: round(results[i]!.wallSeconds.total, 2),
        });
      report['soundFast'] = { style: STYLE, rows, batchSeconds: round(seconds, 2) };
    }

    if (parts.has('shallow')) {
      // The shallow method's default on the same clips and style, one process-free run each.
      const rows = [];
      for (const [i, content] of heldOut.entries()) {
        const result = await runTransfer({
          method: 'shallow',
          settings: {},
          content,
          styles: [{ path: style, weight: 1 }],
          output: join(out, `shallow-${i}.wav`),
          backend: 'wasm',
        });
        rows.push({
          content: HELD_OUT[i],
          ...(await measure(content, result.output)),
          seconds: round(result.wallSeconds.total, 2),
        });
      }
      report['soundShallow'] = { style: STYLE, preset: 'default', rows };
    }

    if (parts.has('phase')) {
      // Fast Griffin-Lim from the content's phase: spectral convergence (|M(y) - A| / |A|) and
      // the reconstruction's seconds for each iteration count, on the held-out clips.
      const rows = [];
      for (const iterations of PHASE_SWEEP) {
        const results = await runTransferBatch(
          fastRequest({ phaseIterations: iterations }),
          heldOut.map((content, i) => ({
            content,
            output: join(out, `phase-${iterations}-${i}.wav`),
          })),
        );
        const sound = await Promise.all(heldOut.map((c, i) => measure(c, results[i]!.output)));
        const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
        rows.push({
          iterations,
          spectralConvergence: results.map((r) => round(r.quality.spectralConvergence ?? NaN)),
          reconstructionSeconds: round(mean(results.map((r) => r.wallSeconds.reconstruction)), 3),
          totalSeconds: round(mean(results.map((r) => r.wallSeconds.total)), 3),
          styleGain: sound.map((s) => s.styleGain),
          contentCorrelation: sound.map((s) => s.contentCorrelation),
        });
      }
      report['phaseSweep'] = rows;
    }
    report['defaults'] = { ...GENERATOR_SHAPE, ...GENERATOR_DEFAULTS, overrides };
    report['peakRssMiB'] = Math.round(process.resourceUsage().maxRSS / 1024);
    report['tfjsTensors'] = tf.memory().numTensors;
    return report;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
