// The evaluation handlers with the real editor and engine: bad input refused with one clear
// sentence (tracks that are not results, a folder not chosen, a track without a recipe, an
// unknown kind, a layer the classifier lacks, a bad map or seed), a classifier whose classes the
// folder does not hold fails with the reason, a t-SNE can be cancelled; consistency classifies
// the chosen results only; a UMAP of a chosen layer and seed; the session's evaluations listed
// again (a running one, the last result of each kind); the project's ratings summarised and
// exported as the CLI's CSV, never over a file unconfirmed or over the project's own files.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { EvaluationSummary } from '../../src/shared/ipc-evaluation';
import { runCli } from '../cli/run-cli';
import { corpusFile } from '../fixtures/paths';
import { writeResultProject } from '../fixtures/result-project';
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

  /** Opens a project folder as the user would (the Open dialog grants it). */
  async function openProject(folder: string): Promise<void> {
    folders.push(folder);
    fx.dialogs.enqueue('project-folder', [folder]);
    assert.ok(await fx.api.openProject());
  }

  const listed = async (kind: EvaluationSummary['kind']): Promise<EvaluationSummary[]> =>
    (await fx.api.listEvaluations()).filter((e) => e.kind === kind);

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
    assert.match(
      await refusal('evaluation:export-ratings', { file: join(tmpdir(), 'ratings.csv') }),
      /was not chosen in a dialog/,
    );
    assert.match(
      await refusal('evaluation:export-ratings', { file: 'ratings.csv' }),
      /bad value: file must be an absolute path/,
    );
    assert.match(
      await refusal('evaluation:cluster-options', 'no-such-model'),
      /There is no model called "no-such-model"/,
    );
  });

  test('a classifier offers its activations, the last pooling by default; other layers, maps and seeds are refused', async () => {
    assert.deepEqual(await fx.api.clusterOptions('demo-verma-smith'), {
      model: 'demo-verma-smith',
      layers: ['relu1', 'pool1', 'relu2', 'pool2', 'relu3', 'relu4', 'relu5', 'pool5'],
      defaultLayer: 'pool5',
    });
    const vgg = await fx.api.clusterOptions('demo-audio-vgg');
    assert.equal(vgg.layers.length, 16 + 5, 'sixteen convolutions and five poolings');
    assert.deepEqual(vgg.layers.slice(0, 3), ['relu1_1', 'relu1_2', 'pool1']);
    assert.equal(vgg.defaultLayer, 'pool5');
    const data = await chosenFolder({
      flute: familyClips('flute').slice(0, 2),
      keyboard: familyClips('keyboard').slice(0, 2),
    });
    const clusters = { kind: 'clusters', model: 'demo-verma-smith', data };
    // The head's layer, or audio-VGG's pool3 on Verma & Smith: named, with the choices.
    for (const layer of ['fc6', 'pool3'])
      assert.equal(
        await refusal('evaluation:start', { ...clusters, layer }),
        `The classifier "demo-verma-smith" has no layer "${layer}": choose one of relu1, pool1, relu2, pool2, relu3, relu4, relu5, pool5.`,
      );
    assert.match(
      await refusal('evaluation:start', { ...clusters, method: 'pca' }),
      /bad value: method .*got "pca"/,
    );
    for (const seed of [-1, 1.5, 2 ** 31])
      assert.match(
        await refusal('evaluation:start', { ...clusters, seed }),
        new RegExp(`bad value: seed .*got ${seed}\\)`),
      );
    assert.match(
      await refusal('evaluation:start', { ...clusters, model: 'no-such-model' }),
      /There is no model called "no-such-model"/,
    );
    assert.equal((await listed('clusters')).length, 0, 'nothing refused was started or listed');
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
    // Listed as running (the panel reopened shows its progress), then as it ended.
    assert.ok((await listed('clusters')).some((e) => e.id === started.id && e.state === 'running'));
    await fx.api.cancelEvaluation(started.id);
    const done = await settled(started.id);
    assert.equal(done.state, 'cancelled');
    assert.deepEqual(
      (await listed('clusters')).map((e) => [e.id, e.state]),
      [[started.id, 'cancelled']],
      'the failed one before it is forgotten: it was neither the latest nor a finished one',
    );
  });

  test('a UMAP of a chosen layer and seed; the last map is kept beside a later failure', async () => {
    const data = await chosenFolder({
      flute: familyClips('flute').slice(0, 3),
      keyboard: familyClips('keyboard').slice(0, 3),
    });
    const started = await fx.api.startEvaluation({
      kind: 'clusters',
      model: 'demo-verma-smith',
      data,
      method: 'umap',
      layer: 'pool2',
      seed: 7,
    });
    const done = await settled(started.id);
    assert.equal(done.state, 'finished', done.message ?? '');
    const map = done.clusters!;
    assert.deepEqual([map.method, map.layer, map.seed], ['umap', 'pool2', 7]);
    assert.deepEqual(map.classes, ['flute', 'keyboard']);
    assert.equal(map.points.length, 6);
    assert.ok(map.points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y)));

    const other = await chosenFolder({
      guitar: familyClips('guitar').slice(0, 2),
      strings: familyClips('string').slice(0, 2),
    });
    const failed = await settled(
      (await fx.api.startEvaluation({ kind: 'clusters', model: 'demo-verma-smith', data: other }))
        .id,
    );
    assert.equal(failed.state, 'failed');
    assert.deepEqual(
      (await listed('clusters')).map((e) => [e.id, e.state]),
      [
        [started.id, 'finished'],
        [failed.id, 'failed'],
      ],
      'the latest, and the last finished with its map',
    );
    assert.deepEqual((await listed('clusters'))[0]!.clusters, map);
  });

  test('consistency classifies the chosen results only', async () => {
    const [flute1, flute2] = familyClips('flute');
    const [keyboard1] = familyClips('keyboard');
    await openProject(
      await writeResultProject({
        f1: { method: 'shallow', style: 'flute.wav', corpus: flute1 },
        f2: { method: 'cnn', style: 'flute.wav', corpus: flute2 },
        k1: { method: 'shallow', style: 'keys.wav', corpus: keyboard1 },
      }),
    );
    const count = async (trackIds: string[]) => {
      const started = await fx.api.startEvaluation({
        kind: 'consistency',
        model: 'demo-verma-smith',
        trackIds,
      });
      const done = await settled(started.id);
      assert.equal(done.state, 'finished', done.message ?? '');
      return done.consistency;
    };
    // The demo classifier hears each of these corpus clips as its own family.
    assert.deepEqual(await count(['f1', 'f2']), {
      files: 2,
      classified: 2,
      counts: { flute: 2, keyboard: 0 },
      failed: [],
    });
    assert.deepEqual(await count(['k1']), {
      files: 1,
      classified: 1,
      counts: { flute: 0, keyboard: 1 },
      failed: [],
    });
    assert.deepEqual(
      (await listed('consistency')).map((e) => e.consistency?.files),
      [1],
      'only the latest table is kept',
    );
    assert.match(
      await refusal('evaluation:start', {
        kind: 'consistency',
        model: 'demo-verma-smith',
        trackIds: ['c'],
      }),
      /is not a result track/,
    );
    // Another project: the table of this one's results goes, maps of folders stay.
    const maps = (await listed('clusters')).length;
    const before = (await fx.api.getProject()).opened;
    const fresh = await fx.api.newProject();
    assert.ok(fresh.opened > before, 'the snapshot says another project was opened');
    assert.deepEqual(await listed('consistency'), []);
    assert.equal((await listed('clusters')).length, maps);
  });

  test('ratings per pair and method, exported as the CLI writes them', async () => {
    const folder = await writeResultProject(
      {
        r1: { method: 'shallow', style: 'violin.wav' },
        r2: { method: 'shallow', style: 'violin.wav' },
        r3: { method: 'cnn', style: 'violin.wav' },
        r4: { method: 'cnn', style: 'drums.wav' },
      },
      { c: 3 },
    );
    await openProject(folder);
    // Rated in the app, as the A/B panel's blind test does.
    for (const [trackId, rating] of Object.entries({ r1: 5, r2: 2, r3: 4 }))
      await fx.api.editProject({ type: 'rate-result', trackId, rating });
    const summary = await fx.api.ratingsSummary();
    assert.deepEqual([summary.rated, summary.results], [3, 4]);
    assert.deepEqual(
      summary.groups.map(({ styles, method, count, mean, std, min, max }) => [
        styles,
        method,
        count,
        mean,
        std,
        min,
        max,
      ]),
      [
        ['', 'reference', 1, 3, null, 3, 3],
        ['violin.wav', 'cnn', 1, 4, null, 4, 4],
        // 5 and 2: mean 3.5, sample standard deviation sqrt((1.5^2 + 1.5^2) / 1).
        ['violin.wav', 'shallow', 2, 3.5, Math.sqrt(4.5), 2, 5],
      ],
    );

    // Cancelled: nothing written.
    assert.equal(await fx.api.exportRatings({}), null);
    assert.equal(fx.dialogs.asked.at(-1), 'ratings-export');
    const scratch = mkdtempSync(join(tmpdir(), 'timbrefold-ratings-csv-'));
    folders.push(scratch);
    const file = join(scratch, 'listening.csv');
    fx.dialogs.enqueue('ratings-export', [file]);
    assert.deepEqual(await fx.api.exportRatings({}), { file, groups: 3 });

    // Byte for byte what `timbrefold evaluate ratings --csv` writes of the saved project.
    await fx.api.saveProject();
    const cliCsv = join(scratch, 'cli.csv');
    const cli = await runCli(['evaluate', 'ratings', folder, '--csv', cliCsv]);
    assert.equal(cli.code, 0, cli.stderr);
    const written = readFileSync(file, 'utf8');
    assert.equal(written, readFileSync(cliCsv, 'utf8'));
    assert.equal(written.split('\r\n')[0], 'content,styles,method,count,mean,std,min,max');

    // The same file named again is replaced only when the user confirmed it.
    await fx.api.editProject({ type: 'rate-result', trackId: 'r4', rating: 1 });
    assert.match(
      await refusal('evaluation:export-ratings', { file }),
      /listening\.csv already exists; confirm replacing it/,
    );
    assert.equal(readFileSync(file, 'utf8'), written, 'left as it was');
    assert.deepEqual(await fx.api.exportRatings({ file, replace: true }), { file, groups: 4 });
    assert.match(readFileSync(file, 'utf8'), /drums\.wav,cnn,1,1,,1,1/);

    // Chosen in the save dialog (which confirmed replacing it), the project's own file and an
    // imported source are still never written over.
    const projectJson = readFileSync(join(folder, 'project.json'), 'utf8');
    fx.dialogs.enqueue('ratings-export', [join(folder, 'project.json')]);
    assert.match(
      await refusal('evaluation:export-ratings', {}),
      /Refusing to overwrite project\.json/,
    );
    assert.equal(readFileSync(join(folder, 'project.json'), 'utf8'), projectJson);
    const source = join(scratch, 'source.wav');
    copyFileSync(corpusFile(familyClips('flute')[0]!), source);
    fx.dialogs.enqueue('audio-files', [source]);
    await fx.api.importAudio({ role: 'style' });
    fx.dialogs.enqueue('ratings-export', [source]);
    assert.match(
      await refusal('evaluation:export-ratings', {}),
      /Refusing to overwrite source\.wav/,
    );
    assert.deepEqual(readFileSync(source), readFileSync(corpusFile(familyClips('flute')[0]!)));
  });
});
