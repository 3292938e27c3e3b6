// `timbrefold evaluate ratings PROJECT_DIR` (seed 001's table 2): the blind ratings a project
// records, made through the app's own edit ('rate-result'), summarised per pair and method.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { writeResultProject } from '../fixtures/result-project';
import { runCli } from '../cli/run-cli';

/** A saved project whose results were rated as the A/B panel rates them. */
function ratedProject(ratings: Record<string, number>): Promise<string> {
  return writeResultProject(
    {
      r1: { method: 'shallow', style: 'violin.wav' },
      r2: { method: 'shallow', style: 'violin.wav' },
      r3: { method: 'cnn', style: 'violin.wav' },
      r4: { method: 'shallow', style: 'drums.wav' },
      r5: { method: 'cnn', style: 'drums.wav' },
    },
    ratings,
  );
}

describe('timbrefold evaluate ratings', () => {
  test('mean, count and spread per pair and method; unrated results left out; CSV beside', async () => {
    const folder = await ratedProject({ c: 2, r1: 4, r2: 1, r3: 5, r4: 3 });
    const csv = join(folder, 'ratings.csv');
    const run = await runCli(['evaluate', 'ratings', folder, '--json', '--csv', csv]);
    assert.equal(run.code, 0, run.stderr);
    const summary = JSON.parse(run.stdout) as {
      rated: number;
      results: number;
      groups: {
        content: string;
        styles: string;
        method: string;
        count: number;
        mean: number;
        std: number | null;
        min: number;
        max: number;
      }[];
    };
    assert.equal(summary.rated, 4);
    assert.equal(summary.results, 5);
    const rows = summary.groups.map(({ styles, method, count, mean, std, min, max }) => ({
      styles,
      method,
      count,
      mean,
      std,
      min,
      max,
    }));
    assert.deepEqual(rows, [
      // The content itself, rated as the blind test's hidden reference, leads its pairs.
      { styles: '', method: 'reference', count: 1, mean: 2, std: null, min: 2, max: 2 },
      { styles: 'drums.wav', method: 'shallow', count: 1, mean: 3, std: null, min: 3, max: 3 },
      { styles: 'violin.wav', method: 'cnn', count: 1, mean: 5, std: null, min: 5, max: 5 },
      // 4 and 1: mean 2.5, sample standard deviation sqrt(((1.5)^2 + (1.5)^2) / 1).
      {
        styles: 'violin.wav',
        method: 'shallow',
        count: 2,
        mean: 2.5,
        std: Math.sqrt(4.5),
        min: 1,
        max: 4,
      },
    ]);
    assert.ok(summary.groups.every((g) => g.content === 'piano, melody.wav'));
    const lines = readFileSync(csv, 'utf8').split('\r\n');
    assert.equal(lines[0], 'content,styles,method,count,mean,std,min,max');
    // The content's name holds a comma: quoted.
    assert.equal(lines[1], '"piano, melody.wav",,reference,1,2,,2,2');
    assert.equal(lines[4], `"piano, melody.wav",violin.wav,shallow,2,2.5,${Math.sqrt(4.5)},1,4`);
    assert.equal(lines[2], '"piano, melody.wav",drums.wav,shallow,1,3,,3,3');
    assert.equal(lines.length, 6, 'a header, four rows and the final line break');

    const table = await runCli(['evaluate', 'ratings', folder]);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /4 of 5 results rated/);
    assert.match(
      table.stdout,
      /piano, melody\.wav \(the content itself\)\s+reference\s+1\s+2\.00\s+-\s+2-2/,
    );
    assert.match(
      table.stdout,
      /piano, melody\.wav <- violin\.wav\s+shallow\s+2\s+2\.50\s+2\.12\s+1-4/,
    );
  });

  test('no ratings yet says how to make them; a folder that is no project is refused', async () => {
    const folder = await ratedProject({});
    const run = await runCli(['evaluate', 'ratings', folder]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /No result has been rated yet/);
    const empty = mkdtempSync(join(tmpdir(), 'timbrefold-ratings-'));
    const none = await runCli(['evaluate', 'ratings', empty]);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /is not a Timbrefold project/);
  });
});
