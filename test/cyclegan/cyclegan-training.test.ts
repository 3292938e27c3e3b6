// CycleGAN training's bad input (each one clear sentence, nothing written), cancel keeping the
// last finished epoch and resume continuing it, and `timbrefold train --kind cyclegan`.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { encodeWav } from '../../src/main/audio';
import * as tf from '@tensorflow/tfjs-core';
import {
  loadCheckpoint,
  saveCheckpoint,
  type CheckpointState,
} from '../../src/main/training/checkpoint';
import { TrainingCancelled, TrainingDivergedError } from '../../src/main/training/errors';
import { trainCycleGan, type TrainCycleGanRequest } from '../../src/main/training/train-cyclegan';
import { runCli } from '../cli/run-cli';
import { corpusFile } from '../fixtures/paths';
import { familyClips } from '../training/fixtures';

/** The smallest training that still runs every step: one step per epoch, 4-channel networks. */
const SMALL = {
  channels: 4,
  residualBlocks: 1,
  discriminatorChannels: 2,
  batchSize: 2,
  cropsPerClip: 1,
  holdOut: 0,
  backend: 'wasm',
} as const;

const roots: string[] = [];
function folder(classes: Record<string, readonly string[]>): string {
  const root = mkdtempSync(join(tmpdir(), 'timbrefold-cyclegan-data-'));
  roots.push(root);
  for (const [name, clips] of Object.entries(classes)) {
    mkdirSync(join(root, name));
    for (const clip of clips) symlinkSync(corpusFile(clip), join(root, name, clip));
  }
  return root;
}
const two = () => ({
  flute: familyClips('flute').slice(0, 2),
  keyboard: familyClips('keyboard').slice(0, 2),
});

