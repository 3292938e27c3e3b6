// `npm run web -- --help` prints usage; a usage mistake is one sentence and the usage, exit 2;
// neither is a stack trace.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { repoRoot } from '../fixtures/paths';

function web(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/test-host/main.ts', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run web usage', () => {
  test('--help and -h print the usage and exit 0', () => {
    for (const flag of ['--help', '-h']) {
      const run = web([flag]);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /^Usage: npm run web -- \[options\]/);
      for (const option of ['--port', '--data-dir', '--models-dir', '--demo', '--no-build'])
        assert.match(run.stdout, new RegExp(option));
      assert.equal(run.stderr, '');
    }
  });

  test('an unknown option or a bad port: one sentence, the usage, exit 2, no stack trace', () => {
    for (const [args, sentence] of [
      [['--bogus'], /^Unknown option '--bogus'/],
      [['--port', 'eighty'], /^--port must be a whole number from 0 to 65535, got eighty\.$/m],
      [['--port'], /^Option '--port <value>' argument missing/],
    ] as const) {
      const run = web([...args]);
      assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, sentence);
      assert.match(run.stderr, /Usage: npm run web/);
      assert.doesNotMatch(run.stderr, /^\s+at /m, 'a stack trace');
      assert.equal(run.stdout, '');
    }
  });
});
