// Generator training as the app and the CLI run it, through the engine worker's
// 'train-generator' job: a cancel keeps the last finished epoch and the same request resumes from
// it to what an uninterrupted run makes; and the batch command writes one result per content,
// named after it, each with its recipe. Real corpus clips, real engine, tiny settings.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/main/engine/backend';
import { JobCancelledError } from '../../src/main/jobs/errors';
import { ModelCache } from '../../src/main/models/model-cache';
import { CheckpointMismatchError } from '../../src/main/training/errors';
import {
  trainGenerator,
  type TrainGeneratorProgress,
  type TrainGeneratorRequest,
} from '../../src/main/training/train-generator';
import { createEngineJobRunner } from '../../src/main/worker/engine-jobs';
import { runCli } from '../cli/run-cli';

const corpus = resolve('../shared/corpus');
const shipped = [resolve('resources/models')];
const style = join(corpus, 'flute_acoustic_073-072-100.wav');
const contentFiles = [
  'keyboard_acoustic_000-033-080',
  'keyboard_acoustic_000-057-050',
  'guitar_acoustic_024-040-112',
  'guitar_acoustic_024-052-127',
];

/** Tiny: 2 batches an epoch of 4 crops of 1 s through an 8-channel generator. */
const TINY = {
  channels: 8,
  residualBlocks: 1,
  epochs: 4,
  cropsPerClip: 2,
  batchSize: 4,
  learningRate: 3e-3,
  holdOut: 0,
  seed: 5,
  backend: 'wasm',
} as const;

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

describe('generator training in the engine worker, and the batch command', () => {
  const root = mkdtempSync(join(tmpdir(), 'timbrefold-gen-job-'));
  const data = join(root, 'content');
  const request = (modelsDir: string, over: Partial<TrainGeneratorRequest> = {}) => ({
    style,
    data,
    name: 'flute-gen',
    modelsDir,
    shippedModelsDirs: shipped,
    ...TINY,
    ...over,
  });

  before(async () => {
    mkdirSync(data);
    for (const f of contentFiles) symlinkSync(join(corpus, `${f}.wav`), join(data, `${f}.wav`));
    await initBackend({ backend: 'wasm' });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('cancel keeps the last finished epoch; the same job resumes to the uninterrupted result', async () => {
    const straight = join(root, 'straight');
    await trainGenerator(request(straight));

    const interrupted = join(root, 'interrupted');
    const engine = createEngineJobRunner();
    const controller = new AbortController();
    const seen: TrainGeneratorProgress[] = [];
    await assert.rejects(
      engine.run('train-generator', request(interrupted), {
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p);
          // Cancel in the middle of the second epoch.
          if (p.phase === 'training' && p.epoch === 1 && p.batch === 1) controller.abort();
        },
      }),
      JobCancelledError,
    );
    // The worker may finish the batch under way (and so the epoch) before the cancel reaches it.
    const kept = Math.max(...seen.filter((p) => p.phase === 'training').map((p) => p.epoch));
    assert.ok(kept >= 1 && kept < TINY.epochs, `epochs kept: ${kept}`);
    const cache = new ModelCache({ dir: interrupted });
    assert.equal(await cache.exists('flute-gen'), false, 'a cancelled training writes no model');
    assert.ok(existsSync(cache.checkpointFolder('flute-gen')), 'the checkpoint is kept');

    // Another style is another training: its checkpoint is never mixed in.
    await assert.rejects(
      trainGenerator(
        request(interrupted, { style: join(corpus, 'string_acoustic_040-069-080.wav') }),
      ),
      (error: unknown) => {
        assert.ok(error instanceof CheckpointMismatchError);
        assert.match(error.message, /used another style clip/);
        return true;
      },
    );

    const resumed = await engine.run('train-generator', request(interrupted), {});
    assert.equal(resumed.resumedFrom, kept);
    assert.equal(resumed.history.length, TINY.epochs);
    assert.equal(resumed.manifest.training.epochs, TINY.epochs);
    assert.equal(existsSync(cache.checkpointFolder('flute-gen')), false, 'checkpoint removed');
    // Adam's bias correction is restored as beta^t: float32 rounding, not bit for bit.
    const a = await weightsOf(straight, 'flute-gen');
    const b = await weightsOf(interrupted, 'flute-gen');
    assert.ok(
      maxRelativeDifference(b, a) < 1e-3,
      `resumed vs straight: ${maxRelativeDifference(b, a)}`,
    );
    // And training moved the weights: the comparison above can tell runs apart.
    const other = join(root, 'other-seed');
    await trainGenerator(request(other, { seed: 6 }));
    assert.ok(maxRelativeDifference(await weightsOf(other, 'flute-gen'), a) > 0.05);
  });

  test('transfer --content A --content B --out-dir DIR writes one result per input, with recipes', async () => {
    const models = join(root, 'models-cli');
    await trainGenerator(request(models, { epochs: 1 }));
    const out = join(root, 'batch-out');
    const inputs = ['keyboard_acoustic_000-069-127', 'string_acoustic_040-062-100'];
    const run = await runCli([
      'transfer',
      '--method',
      'fast',
      '--model',
      'flute-gen',
      '--models',
      models,
      ...inputs.flatMap((name) => ['--content', join(corpus, `${name}.wav`)]),
      '--out-dir',
      out,
      '--backend',
      'wasm',
      '--json',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const done = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
      event: string;
      results: { output: string; recipe: string }[];
    };
    assert.equal(done.event, 'done');
    assert.deepEqual(
      done.results.map((r) => r.output),
      inputs.map((name) => join(out, `${name}.wav`)),
    );
    for (const [i, name] of inputs.entries()) {
      assert.ok(existsSync(join(out, `${name}.wav`)), `${name}.wav written`);
      const recipe = JSON.parse(readFileSync(done.results[i]!.recipe, 'utf8')) as {
        method: string;
        content: { path: string };
        model: { name: string; kind: string };
      };
      assert.equal(recipe.method, 'fast');
      assert.equal(recipe.model.name, 'flute-gen');
      assert.equal(recipe.model.kind, 'generator');
      assert.equal(recipe.content.path, join(corpus, `${name}.wav`));
    }

    // Two contents and --out: refused before anything is written.
    const refused = await runCli([
      'transfer',
      '--method',
      'fast',
      '--model',
      'flute-gen',
      '--models',
      models,
      ...inputs.flatMap((name) => ['--content', join(corpus, `${name}.wav`)]),
      '--out',
      join(root, 'one.wav'),
    ]);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /need --out-dir DIR/);
    assert.equal(existsSync(join(root, 'one.wav')), false);
  });
});
