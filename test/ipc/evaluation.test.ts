// The evaluation handlers with the real editor and engine: bad input refused with one clear
// sentence (tracks that are not results, a folder not chosen, a track without a recipe, an
// unknown kind), a classifier whose classes the folder does not hold fails with the reason, and
// a t-SNE can be cancelled.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { EvaluationSummary } from '../../src/shared/ipc-evaluation';
import { corpusFile } from '../fixtures/paths';
import { familyClips } from '../training/fixtures';
import { editorFixture, type EditorFixture } from './editor-fixture';

/** A folder of class folders holding copies of corpus clips. */
function classCopies(classes: Record<string, readonly string[]>): string {
  const root = mkdtempSync(join(tmpdir(), 'timbrefold-ipc-eval-'));
  for (const [name, clips] of Object.entries(classes)) {
    mkdirSync(join(root, name));
    for (const clip of clips) copyFileSync(corpusFile(clip), join(root, name, clip));
  }
  return root;
}

describe('evaluation handlers', () => {
  let fx: EditorFixture;
  const folders: string[] = [];
  before(async () => {
    fx = await editorFixture();
  });
  after(async () => {
    await fx.close();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
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

  async function settled(id: string): Promise<EvaluationSummary> {
    const deadline = Date.now() + 120000;
    for (;;) {
      const last = fx.events
        .filter((e) => e.event === 'evaluation:update')
        .map((e) => e.payload as EvaluationSummary)
        .filter((s) => s.id === id)
        .at(-1);
      if (last && last.state !== 'running') return last;
      if (Date.now() > deadline) throw new Error(`evaluation ${id} did not settle`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function chosenFolder(classes: Record<string, readonly string[]>): Promise<string> {
    const folder = classCopies(classes);
    folders.push(folder);
    fx.dialogs.enqueue('training-folder', [folder]);
    const info = await fx.api.chooseTrainingData();
    assert.ok(info);
    return info.folder;
  }

  test('bad input is refused with a sentence naming the problem', async () => {
    fx.dialogs.enqueue('audio-files', [corpusFile('flute_acoustic_073-072-100.wav')]);
    const [trackId] = (await fx.api.importAudio({ role: 'content' })).trackIds;
    assert.match(
      await refusal('evaluation:start', {
        kind: 'consistency',
        model: 'demo-verma-smith',
        trackIds: [trackId],
      }),
      /is not a result track/,
    );
    assert.match(await refusal('evaluation:curves', trackId), /is not a result of a transfer/);
    assert.match(
      await refusal('evaluation:start', {
        kind: 'clusters',
        model: 'demo-verma-smith',
        data: tmpdir(),
      }),
      /was not chosen in a dialog/,
    );
    assert.match(
      await refusal('evaluation:start', { kind: 'umap', model: 'demo-verma-smith' }),
      /evaluation:start request has a bad value: kind/,
    );
    assert.match(await refusal('evaluation:curves', 'no-such-track'), /no track with id/);
    assert.match(await refusal('evaluation:cancel', 'evaluation-none'), /no evaluation/);
  });

  test('a folder holding none of the classifier classes fails with the reason', async () => {
    const data = await chosenFolder({
      guitar: familyClips('guitar').slice(0, 2),
      strings: familyClips('string').slice(0, 2),
    });
    const started = await fx.api.startEvaluation({
      kind: 'clusters',
      model: 'demo-verma-smith',
      data,
    });
    const done = await settled(started.id);
    assert.equal(done.state, 'failed');
    assert.match(done.message ?? '', /knows flute, keyboard, and none of the class folders/);
    assert.equal(done.clusters, null);
  });

  test('a t-SNE can be cancelled', async () => {
    const data = await chosenFolder({
      flute: familyClips('flute').slice(0, 3),
      keyboard: familyClips('keyboard').slice(0, 3),
    });
    const started = await fx.api.startEvaluation({
      kind: 'clusters',
      model: 'demo-verma-smith',
      data,
    });
    assert.match(
      await refusal('evaluation:start', {
        kind: 'clusters',
        model: 'demo-verma-smith',
        data,
      }),
      /is running; wait for it or cancel it/,
    );
    await fx.api.cancelEvaluation(started.id);
    const done = await settled(started.id);
    assert.equal(done.state, 'cancelled');
  });
});
