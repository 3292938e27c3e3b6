// The render queue with the real engine: jobs wait for a free slot, report progress, losses and
// preview spectrograms, cancel (queued or running), and a finished job becomes a result track
// placed at its region, with its recipe.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { JobUpdate } from '../../src/shared/ipc-jobs';
import { readWav } from '../../src/main/audio';
import { corpusFile } from '../fixtures/paths';
import { editorFixture, type EditorFixture } from './editor-fixture';

function updates(fx: EditorFixture, jobId: string): JobUpdate[] {
  return fx.events
    .filter((e) => e.event === 'job:update')
    .map((e) => e.payload as JobUpdate)
    .filter((u) => u.job.id === jobId);
}

async function until(what: string, check: () => boolean, timeoutMs = 120000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function settled(fx: EditorFixture, jobId: string, timeoutMs = 240000): Promise<JobUpdate> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const last = updates(fx, jobId).at(-1);
    if (last && ['finished', 'failed', 'cancelled'].includes(last.job.state)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`job ${jobId} did not finish`);
}

describe('render queue', () => {
  let fx: EditorFixture;
  let content: string;
  let style: string;
  before(async () => {
    fx = await editorFixture();
    fx.dialogs.enqueue('audio-files', [
      corpusFile('speech_espeak_en-us.wav'),
      corpusFile('string_acoustic_040-069-080.wav'),
    ]);
    [content, style] = (await fx.api.importAudio({})).trackIds as [string, string];
  });
  after(() => fx.close());

  const request = (iterations: number, region: { start: number; end: number } | null) => ({
    method: 'shallow' as const,
    preset: 'default' as const,
    contentTrackId: content,
    styles: [{ trackId: style, weight: 1 }],
    settings: { iterations, contentWeight: 0.01, styleWeight: 1, seed: 3 },
    region,
  });

  test(
    'jobs queue for a free slot; a cancelled one adds nothing; a finished one becomes a result track',
    { timeout: 300000 },
    async () => {
      // Two slots by default: fill them, and the next one waits.
      const first = await fx.api.startTransfer(request(500, null));
      const second = await fx.api.startTransfer(request(500, null));
      const third = await fx.api.startTransfer(request(4, { start: 0.5, end: 1.5 }));
      assert.equal(third.state, 'queued');
      const cancelledQueued = await fx.api.startTransfer(request(4, null));
      await fx.api.cancelTransfer(cancelledQueued.id);
      assert.equal((await settled(fx, cancelledQueued.id)).job.state, 'cancelled');
      assert.ok(
        !updates(fx, cancelledQueued.id).some((u) => u.job.state === 'running'),
        'a cancelled queued job never ran',
      );

      // Progress with loss terms arrives while the first job runs; then cancel the two long ones.
      await until('losses arrive', () => updates(fx, first.id).some((u) => u.loss !== undefined));
      const loss = updates(fx, first.id).find((u) => u.loss)!.loss!;
      assert.ok(loss.total > 0 && loss.content >= 0 && loss.style >= 0, JSON.stringify(loss));
      assert.equal(
        updates(fx, third.id).at(-1)!.job.state,
        'queued',
        'the third job waits for a slot',
      );
      await fx.api.cancelTransfer(first.id);
      await fx.api.cancelTransfer(second.id);
      assert.equal((await settled(fx, first.id)).job.state, 'cancelled');
      assert.equal((await settled(fx, second.id)).job.state, 'cancelled');
      const cancelledTracks = fx.editor.session.current.tracks.filter((t) => t.role === 'result');
      assert.equal(cancelledTracks.length, 0, 'cancelled jobs add no track');

      const done = await settled(fx, third.id);
      assert.equal(done.job.state, 'finished', done.job.error ?? '');
      const track = fx.editor.session.current.tracks.find((t) => t.id === done.job.resultTrackId)!;
      assert.equal(track.role, 'result');
      // Named by style and beta, the take numbered at its start: the first two were running.
      assert.deepEqual(
        [first.name, second.name, third.name],
        ['String acoustic β 1', 'String acoustic β 1 #2', 'String acoustic β 1 #3'],
      );
      assert.equal(track.name, 'String acoustic β 1 #3');
      assert.equal(
        done.job.fullName,
        'speech_espeak_en-us × string_acoustic_040-069-080 (shallow)',
      );
      assert.equal(track.clip.start, 0.5);
      assert.ok(Math.abs(track.clip.duration - 1) < 0.01, `result lasts ${track.clip.duration} s`);
      assert.equal(track.clip.sampleRate, 16000);
      assert.equal(track.recipe?.iterations, 4);
      assert.equal(track.recipe?.settings['contentWeight'], 0.01);
      assert.ok(track.recipe?.recipeFile);
      await stat(fx.editor.session.pathOf(track.recipe.recipeFile));
      const { audio } = await readWav(fx.editor.session.pathOf(track.clip.file));
      assert.equal(audio.channels[0]!.length, 16000);
      // Adding the result is one undoable step.
      const undone = await fx.api.undo();
      assert.ok(!undone.document.tracks.some((t) => t.id === track.id));
      const redone = await fx.api.redo();
      assert.ok(redone.document.tracks.some((t) => t.id === track.id));
    },
  );

  test(
    'previews fill the result lane and the current iterate can be played',
    { timeout: 300000 },
    async () => {
      const job = await fx.api.startTransfer(request(30, null));
      await until(
        'two previews arrive',
        () => updates(fx, job.id).filter((u) => u.preview).length >= 2,
      );
      const preview = updates(fx, job.id).findLast((u) => u.preview)!.preview!;
      assert.equal(preview.levels.length, preview.frames * preview.bins);
      // The lane spans the job's whole region (4 s at the analysis rate and hop).
      assert.ok(Math.abs(((preview.frames - 1) * preview.hop) / preview.sampleRate - 4) < 0.1);
      let painted = 0;
      for (const level of preview.levels) if (level > 0) painted++;
      assert.ok(painted > preview.levels.length / 4, 'the preview has content');
      const iterate = await fx.api.iterateAudio(job.id);
      assert.ok(iterate.duration > 1, `the iterate lasts ${iterate.duration} s`);
      await fx.api.cancelTransfer(job.id);
      await settled(fx, job.id);
    },
  );

  test(
    'a job whose process the system kills (memory ran out) fails saying so; the editor and the next job carry on',
    { timeout: 300000, skip: process.platform !== 'linux' && 'reads /proc' },
    async () => {
      const doomed = await fx.api.startTransfer(request(500, null));
      await until('it runs', () => updates(fx, doomed.id).some((u) => u.loss !== undefined));
      const jobs = enginePids();
      assert.equal(jobs.length, 1, `one engine process runs the job, apart from the editor's`);
      assert.notEqual(jobs[0], process.pid);
      process.kill(jobs[0]!, 'SIGKILL');
      const failed = await settled(fx, doomed.id);
      assert.equal(failed.job.state, 'failed');
      assert.match(
        failed.job.error ?? '',
        /stopped from outside \(SIGKILL\), most likely by the system because the computer ran out of memory/,
      );
      assert.ok(!fx.editor.session.current.tracks.some((t) => t.name === doomed.name));
      const next = await fx.api.startTransfer(request(2, { start: 0, end: 0.5 }));
      assert.equal((await settled(fx, next.id)).job.state, 'finished');
    },
  );
});

/** This process's children that run the engine worker (Linux). */
function enginePids(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
        return parent === process.pid && command.includes('engine-worker') ? [Number(entry)] : [];
      } catch {
        return []; // gone meanwhile
      }
    });
}
