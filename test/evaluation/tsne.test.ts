// `timbrefold evaluate tsne` (seed 000's figure 3) as a user runs it: the shipped Verma & Smith
// demo classifier (flute vs keyboard) maps corpus clips of its two classes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { seededRandom } from '../../src/main/dsp/random';
import { runCli } from '../cli/run-cli';
import { classFolder, familyClips, freshFolder } from '../training/fixtures';

interface Point {
  file: string;
  class: string;
  x: number;
  y: number;
}

interface Report {
  model: string;
  layer: string;
  method: string;
  seed: number;
  classes: string[];
  features: number;
  points: Point[];
  picture: string;
}

/**
 * The mean silhouette (Rousseeuw 1987) of labelled 2-D points: for each point, b, the mean
 * distance to the nearest other class, against a, the mean distance within its own class,
 * as (b - a) / max(a, b). 1: tight, far-apart classes; 0: overlapping; below 0: mixed up.
 */
function silhouette(points: readonly { x: number; y: number; label: string }[]): number {
  const distance = (p: { x: number; y: number }, q: { x: number; y: number }) =>
    Math.hypot(p.x - q.x, p.y - q.y);
  let sum = 0;
  for (const p of points) {
    const byClass = new Map<string, number[]>();
    for (const q of points) {
      if (q === p) continue;
      byClass.set(q.label, [...(byClass.get(q.label) ?? []), distance(p, q)]);
    }
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const a = mean(byClass.get(p.label)!);
    const b = Math.min(...[...byClass].filter(([l]) => l !== p.label).map(([, d]) => mean(d)));
    sum += (b - a) / Math.max(a, b);
  }
  return sum / points.length;
}

const data = classFolder({ flute: familyClips('flute'), keyboard: familyClips('keyboard') });
const out = freshFolder();

async function tsne(args: string[]): Promise<Report> {
  const run = await runCli(['evaluate', 'tsne', '--model', 'demo-verma-smith', ...args, '--json']);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as Report;
}

describe('timbrefold evaluate tsne', () => {
  test('the classifier’s two classes separate in the map; the same seed gives the same map', async () => {
    const first = await tsne(['--data', data, '--out', join(out, 'a.png'), '--seed', '3']);
    assert.equal(first.layer, 'pool5', 'the last pooling layer by default');
    assert.equal(first.method, 'tsne');
    assert.deepEqual(first.classes, ['flute', 'keyboard']);
    assert.equal(first.points.length, 12);
    assert.ok(first.points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y)));
    // Threshold 0.5: Kaufman and Rousseeuw read 0.51 to 0.70 as a reasonable structure and
    // below 0.25 as none. Measured (pool5, seeds 0, 1 and 2): 0.70; the same points with their labels
    // shuffled (the control below) score near 0, so the threshold tells the two apart.
    const labelled = first.points.map((p) => ({ x: p.x, y: p.y, label: p.class }));
    const score = silhouette(labelled);
    assert.ok(score >= 0.5, `silhouette ${score}`);
    const random = seededRandom(1);
    const shuffled = labelled.map((p) => p.label);
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const control = silhouette(labelled.map((p, i) => ({ ...p, label: shuffled[i]! })));
    assert.ok(control < 0.25, `shuffled labels: silhouette ${control}`);

    const again = await tsne(['--data', data, '--out', join(out, 'b.png'), '--seed', '3']);
    assert.deepEqual(again.points, first.points, 'same seed, same coordinates');
    const other = await tsne(['--data', data, '--out', join(out, 'c.png'), '--seed', '4']);
    assert.notDeepEqual(other.points, first.points, 'another seed, another layout');

    // The picture: a PNG of the plot's size.
    const png = readFileSync(join(out, 'a.png'));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.equal(png.readUInt32BE(16), 900);
    assert.equal(png.readUInt32BE(20), 620);
  });

  test('UMAP and an earlier layer are options; their maps separate the classes too', async () => {
    const umap = await tsne([
      '--data',
      data,
      '--out',
      join(out, 'u.png'),
      '--method',
      'umap',
      '--layer',
      'pool2',
    ]);
    assert.equal(umap.method, 'umap');
    assert.equal(umap.layer, 'pool2');
    const score = silhouette(umap.points.map((p) => ({ x: p.x, y: p.y, label: p.class })));
    assert.ok(score >= 0.3, `silhouette ${score}`);
  });

  test('a classifier of other classes, or a layer it lacks: a sentence each, no picture', async () => {
    const others = classFolder({ guitar: familyClips('guitar'), string: familyClips('string') });
    const mismatch = await runCli([
      'evaluate',
      'tsne',
      '--model',
      'demo-verma-smith',
      '--data',
      others,
      '--out',
      join(out, 'x.png'),
    ]);
    assert.equal(mismatch.code, 1);
    assert.match(
      mismatch.stderr,
      /knows flute, keyboard, and none of the class folders .+ \(guitar, string\) is one of them/,
    );
    const layer = await runCli([
      'evaluate',
      'tsne',
      '--model',
      'demo-verma-smith',
      '--data',
      data,
      '--out',
      join(out, 'y.png'),
      '--layer',
      'fc6',
    ]);
    assert.equal(layer.code, 1);
    assert.match(layer.stderr, /has no layer "fc6": use one of relu1, pool1/);
    assert.throws(() => readFileSync(join(out, 'x.png')));
    assert.throws(() => readFileSync(join(out, 'y.png')));
  });
});
