import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { JobCancelledError, JobFailedError } from '../../src/main/jobs/errors';
import type { StartJobHost } from '../../src/main/jobs/job-host';
import { JobRunner, type JobRunnerOptions } from '../../src/main/jobs/job-runner';
import { startProcessHost } from '../../src/main/jobs/process-host';
import { startThreadHost } from '../../src/main/jobs/thread-host';
import type { FixtureJobs } from './fixture-worker';

const HOSTS: [string, StartJobHost][] = [
  ['a worker thread', startThreadHost],
  ['a job process', startProcessHost],
];

for (const [where, startHost] of HOSTS) {
  const fixtureRunner = (options: JobRunnerOptions = {}): JobRunner<FixtureJobs> =>
    new JobRunner<FixtureJobs>(new URL('./fixture-worker.ts', import.meta.url), {
      startHost,
      ...options,
    });
  const runner = fixtureRunner({ cancelGraceMs: 500 });

  describe(`job runner, each job in ${where}`, () => {
    test('streams progress with transferred typed arrays, then resolves with the result', async () => {
      const seen: number[] = [];
      const result = await runner.run(
        'count',
        { to: 5 },
        {
          onProgress: ({ n, samples }) => {
            assert.ok(samples instanceof Float32Array, 'progress arrays arrive as Float32Array');
            assert.equal(samples[0], n);
            seen.push(n);
          },
        },
      );
      assert.deepEqual(seen, [1, 2, 3, 4, 5]);
      assert.deepEqual(result, { counted: 5 });
    });

    test("a user's mistake comes back user-facing with its message", async () => {
      await assert.rejects(runner.run('bad-parameter', {}), (error: unknown) => {
        assert.ok(error instanceof JobFailedError);
        assert.equal(error.userFacing, true);
        assert.equal(error.message, 'iterations must be positive, not -1.');
        return true;
      });
    });

    test('an internal bug is reported as a failed job, not user-facing, with the worker stack', async () => {
      await assert.rejects(runner.run('internal-bug', {}), (error: unknown) => {
        assert.ok(error instanceof JobFailedError);
        assert.equal(error.userFacing, false);
        assert.match(error.workerStack ?? '', /TypeError/);
        return true;
      });
    });

    test('a worker that dies is a failed job and the caller keeps running', async () => {
      await assert.rejects(runner.run('exit-worker', {}), /stopped unexpectedly \(exit code 3\)/);
      const after = await runner.run('count', { to: 1 });
      assert.equal(after.counted, 1);
    });

    test('progress that has settled has reached the caller, however large, before the job goes on', async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'timbrefold-deliver-')), 'received');
      let received = 0;
      const result = await runner.run(
        'deliver-then-spin',
        { megabytes: 4, file },
        {
          onProgress: ({ samples }) => {
            received = samples.length;
            writeFileSync(file, 'got it');
          },
        },
      );
      assert.equal(received, 4 * 2 ** 18);
      assert.deepEqual(result, { delivered: true });
    });

    test('an unknown job kind fails with its name', async () => {
      // The compiler refuses an unknown kind; a worker built from other sources still answers one.
      const unknownKind = 'no-such-job' as keyof FixtureJobs;
      await assert.rejects(runner.run(unknownKind, {}), /no job called "no-such-job"/);
    });

    test('cancel stops a cooperative job within one iteration', async () => {
      const controller = new AbortController();
      let cancelledAt = 0;
      let ranAfterCancelSeen = 0;
      const job = runner.run(
        'until-cancelled',
        {},
        {
          signal: controller.signal,
          onProgress: ({ iteration, cancelSeen }) => {
            if (cancelSeen) ranAfterCancelSeen++;
            if (iteration === 10 && !cancelledAt) {
              cancelledAt = iteration;
              controller.abort();
            }
          },
        },
      );
      await assert.rejects(job, JobCancelledError);
      assert.equal(cancelledAt, 10);
      // Progress posted before the cancel reached the worker may still arrive; none may come from an
      // iteration that started after the worker saw it.
      assert.equal(ranAfterCancelSeen, 0, 'the job went on iterating after it saw the cancel');
    });

    test('a job that ignores cancel is terminated after the grace period', async () => {
      const controller = new AbortController();
      const job = runner.run(
        'ignores-cancel',
        {},
        {
          signal: controller.signal,
          onProgress: () => controller.abort(),
        },
      );
      await assert.rejects(job, JobCancelledError);
    });

    test('an already aborted signal never starts the job', async () => {
      const controller = new AbortController();
      controller.abort();
      await assert.rejects(
        runner.run('count', { to: 1 }, { signal: controller.signal }),
        JobCancelledError,
      );
    });

    test('a spare worker is loaded before the job is asked for, and each job still gets a fresh one', async () => {
      const spared = fixtureRunner({ spareWorker: true });
      try {
        const seen: number[] = [];
        for (let job = 0; job < 3; job++) {
          await spared.ready();
          const askedAt = performance.timeOrigin + performance.now();
          const worker = await spared.run('whoami', {});
          assert.ok(
            worker.loadedAt < askedAt,
            `job ${job}: its worker loaded at ${worker.loadedAt}, after the job was asked for at ${askedAt}`,
          );
          seen.push(worker.id);
        }
        assert.equal(new Set(seen).size, 3, `hosts ${seen.join(', ')}: one per job`);
        // Without a spare, the worker starts only when the job is asked for.
        const askedAt = performance.timeOrigin + performance.now();
        const cold = await runner.run('whoami', {});
        assert.ok(cold.loadedAt > askedAt);
      } finally {
        spared.dispose();
      }
    });
  });

  describe(`a job in ${where} that runs out of memory (issue 10)`, () => {
    const limited = fixtureRunner({ heapLimitMb: 48 });

    test('fails with a clear message while the runner and the other jobs carry on', async () => {
      // A job running beside it, started first and still counting when the other one dies.
      const beside = limited.run('count', { to: 2000 });
      const failure = await limited.run('runaway-heap', {}).then(
        () => assert.fail('the runaway job finished'),
        (error: unknown) => error,
      );
      assert.ok(failure instanceof JobFailedError, String(failure));
      assert.equal(failure.name, 'JobOutOfMemory');
      assert.equal(failure.userFacing, true);
      assert.equal(failure.code, 'ERR_WORKER_OUT_OF_MEMORY');
      assert.match(
        failure.message,
        /^The runaway-heap job ran out of memory \(its limit is 48 MB\) and was stopped; nothing else was affected\./,
      );
      assert.deepEqual(await beside, { counted: 2000 });
      // The runner takes the next job as usual.
      assert.deepEqual(await limited.run('count', { to: 3 }), { counted: 3 });
    });

    test('the limit bounds the JavaScript heap only, not WebAssembly memory or typed arrays', async () => {
      // Measured, and kept true by this test: a 48 MB heap limit lets 256 MB of each through. tfjs's
      // wasm heap is such memory, so the transfer's settings are checked against the budget first.
      assert.deepEqual(await limited.run('outside-heap', { megabytes: 256 }), {
        wasm: 256,
        typed: 256,
      });
    });
  });
}

