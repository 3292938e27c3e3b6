// The model handlers with the real cache, engine and shipped models: the list (shipped ones
// read-only), import and export round trips, damaged models, training with cancel, trained-CNN
// transfers through the render queue, and every bad input refused with one clear sentence.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { JobUpdate } from '../../src/shared/ipc-jobs';
import type { TrainingSummary } from '../../src/shared/ipc-models';
import { readWav } from '../../src/main/audio';
import { shippedModelsFolder } from '../../src/main/models/locations';
import { corpusFile } from '../fixtures/paths';
import { classFolder, familyClips } from '../training/fixtures';
import { editorFixture, type EditorFixture } from './editor-fixture';

const scratch = mkdtempSync(join(tmpdir(), 'timbrefold-ipc-models-'));

async function until<T>(what: string, check: () => T | undefined, timeoutMs = 120000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function trainingUpdates(fx: EditorFixture, id: string): TrainingSummary[] {
  return fx.events
    .filter((e) => e.event === 'training:update')
    .map((e) => e.payload as TrainingSummary)
    .filter((t) => t.id === id);
}

function jobUpdates(fx: EditorFixture, id: string): JobUpdate[] {
  return fx.events
    .filter((e) => e.event === 'job:update')
    .map((e) => e.payload as JobUpdate)
    .filter((u) => u.job.id === id);
}

const settled = (fx: EditorFixture, id: string): Promise<JobUpdate> =>
  until(
    `job ${id} settles`,
    () => {
      const last = jobUpdates(fx, id).at(-1);
      return last && ['finished', 'failed', 'cancelled'].includes(last.job.state)
        ? last
        : undefined;
    },
    240000,
  );

describe('model handlers', () => {
  let fx: EditorFixture;
  let modelsDir: string;
  before(async () => {
    fx = await editorFixture();
    modelsDir = join(fx.dataDir, 'models');
  });
  after(async () => {
    await fx.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  async function refusal(
    channel: Parameters<EditorFixture['call']>[0],
    ...args: unknown[]
  ): Promise<string> {
    const reply = await fx.call(channel, ...args);
    assert.equal(reply.ok, false, `${channel} accepted ${JSON.stringify(args)}`);
    if (reply.ok) return '';
    assert.equal(reply.error.userFacing, true, reply.error.message);
    return reply.error.message;
  }

  /** A content and a style track, picked in the import dialog. */
  async function importPair(content: string, style: string): Promise<[string, string]> {
    fx.dialogs.enqueue('audio-files', [corpusFile(content)]);
    const [a] = (await fx.api.importAudio({ role: 'content' })).trackIds;
    fx.dialogs.enqueue('audio-files', [corpusFile(style)]);
    const [b] = (await fx.api.importAudio({ role: 'style' })).trackIds;
    return [a!, b!];
  }

  test('the list includes the shipped models, marked read-only', async () => {
    const models = await fx.api.listModels();
    const demo = models.find((m) => m.name === 'demo-verma-smith');
    assert.ok(demo, JSON.stringify(models.map((m) => m.name)));
    assert.equal(demo.shipped, true);
    assert.equal(demo.status, 'ok');
    assert.equal(demo.architecture, 'verma-smith');
    assert.deepEqual(demo.classes, ['flute', 'keyboard']);
    assert.equal(demo.heldOutAccuracy, 1);
    assert.ok(demo.createdAt?.startsWith('20'));
    const vgg = models.find((m) => m.name === 'demo-audio-vgg');
    assert.equal(vgg?.architecture, 'audio-vgg');
    assert.equal(vgg?.shipped, true);
  });

  test('a shipped model cannot be deleted', async () => {
    const message = await refusal('models:delete', 'demo-verma-smith');
    assert.match(message, /"demo-verma-smith" is shipped with the app and cannot be deleted/);
    assert.ok((await fx.api.listModels()).some((m) => m.name === 'demo-verma-smith'));
  });

  test('export and import round trip, as a bundle and as a folder; delete', async () => {
    const file = join(scratch, 'verma.tfmodel');
    fx.dialogs.enqueue('model-export', [file]);
    const exported = await fx.api.exportModel({ name: 'demo-verma-smith' });
    assert.deepEqual(exported, { name: 'demo-verma-smith', file });
    assert.ok(readFileSync(file).subarray(0, 8).toString('ascii') === 'TFMODEL1');

    fx.dialogs.enqueue('model-file', [file]);
    const copy = await fx.api.importModel({ source: 'bundle', name: 'my-verma' });
    assert.equal(copy?.name, 'my-verma');
    assert.equal(copy?.shipped, false);
    assert.deepEqual(copy?.classes, ['flute', 'keyboard']);
    assert.ok(existsSync(join(modelsDir, 'my-verma', 'weights.bin')));
    // The same name again is refused, the model is left as it was.
    fx.dialogs.enqueue('model-file', [file]);
    assert.match(
      await refusal('models:import', { source: 'bundle', name: 'my-verma' }),
      /already exists/,
    );

    // A copy exported again is byte for byte the bundle it came from (apart from the name).
    const again = join(scratch, 'my-verma.tfmodel');
    fx.dialogs.enqueue('model-export', [again]);
    await fx.api.exportModel({ name: 'my-verma' });
    assert.equal(
      readFileSync(again).byteLength - readFileSync(file).byteLength,
      'my-verma'.length - 'demo-verma-smith'.length,
    );

    fx.dialogs.enqueue('model-folder', [join(shippedModelsFolder(), 'demo-audio-vgg')]);
    const folder = await fx.api.importModel({ source: 'folder', name: 'my-vgg' });
    assert.equal(folder?.architecture, 'audio-vgg');

    // Cancelled dialogs do nothing.
    assert.equal(await fx.api.importModel({ source: 'bundle' }), null);
    assert.equal(await fx.api.exportModel({ name: 'my-vgg' }), null);

    const remaining = await fx.api.deleteModel('my-vgg');
    assert.ok(!remaining.some((m) => m.name === 'my-vgg'));
    assert.ok(remaining.some((m) => m.name === 'my-verma'));
    assert.ok(!existsSync(join(modelsDir, 'my-vgg')));
  });

  test('a damaged model is listed with the reason, refused on import, and fails a transfer', async () => {
    const broken = join(modelsDir, 'broken');
    cpSync(join(shippedModelsFolder(), 'demo-verma-smith'), broken, { recursive: true });
    const weights = readFileSync(join(broken, 'weights.bin'));
    weights[100] = weights[100]! ^ 0xff;
    writeFileSync(join(broken, 'weights.bin'), weights);

    const listed = (await fx.api.listModels()).find((m) => m.name === 'broken');
    assert.equal(listed?.status, 'damaged');
    assert.match(listed?.problem ?? '', /SHA-256/);
    assert.equal(listed?.architecture, null);

    fx.dialogs.enqueue('model-folder', [broken]);
    assert.match(
      await refusal('models:import', { source: 'folder', name: 'broken-copy' }),
      /damaged.*SHA-256/,
    );
    const garbage = join(scratch, 'garbage.tfmodel');
    writeFileSync(garbage, 'not a model at all');
    fx.dialogs.enqueue('model-file', [garbage]);
    assert.match(
      await refusal('models:import', { source: 'bundle' }),
      /is not a usable model file: it is not a Timbrefold model export/,
    );

    const [content, style] = await importPair(
      'flute_acoustic_073-072-100.wav',
      'keyboard_acoustic_000-069-127.wav',
    );
    const job = await fx.api.startTransfer({
      method: 'cnn',
      preset: 'verma-smith',
      model: 'broken',
      contentTrackId: content,
      styles: [{ trackId: style, weight: 1 }],
      settings: { iterations: 2 },
      region: null,
    });
    const done = await settled(fx, job.id);
    assert.equal(done.job.state, 'failed');
    assert.match(done.job.error ?? '', /The model "broken" .* is damaged/);
    // It can be deleted from the app.
    assert.ok(!(await fx.api.deleteModel('broken')).some((m) => m.name === 'broken'));
  });

  test('bad inputs are refused with a sentence naming them', async () => {
    assert.match(await refusal('models:delete', '../../etc'), /must be a model name/);
    assert.match(await refusal('models:delete', 'nosuchmodel'), /no model called "nosuchmodel"/);
    assert.match(await refusal('models:import', { source: 'zip' }), /source/);
    assert.match(
      await refusal('models:import', { source: 'bundle', path: join(scratch, 'never-chosen') }),
      /was not chosen in a dialog/,
    );
    assert.match(await refusal('models:export', { name: 'nosuchmodel' }), /no model called/);
    assert.match(
      await refusal('models:export', { name: 'demo-verma-smith', file: 'relative.tfmodel' }),
      /absolute path/,
    );
    const train = { data: scratch, architecture: 'verma-smith', epochs: 1, name: 'ok-name' };
    assert.match(await refusal('models:train', { ...train, epochs: 0 }), /epochs/);
    assert.match(
      await refusal('models:train', { ...train, architecture: 'resnet' }),
      /architecture/,
    );
    assert.match(await refusal('models:train', { ...train, name: 'a/b' }), /name must be a model/);
    assert.match(await refusal('models:train', train), /was not chosen in a dialog/);
    assert.match(await refusal('models:cancel-training', 'training-nope'), /no training/);
    // A trained-CNN transfer takes its own presets and settings only.
    const start = {
      method: 'cnn',
      preset: 'verma-smith',
      contentTrackId: 'a',
      styles: [{ trackId: 'b', weight: 1 }],
      settings: {},
      region: null,
    };
    assert.match(await refusal('transfer:start', { ...start, preset: 'default' }), /preset/);
    assert.match(
      await refusal('transfer:start', { ...start, settings: { filters: 8 } }),
      /settings.*filters/,
    );
    assert.match(
      await refusal('transfer:start', { ...start, settings: { energyWeight: -1 } }),
      /settings\.energyWeight/,
    );
    assert.match(await refusal('transfer:start', { ...start, method: 'gan' }), /method/);
    // A folder that cannot train a classifier is refused when it is picked.
    const empty = mkdtempSync(join(scratch, 'empty-'));
    fx.dialogs.enqueue('training-folder', [empty]);
    assert.match(await refusal('models:choose-data'), /has no class folders/);
  });

  test('a trained-CNN transfer from the render queue becomes a result track with its recipe', async () => {
    const [content, style] = await importPair(
      'speech_espeak_en-us.wav',
      'string_acoustic_040-069-080.wav',
    );
    const job = await fx.api.startTransfer({
      method: 'cnn',
      preset: 'verma-smith',
      model: 'my-verma',
      contentTrackId: content,
      styles: [{ trackId: style, weight: 1 }],
      settings: {
        iterations: 3,
        contentWeight: 0.5,
        styleWeight: 2,
        energyWeight: 0.05,
        frequencyWeight: 0.02,
        seed: 4,
      },
      region: { start: 1, end: 2 },
    });
    assert.equal(job.name, 'String acoustic β 2', 'named by its style and beta');
    assert.match(job.fullName, /\(cnn\)$/);
    const done = await settled(fx, job.id);
    assert.equal(done.job.state, 'finished', done.job.error ?? '');
    const losses = jobUpdates(fx, job.id).flatMap((u) => (u.loss ? [u.loss] : []));
    assert.ok(losses.length >= 3, `${losses.length} loss points`);
    assert.ok(losses.every((l) => l.energy !== undefined && l.frequency !== undefined));
    const track = fx.editor.session.current.tracks.find((t) => t.id === done.job.resultTrackId)!;
    assert.equal(track.clip.start, 1);
    assert.ok(Math.abs(track.clip.duration - 1) < 0.01);
    assert.deepEqual(
      {
        method: track.recipe?.method,
        preset: track.recipe?.preset,
        model: track.recipe?.model,
        alpha: track.recipe?.settings['contentWeight'],
        beta: track.recipe?.settings['styleWeight'],
        energy: track.recipe?.settings['energyWeight'],
        frequency: track.recipe?.settings['frequencyWeight'],
        iterations: track.recipe?.iterations,
      },
      {
        method: 'cnn',
        preset: 'verma-smith',
        model: 'my-verma',
        alpha: 0.5,
        beta: 2,
        energy: 0.05,
        frequency: 0.02,
        iterations: 3,
      },
    );
    const engineRecipe = JSON.parse(
      readFileSync(fx.editor.session.pathOf(track.recipe!.recipeFile!), 'utf8'),
    ) as { model?: { name?: string } };
    assert.equal(engineRecipe.model?.name, 'my-verma');
    const { audio } = await readWav(fx.editor.session.pathOf(track.clip.file));
    assert.equal(audio.channels[0]!.length, 16000);
    // A model of another architecture than the preset's is refused by the engine, by name.
    const mismatch = await fx.api.startTransfer({
      method: 'cnn',
      preset: 'audio-vgg',
      model: 'my-verma',
      contentTrackId: content,
      styles: [{ trackId: style, weight: 1 }],
      settings: { iterations: 1 },
      region: null,
    });
    const refused = await settled(fx, mismatch.id);
    assert.equal(refused.job.state, 'failed');
    assert.match(refused.job.error ?? '', /is a verma-smith network; the audio-vgg preset needs/);
  });

  test('training from the app reports epochs; a cancel keeps the completed ones', async () => {
    const data = classFolder({
      flute: familyClips('flute').slice(0, 3),
      keyboard: familyClips('keyboard').slice(0, 3),
    });
    fx.dialogs.enqueue('training-folder', [data]);
    const picked = await fx.api.chooseTrainingData();
    assert.deepEqual(picked, { folder: data, classes: ['flute', 'keyboard'], clips: 6 });
    const training = await fx.api.trainModel({
      data,
      architecture: 'verma-smith',
      epochs: 20,
      name: 'flute-or-keys',
    });
    assert.equal(training.state, 'running');
    // Only one training at a time.
    assert.match(
      await refusal('models:train', { data, architecture: 'verma-smith', epochs: 1, name: 'x' }),
      /flute-or-keys is training/,
    );
    await until('an epoch completes', () =>
      trainingUpdates(fx, training.id).find((t) => t.epoch >= 1 && t.batch === 0),
    );
    const running = trainingUpdates(fx, training.id).filter((t) => t.phase === 'training');
    assert.ok(running.some((t) => t.loss !== null && t.accuracy !== null));
    assert.ok(running.some((t) => t.remainingSeconds !== null && t.remainingSeconds > 0));
    await fx.api.cancelTraining(training.id);
    const cancelled = await until('the training stops', () =>
      trainingUpdates(fx, training.id).find((t) => t.state === 'cancelled'),
    );
    assert.match(cancelled.message ?? '', /Cancelled after \d+ of 20 epochs; they are kept/);
    assert.ok(existsSync(join(modelsDir, '.training', 'flute-or-keys', 'checkpoint.json')));
    assert.ok(!(await fx.api.listModels()).some((m) => m.name === 'flute-or-keys'));
    assert.equal((await fx.api.listTrainings()).at(-1)?.state, 'cancelled');
  });
});
