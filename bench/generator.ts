// The fast method's figures (issue 11): the generator's forward pass as a real-time factor, a
// batch of 20 clips of 4 s end to end (process start, model load, analysis, generator, phase,
// write), training time for 100 clips of 4 s at the default settings, and peak memory.
// Training runs BENCH_GENERATOR_EPOCHS epochs (default 1) and reports the 10-epoch estimate, so a
// bench on a shared machine stays short; set it to 10 for the full run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../src/main/engine/backend';
import { ModelCache } from '../src/main/models/model-cache';
import { loadGenerator } from '../src/main/methods/fast/generator-model';
import { GENERATOR_DEFAULTS, trainGenerator } from '../src/main/training/train-generator';

export async function run(): Promise<Record<string, unknown>> {
  const corpus = resolve('../shared/corpus');
  const root = mkdtempSync(join(tmpdir(), 'timbrefold-bench-generator-'));
  try {
    await initBackend({ backend: 'wasm' });
    const clips = readdirSync(corpus).filter((f) => /_acoustic_.*\.wav$/.test(f));
    const data = join(root, 'data');
    mkdirSync(data);
    for (let i = 0; i < 100; i++)
      symlinkSync(join(corpus, clips[i % clips.length]!), join(data, `clip-${i}.wav`));
    const models = join(root, 'models');
    const epochs = Number(process.env['BENCH_GENERATOR_EPOCHS'] ?? 1);
    const started = performance.now();
    const trained = await trainGenerator({
      style: join(corpus, 'string_acoustic_040-069-080.wav'),
      data,
      name: 'bench',
      modelsDir: models,
      shippedModelsDirs: [resolve('resources/models')],
      epochs,
      backend: 'wasm',
    });
    const trainingSeconds = (performance.now() - started) / 1000;
    const perEpoch = trained.history.reduce((s, h) => s + h.seconds, 0) / Math.max(1, epochs);

    // The forward pass alone, on 4 s windows at the generator's analysis.
    const { generator, manifest } = await loadGenerator(new ModelCache({ dir: models }), 'bench');
    const frames = Math.round((4 * manifest.spectrogram.sampleRate) / manifest.spectrogram.hop);
    const input = new Float32Array(frames * generator.config.bins).fill(0.5);
    generator.generate(input, frames);
    const runs = 10;
    const t = performance.now();
    for (let i = 0; i < runs; i++) generator.generate(input, frames);
    const forwardSeconds = (performance.now() - t) / 1000 / runs;
    generator.dispose();

    // A batch of 20 clips of 4 s through the CLI, from process start to the last file written.
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
        join(root, 'out'),
        '--json',
      ],
      { encoding: 'utf8' },
    );
    const batchSeconds = (performance.now() - b) / 1000;
    if (batch.status !== 0) throw new Error(`the batch failed: ${batch.stderr}`);
    return {
      generator: manifest.generator,
      analysis: manifest.spectrogram,
      forward4sSeconds: forwardSeconds,
      forwardRealTime: 4 / forwardSeconds,
      batch20x4s: { seconds: batchSeconds, realTime: (20 * 4) / batchSeconds },
      training100x4s: {
        epochsRun: epochs,
        seconds: trainingSeconds,
        secondsPerEpoch: perEpoch,
        estimatedSecondsFor: {
          epochs: GENERATOR_DEFAULTS.epochs,
          seconds: perEpoch * GENERATOR_DEFAULTS.epochs,
        },
        lossUntrained: trained.initialLoss,
        lossLastEpoch: trained.history.at(-1)?.loss,
      },
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
      tfjsTensors: tf.memory().numTensors,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
