// Seed 001's curves: every optimisation-based render keeps each iteration's losses and the
// iterate's envelope correlation in its recipe and --json summary; `timbrefold evaluate curves`
// draws them. A real (small) transfer on corpus clips.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { IterationRecord, LossTerms } from '../../src/shared/transfer';
import { iterateCorrelation } from '../../src/main/transfer/iteration-history';
import { runCli } from '../cli/run-cli';
import { corpusFile } from '../fixtures/paths';
import { freshFolder } from '../training/fixtures';

const dir = freshFolder();

/** Pearson correlation, written out for the test. */
function pearson(a: readonly number[], b: readonly number[]): number {
  const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const ma = mean(a);
  const mb = mean(b);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  a.forEach((x, i) => {
    ab += (x - ma) * (b[i]! - mb);
    aa += (x - ma) ** 2;
    bb += (b[i]! - mb) ** 2;
  });
  return ab / Math.sqrt(aa * bb);
}

describe('iteration history', () => {
  test('a render’s recipe and --json summary hold every iteration’s losses, as its progress reported them', async () => {
    const out = join(dir, 'flute-as-keyboard.wav');
    const run = await runCli([
      'transfer',
      '--content',
      corpusFile('flute_acoustic_073-072-100.wav'),
      '--style',
      corpusFile('keyboard_acoustic_000-069-127.wav'),
      '--out',
      out,
      '--filters',
      '256',
      '--iterations',
      '4',
      '--phase-iterations',
      '2',
      '--backend',
      'wasm',
      '--json',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const events = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const done = events.at(-1) as { history: IterationRecord[]; finalLosses: LossTerms };
    const reported = events.filter(
      (e) => e.event === 'progress' && e.phase === 'optimisation' && (e.iteration as number) > 0,
    ) as { iteration: number; losses: LossTerms }[];
    assert.equal(reported.length, 4);
    assert.deepEqual(
      done.history.map((r) => [r.iteration, r.losses]),
      reported.map((e) => [e.iteration, e.losses]),
    );
    assert.deepEqual(done.history.at(-1)!.losses, done.finalLosses);
    for (const r of done.history) {
      assert.equal(r.stream, 0);
      assert.equal(r.window, 0);
      assert.ok(r.contentCorrelation !== null && r.contentCorrelation <= 1);
    }
    // Started from the content: the first iterates keep its dynamics almost exactly.
    assert.ok(done.history[0]!.contentCorrelation! > 0.9, `${done.history[0]!.contentCorrelation}`);
    const recipe = JSON.parse(readFileSync(join(dir, 'flute-as-keyboard.recipe.json'), 'utf8')) as {
      history: IterationRecord[];
    };
    assert.deepEqual(recipe.history, done.history);

    // evaluate curves: the picture, and the same history in its JSON.
    const curves = await runCli([
      'evaluate',
      'curves',
      join(dir, 'flute-as-keyboard.recipe.json'),
      '--out',
      join(dir, 'curves.png'),
      '--json',
    ]);
    assert.equal(curves.code, 0, curves.stderr);
    const summary = JSON.parse(curves.stdout) as {
      history: IterationRecord[];
      summary: { iterations: number; losses: Record<string, { first: number; last: number }> };
    };
    assert.deepEqual(summary.history, done.history);
    assert.equal(summary.summary.iterations, 4);
    assert.equal(summary.summary.losses.total!.first, done.history[0]!.losses.total);
    assert.equal(summary.summary.losses.total!.last, done.finalLosses.total);
    const png = readFileSync(join(dir, 'curves.png'));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.equal(png.readUInt32BE(16), 1100);

    const table = await runCli(['evaluate', 'curves', join(dir, 'flute-as-keyboard.recipe.json')]);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /shallow, 4 iterations/);
    assert.match(table.stdout, /style\s+\S+ -> \S+/);
  });

  test('a recipe without history, or a one-pass render’s: a sentence each', async () => {
    const recipe = {
      format: 'timbrefold-recipe',
      formatVersion: 1,
      method: 'shallow',
      preset: 'default',
    };
    writeFileSync(join(dir, 'old.recipe.json'), JSON.stringify(recipe));
    const old = await runCli(['evaluate', 'curves', join(dir, 'old.recipe.json')]);
    assert.equal(old.code, 1);
    assert.match(
      old.stderr,
      /has no iteration history: the result was rendered before Timbrefold kept one/,
    );
    writeFileSync(
      join(dir, 'fast.recipe.json'),
      JSON.stringify({ ...recipe, method: 'fast', history: [] }),
    );
    const fast = await runCli([
      'evaluate',
      'curves',
      join(dir, 'fast.recipe.json'),
      '--out',
      join(dir, 'f.png'),
    ]);
    assert.equal(fast.code, 1);
    assert.match(fast.stderr, /the fast method renders in one pass/);
    assert.throws(() => readFileSync(join(dir, 'f.png')), 'no picture');
    writeFileSync(join(dir, 'song.wav.json'), '{"not": "a recipe"}');
    const other = await runCli(['evaluate', 'curves', join(dir, 'song.wav.json')]);
    assert.equal(other.code, 1);
    assert.match(other.stderr, /is not a Timbrefold recipe/);
  });

  test('the iterate’s correlation is Pearson’s of the per-frame sums, null where undefined', () => {
    const frames = 6;
    const bins = 3;
    const content = { frames, bins, data: new Float32Array(frames * bins) };
    content.data.forEach((_, i) => (content.data[i] = ((i * 7) % 5) + (i % bins)));
    const iterate = new Float32Array(frames * bins + 2 * bins); // a method may pad
    iterate.forEach((_, i) => (iterate[i] = ((i * 3) % 4) * 0.5));
    const sums = (data: Float32Array) =>
      Array.from({ length: frames }, (_, t) =>
        Array.from(data.subarray(t * bins, (t + 1) * bins)).reduce((a, b) => a + b, 0),
      );
    const expected = pearson(sums(content.data), sums(iterate));
    assert.ok(Math.abs(iterateCorrelation(content, iterate)! - expected) < 1e-12);
    assert.equal(iterateCorrelation(content, content.data), 1);
    assert.equal(iterateCorrelation(content, new Float32Array(frames * bins).fill(2)), null);
  });
});