describe('a job process (issue 10)', () => {
  const runner = new JobRunner<FixtureJobs>(new URL('./fixture-worker.ts', import.meta.url), {
    startHost: startProcessHost,
  });

  test('killed from outside, as the system does when memory runs out, is a failed job that says so', async () => {
    let pid = 0;
    const job = runner.run(
      'wait',
      {},
      {
        onProgress: (progress) => {
          pid = progress.pid;
          process.kill(pid, 'SIGKILL');
        },
      },
    );
    await assert.rejects(job, (error: unknown) => {
      assert.ok(error instanceof JobFailedError, String(error));
      assert.equal(error.name, 'JobKilled');
      assert.equal(error.userFacing, true);
      assert.match(
        error.message,
        /^The wait job was stopped from outside \(SIGKILL\), most likely by the system because the computer ran out of memory; nothing else was affected\./,
      );
      return true;
    });
    assert.notEqual(pid, process.pid, 'the job ran in a process of its own');
    assert.deepEqual(await runner.run('count', { to: 2 }), { counted: 2 });
  });

  test(
    'is first in line for the out-of-memory killer; the app is not',
    { skip: process.platform !== 'linux' && 'Linux only' },
    async () => {
      const controller = new AbortController();
      let seen: { pid: number; oomScoreAdj: number | null } | undefined;
      const job = runner.run(
        'wait',
        {},
        {
          signal: controller.signal,
          onProgress: (progress) => {
            seen = progress;
            controller.abort();
          },
        },
      );
      await assert.rejects(job, JobCancelledError);
      assert.equal(seen?.oomScoreAdj, 1000);
      assert.notEqual(Number(readFileSync('/proc/self/oom_score_adj', 'utf8')), 1000);
    },
  );
});
