// CycleGAN training from the app, through the handler table with the real cache and engine: the
// form's declarations, choosing the two class folders (one class or an empty class refused,
// naming it), bad requests refused by name, and a tiny real training through the training queue
// whose progress carries every loss term, cancelled after an epoch and resumed from it
// (models:resume-training).
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { TrainingSummary } from '../../src/shared/ipc-models';
import { CYCLEGAN_TERM_LABELS } from '../../src/main/training/cyclegan-parameters';
import { classFolder, familyClips } from '../training/fixtures';
import { editorFixture, type EditorFixture } from './editor-fixture';

const roots: string[] = [];
const folderOf = (classes: Record<string, readonly string[]>): string => {
  const root = classFolder(classes);
  roots.push(root);
  return root;
};

/** The smallest networks that still run every step: a step takes a fraction of a second. */
const TINY = {
  channels: 4,
  residualBlocks: 1,
  discriminatorChannels: 2,
  batchSize: 2,
  cropsPerClip: 1,
  cropSeconds: 0.8,
  holdOut: 0,
};

async function until<T>(what: string, check: () => T | undefined, timeoutMs = 120000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('CycleGAN training handlers', () => {
  let fx: EditorFixture;
  before(async () => {
    fx = await editorFixture();
  });
  after(async () => {
    await fx.close();
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  const updates = (id: string): TrainingSummary[] =>
    fx.events
      .filter((e) => e.event === 'training:update')
      .map((e) => e.payload as TrainingSummary)
      .filter((t) => t.id === id);

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

  test('the form gets the declared settings, four of them marked for the panel', async () => {
    const { parameters } = await fx.api.cycleGanOptions();
    assert.deepEqual(
      parameters.filter((d) => d.panel).map((d) => [d.name, d.default]),
      [
        ['epochs', 10],
        ['learningRate', 1e-4],
        ['cycleWeight', 10],
        ['identityWeight', 5],
      ],
    );
  });

  test('the class folders: exactly two, none empty; bad requests refused by name', async () => {
    const one = folderOf({ flute: familyClips('flute').slice(0, 2) });
    fx.dialogs.enqueue('training-folder', [one]);
    assert.match(
      await refusal('models:choose-class-pair'),
      /exactly two classes, and .* has 1 class folder \(flute\)/,
    );
    const empty = folderOf({ flute: familyClips('flute').slice(0, 2), keyboard: [] });
    fx.dialogs.enqueue('training-folder', [empty]);
    assert.match(
      await refusal('models:choose-class-pair'),
      new RegExp(`The class folder ${join(empty, 'keyboard')} has no WAV files`),
    );
    fx.dialogs.enqueue('training-folder', null);
    assert.equal(await fx.api.chooseClassPair(), null, 'a cancelled dialog chooses nothing');

    const request = { data: empty, name: 'fk', settings: {} };
    assert.match(
      await refusal('models:train-cyclegan', { ...request, settings: { cycleWeight: -1 } }),
      /settings\.cycleWeight/,
    );
    assert.match(
      await refusal('models:train-cyclegan', { ...request, settings: { learningRate: 0 } }),
      /settings\.learningRate/,
    );
    assert.match(
      await refusal('models:train-cyclegan', { ...request, settings: { dropout: 0.5 } }),
      /settings.*dropout/,
    );
    assert.match(
      await refusal('models:train-cyclegan', { ...request, name: 'a/b' }),
      /name must be a model/,
    );
    assert.match(
      await refusal('models:train-cyclegan', { ...request, data: 'relative' }),
      /absolute path/,
    );
    const never = folderOf({ flute: [], keyboard: [] });
    assert.match(
      await refusal('models:train-cyclegan', { ...request, data: never }),
      /was not chosen in a dialog/,
    );
    assert.deepEqual(await fx.api.listTrainings(), [], 'nothing was started');
  });

  test('a tiny training shows every term; a cancel keeps its epochs and training again resumes', async () => {
    const data = folderOf({
      flute: familyClips('flute').slice(0, 2),
      keyboard: familyClips('keyboard').slice(0, 3),
    });
    fx.dialogs.enqueue('training-folder', [data]);
    assert.deepEqual(await fx.api.chooseClassPair(), {
      folder: data,
      classes: ['flute', 'keyboard'],
      clips: [2, 3],
    });
    const request = { data, name: 'flute-keys', settings: { ...TINY, epochs: 30 } };
    const first = await fx.api.trainCycleGan(request);
    assert.equal(first.kind, 'cyclegan');
    assert.equal(first.epochs, 30);
    // Only one training at a time.
    assert.match(await refusal('models:train-cyclegan', request), /flute-keys is training/);

    const finished = await until('an epoch is finished', () =>
      updates(first.id).find((t) => t.epoch >= 1 && t.batch === 0 && t.phase === 'training'),
    );
    await fx.api.cancelTraining(first.id);
    const cancelled = await until('the training stops', () =>
      updates(first.id).find((t) => t.state !== 'running'),
    );
    assert.equal(cancelled.state, 'cancelled', cancelled.message ?? '');
    const kept =
      /Cancelled after (\d+) of 30 epochs; they are kept: Resume, or train flute-keys on the same folder with the same settings again, to continue/.exec(
        cancelled.message ?? '',
      );
    assert.ok(kept, cancelled.message ?? '');
    assert.ok(Number(kept[1]) >= finished.epoch);
    // Every term, labelled, finite, while it trained.
    const names = Object.keys(CYCLEGAN_TERM_LABELS);
    const training = updates(first.id).filter((t) => t.phase === 'training' && t.terms);
    assert.ok(training.length >= 2, `${training.length} updates with terms`);
    for (const t of training) {
      assert.deepEqual(
        t.terms!.map((term) => term.name),
        names,
      );
      assert.ok(
        t.terms!.every((term) => Number.isFinite(term.value) && term.label !== ''),
        JSON.stringify(t.terms),
      );
    }
    // The adversarial and discriminator terms are least-squares, the cycle an L1 over log
    // magnitudes: all positive for an untrained pair.
    assert.ok(training.at(-1)!.terms!.every((term) => term.value > 0));
    assert.ok(existsSync(join(fx.dataDir, 'models', '.training', 'flute-keys')));
    assert.ok(!(await fx.api.listModels()).some((m) => m.name === 'flute-keys'));

    // Resume repeats the cancelled request: it continues from the kept epochs.
    assert.match(await refusal('models:resume-training', 'training-nope'), /no training/);
    const again = await fx.api.resumeTraining(first.id);
    assert.notEqual(again.id, first.id);
    assert.equal(again.name, 'flute-keys');
    const done = await until(
      'the resumed training ends',
      () => updates(again.id).find((t) => t.state !== 'running'),
      240000,
    );
    assert.equal(done.state, 'finished', done.message ?? '');
    assert.equal(done.epoch, 30);
    assert.equal(done.message, `Continued from epoch ${kept[1]} of an interrupted training.`);
    const model = (await fx.api.listModels()).find((m) => m.name === 'flute-keys');
    assert.equal(model?.kind, 'cyclegan');
    assert.deepEqual(model?.classes, ['flute', 'keyboard']);
    assert.ok(!existsSync(join(fx.dataDir, 'models', '.training', 'flute-keys')));
    assert.match(
      await refusal('models:resume-training', again.id),
      /The training of flute-keys cannot be resumed: only a cancelled training .* \(it is finished\)/,
    );
  });
});
