// Issue 10, item 1: two renders of the same content and style at once each get their own result
// file and recipe, reserved as the job starts, so neither overwrites the other.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { JobUpdate } from '../../src/shared/ipc-jobs';
import { releaseAudioName, reserveAudioName } from '../../src/main/project/project-files';
import { corpusFile } from '../fixtures/paths';
import { editorFixture, type EditorFixture } from '../ipc/editor-fixture';

async function settled(fx: EditorFixture, jobId: string): Promise<JobUpdate> {
  const deadline = Date.now() + 240000;
  while (Date.now() < deadline) {
    const last = fx.events
      .filter((e) => e.event === 'job:update')
      .map((e) => e.payload as JobUpdate)
      .filter((u) => u.job.id === jobId)
      .at(-1);
    if (last && ['finished', 'failed', 'cancelled'].includes(last.job.state)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`job ${jobId} did not finish`);
}

describe('result names', () => {
  let fx: EditorFixture;
  before(async () => {
    fx = await editorFixture();
  });
  after(() => fx.close());

  test('names reserved together are distinct, and a released one is free again', async () => {
    const folder = fx.editor.session.folder;
    const names = await Promise.all(
      Array.from({ length: 6 }, () => reserveAudioName(folder, 'song x style (shallow)')),
    );
    assert.equal(new Set(names).size, 6, names.join(', '));
    await releaseAudioName(folder, names[0]!);
    assert.equal(await reserveAudioName(folder, 'song x style (shallow)'), names[0]);
  });

  test(
    'two renders at once of the same clips keep separate results and recipes',
    { timeout: 300000 },
    async () => {
      fx.dialogs.enqueue('audio-files', [
        corpusFile('speech_espeak_en-us.wav'),
        corpusFile('string_acoustic_040-069-080.wav'),
      ]);
      const [content, style] = (await fx.api.importAudio({})).trackIds as [string, string];
      const request = (seed: number) => ({
        method: 'shallow' as const,
        preset: 'default' as const,
        contentTrackId: content,
        styles: [{ trackId: style, weight: 1 }],
        settings: { iterations: 2, seed },
        region: { start: 0.5, end: 1.5 },
      });
      const jobs = [await fx.api.startTransfer(request(1)), await fx.api.startTransfer(request(2))];
      const done = await Promise.all(jobs.map((job) => settled(fx, job.id)));
      assert.deepEqual(
        done.map((d) => d.job.state),
        ['finished', 'finished'],
        done.map((d) => d.job.error).join('; '),
      );
      const results = done.map((d) =>
        fx.editor.session.current.tracks.find((t) => t.id === d.job.resultTrackId),
      );
      const files = results.map((t) => t!.clip.file);
      assert.notEqual(files[0], files[1]);
      const seeds = [];
      for (const track of results) {
        const recipe = JSON.parse(
          await readFile(join(fx.editor.session.folder, track!.recipe!.recipeFile!), 'utf8'),
        ) as { seed: number };
        seeds.push(recipe.seed);
      }
      assert.deepEqual(seeds.sort(), [1, 2]);
    },
  );
});