describe('CycleGAN training: bad input, cancel and resume, the CLI', () => {
  after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

  const refused = async (
    request: Partial<TrainCycleGanRequest>,
    message: RegExp,
  ): Promise<void> => {
    const models = join(mkdtempSync(join(tmpdir(), 'timbrefold-models-')), 'models');
    roots.push(models);
    await assert.rejects(
      trainCycleGan({ data: '', name: 'x', modelsDir: models, ...SMALL, ...request }),
      (error: Error & { userFacing?: boolean }) => {
        assert.equal(error.userFacing, true, error.message);
        assert.match(error.message, message);
        return true;
      },
    );
    assert.ok(!existsSync(join(models, 'x')), 'no model is written');
  };

  test('a missing folder, one class, three classes, an empty class folder', async () => {
    await refused({ data: join(tmpdir(), 'no-such-folder-x9') }, /does not exist/);
    await refused(
      { data: folder({ flute: familyClips('flute') }) },
      /exactly two classes, and .* has 1 class folder \(flute\)/,
    );
    await refused(
      { data: folder({ ...two(), guitar: familyClips('guitar').slice(0, 1) }) },
      /has 3 class folders \(flute, guitar, keyboard\)/,
    );
    await refused(
      { data: folder({ flute: familyClips('flute').slice(0, 1), keyboard: [] }) },
      /class folder .*keyboard has no WAV files/,
    );
    // No epoch is no training: refused before anything is read.
    await refused({ data: folder(two()), epochs: 0 }, /[Ee]pochs .*from 1 to 10000/);
  });

  test('clips shorter than a discriminator patch are refused, naming the class and the length', async () => {
    const data = folder({ flute: familyClips('flute').slice(0, 1) });
    mkdirSync(join(data, 'clicks'));
    // 0.5 s: shorter than one 78-frame patch (0.78 s at a 10 ms hop).
    const samples = new Float32Array(8000).map((_, i) => Math.sin(i / 5) * 0.3);
    writeFileSync(
      join(data, 'clicks', 'short.wav'),
      encodeWav({ sampleRate: 16000, channels: [samples] }, { sampleFormat: 'float32' }),
    );
    await refused(
      { data },
      /Every clip of the class clicks is shorter than one discriminator patch \(0\.78 s/,
    );
    await refused(
      { data: folder(two()), cropSeconds: 0.5 },
      /shorter than one discriminator patch/,
    );
  });

  test('a cancel keeps the finished epoch; the same request resumes and finishes', async () => {
    const data = folder(two());
    const models = mkdtempSync(join(tmpdir(), 'timbrefold-models-'));
    roots.push(models);
    const request: TrainCycleGanRequest = {
      data,
      name: 'fk',
      modelsDir: models,
      epochs: 2,
      ...SMALL,
    };
    const controller = new AbortController();
    await assert.rejects(
      trainCycleGan(request, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'training' && p.epoch === 1 && p.batch === 0) controller.abort();
        },
      }),
      (error: unknown) => error instanceof TrainingCancelled && error.epochsDone === 1,
    );
    assert.ok(existsSync(join(models, '.training', 'fk', 'checkpoint.json')));
    assert.ok(!existsSync(join(models, 'fk')));
    // Other settings cannot continue it: the message names what differs.
    await assert.rejects(trainCycleGan({ ...request, cycleWeight: 3 }), /used other settings/);
    const resumed = await trainCycleGan(request);
    assert.equal(resumed.resumedFrom, 1);
    assert.equal(resumed.history.length, 2);
    assert.ok(!existsSync(join(models, '.training', 'fk')));
  });

  test('a diverging run stops with a clear message and keeps its last good epoch', async () => {
    const data = folder(two());
    const models = mkdtempSync(join(tmpdir(), 'timbrefold-models-'));
    roots.push(models);
    const request: TrainCycleGanRequest = {
      data,
      name: 'nan',
      modelsDir: models,
      epochs: 3,
      ...SMALL,
    };
    const controller = new AbortController();
    await assert.rejects(
      trainCycleGan(request, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'training' && p.epoch === 1 && p.batch === 0) controller.abort();
        },
      }),
      TrainingCancelled,
    );
    // Settings in range never diverged here (Adam bounds every step), so the run is made to blow
    // up as a diverging one does: G's last layer scaled until its output overflows float32, and
    // the least-squares and L1 terms of the next step are infinite.
    const folderOfRun = join(models, '.training', 'nan');
    const saved = await loadCheckpoint<CheckpointState<unknown, unknown>>(folderOfRun);
    assert.ok(saved, 'the cancelled run kept a checkpoint');
    const kernel = 'G/dec3/kernel';
    assert.ok(saved.weights[kernel], `the checkpoint holds ${kernel}`);
    const blown = { ...saved.weights, [kernel]: tf.mul(saved.weights[kernel]!, 1e30) };
    await saveCheckpoint(folderOfRun, saved.state, blown, saved.optimizer);
    tf.dispose([...Object.values(saved.weights), blown[kernel]!]);
    tf.dispose(saved.optimizer.map((o) => o.tensor));

    await assert.rejects(trainCycleGan(request), (error: Error & { userFacing?: boolean }) => {
      assert.ok(error instanceof TrainingDivergedError, String(error));
      assert.equal(error.userFacing, true);
      assert.match(error.message, /diverged in epoch 2 \(.*(Infinity|NaN)/);
      assert.match(error.message, /the last good epoch \(1\) is kept; resume with a lower --lr/);
      return true;
    });
    // Nothing of the failed epoch was written: the checkpoint is still epoch 1, and no model.
    const after = await loadCheckpoint<CheckpointState<unknown, unknown>>(folderOfRun);
    assert.equal(after?.state.epochsDone, 1);
    if (after)
      tf.dispose([...Object.values(after.weights), ...after.optimizer.map((o) => o.tensor)]);
    assert.ok(!existsSync(join(models, 'nan')));
  });

  test('train --kind cyclegan --help gives each kind its own default of the shared flags', async () => {
    const run = await runCli(['train', '--kind', 'cyclegan', '--help']);
    assert.equal(run.code, 0, run.stderr);
    // Commander wraps the help to the terminal's width: read it as one line.
    const help = run.stdout.replace(/\s+/g, ' ');
    assert.match(help, /--epochs <n> passes over the data \(default 10 for every kind\)/);
    assert.match(
      help,
      /--lr <rate> Adam’s learning rate \(default 0\.002 for classifier, 0\.001 for generator, 0\.0001 for cyclegan\)/,
    );
    assert.match(help, /--cycle-weight <n> .*default 10, cyclegan only/);
  });

  test('timbrefold train --kind cyclegan with the exact flags writes the model', async () => {
    const data = folder(two());
    const models = mkdtempSync(join(tmpdir(), 'timbrefold-models-'));
    roots.push(models);
    const run = await runCli([
      'train',
      '--kind',
      'cyclegan',
      '--data',
      data,
      '--out',
      'fk',
      '--epochs',
      '1',
      '--models',
      models,
      '--json',
      // Tiny networks (declared flags of their own).
      '--channels',
      '4',
      '--residual-blocks',
      '1',
      '--discriminator-channels',
      '2',
      '--batch-size',
      '2',
      '--crops-per-clip',
      '1',
      '--hold-out',
      '0',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const done = lines.at(-1) as { event: string; manifest: { kind: string; classes: string[] } };
    assert.equal(done.event, 'done');
    assert.equal(done.manifest.kind, 'cyclegan');
    assert.ok(lines.some((l) => l.event === 'progress' && l.phase === 'training' && l.terms));
    const show = await runCli(['models', 'show', 'fk', '--models', models]);
    assert.equal(show.code, 0, show.stderr);
    assert.match(show.stdout, /"kind": "cyclegan"/);
    // Export, import under another name, delete: the cache handles the kind like any other.
    const bundle = join(models, 'fk.tfmodel');
    const exported = await runCli(['models', 'export', 'fk', bundle, '--models', models]);
    assert.equal(exported.code, 0, exported.stderr);
    const imported = await runCli([
      'models',
      'import',
      bundle,
      '--name',
      'fk-copy',
      '--models',
      models,
    ]);
    assert.equal(imported.code, 0, imported.stderr);
    const list = await runCli(['models', 'list', '--models', models]);
    assert.match(list.stdout, /fk-copy: CycleGAN between flute and keyboard/);
    const deleted = await runCli(['models', 'delete', 'fk-copy', '--models', models]);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.ok(!existsSync(join(models, 'fk-copy')));
    const bad = await runCli([
      'train',
      '--kind',
      'cyclegan',
      '--data',
      data,
      '--out',
      'fk3',
      '--cycle-weight',
      '2000',
      '--models',
      models,
    ]);
    assert.equal(bad.code, 2, 'a flag out of its declared range is a usage error');
    assert.match(bad.stderr, /--cycle-weight/);
  });
});
