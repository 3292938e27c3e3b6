// A job worker (thread or process) with jobs that misbehave on purpose, to test the runner's contract. The production
// worker (src/main/worker/engine-worker.ts) serves the real jobs through the same serveJobs().
import { existsSync, readFileSync } from 'node:fs';
import { isMainThread, threadId } from 'node:worker_threads';
import { ParameterError } from '../../src/shared/user-error';
import type { JobSpec } from '../../src/main/jobs/job-table';
import { serveJobs, type JobContext } from '../../src/main/jobs/worker-host';

/** This worker's protocol (the tests' runner is typed by it, as the app's is by EngineJobs). */
export interface FixtureJobs {
  /** The thread id or process id the job runs in, and when that host finished loading. */
  whoami: JobSpec<Record<string, never>, never, { id: number; loadedAt: number }>;
  /** Reports where it runs and its out-of-memory score (Linux), then waits to be cancelled. */
  wait: JobSpec<Record<string, never>, { pid: number; oomScoreAdj: number | null }, never>;
  count: JobSpec<{ to: number }, { n: number; samples: Float32Array }, { counted: number }>;
  'bad-parameter': JobSpec<Record<string, never>, never, never>;
  'internal-bug': JobSpec<Record<string, never>, never, never>;
  'exit-worker': JobSpec<Record<string, never>, never, never>;
  'until-cancelled': JobSpec<unknown, { iteration: number; cancelSeen: boolean }, never>;
  'ignores-cancel': JobSpec<unknown, { started: true }, never>;
  /**
   * Sends `megabytes` of progress and, once that has settled, never yields again: it waits,
   * spinning, for the caller to create `file` on receiving it, and says whether it saw it.
   */
  'deliver-then-spin': JobSpec<
    { megabytes: number; file: string },
    { samples: Float32Array },
    { delivered: boolean }
  >;
  /** Keeps JavaScript objects until the heap runs out. */
  'runaway-heap': JobSpec<Record<string, never>, never, never>;
  /** Holds `megabytes` of WebAssembly memory and of Float32Arrays, outside the JS heap. */
  'outside-heap': JobSpec<{ megabytes: number }, never, { wasm: number; typed: number }>;
}

interface WasmApi {
  Memory: new (size: { initial: number; maximum: number }) => {
    grow(pages: number): number;
    buffer: ArrayBuffer;
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** When this worker finished loading, on the wall clock the main thread shares. */
const loadedAt = performance.timeOrigin + performance.now();

serveJobs<FixtureJobs>({
  whoami: async () => ({ id: isMainThread ? process.pid : threadId, loadedAt }),
  wait: async (_params, context) => {
    let oomScoreAdj: number | null = null;
    try {
      oomScoreAdj = Number(readFileSync('/proc/self/oom_score_adj', 'utf8'));
    } catch {
      // Not Linux.
    }
    context.progress({ pid: process.pid, oomScoreAdj });
    while (!context.signal.aborted) await tick();
    throw new Error('stopped');
  },
  count: async (
    params: { to: number },
    context: JobContext<{ n: number; samples: Float32Array }>,
  ) => {
    for (let n = 1; n <= params.to; n++) {
      const samples = new Float32Array(4).fill(n);
      context.progress({ n, samples }, [samples.buffer]);
      await tick();
    }
    return { counted: params.to };
  },
  'deliver-then-spin': async ({ megabytes, file }, context) => {
    await context.progress({ samples: new Float32Array(megabytes * 2 ** 18).fill(1) });
    const deadline = Date.now() + 20000;
    while (!existsSync(file) && Date.now() < deadline) {
      // No await: only a message already written can be read by the caller now.
    }
    return { delivered: existsSync(file) };
  },
  'bad-parameter': async () => {
    throw new ParameterError('iterations', 'iterations must be positive, not -1.');
  },
  'internal-bug': async () => {
    throw new TypeError('undefined is not a function');
  },
  'exit-worker': async () => {
    process.exit(3);
  },
  'until-cancelled': async (
    _params: unknown,
    context: JobContext<{ iteration: number; cancelSeen: boolean }>,
  ) => {
    for (let iteration = 1; ; iteration++) {
      if (context.signal.aborted) throw new Error('stopped');
      // Tells the test whether this iteration ran after the worker had seen the cancel.
      context.progress({ iteration, cancelSeen: context.signal.aborted });
      await tick();
    }
  },
  'runaway-heap': async () => {
    const kept: { n: number; text: string }[] = [];
    for (let n = 0; ; n++) kept.push({ n, text: `row ${n} `.repeat(8) });
  },
  'outside-heap': async ({ megabytes }: { megabytes: number }) => {
    // The Node types here leave out WebAssembly's constructors; the runtime has them.
    const { Memory } = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    const memory = new Memory({ initial: 1, maximum: 65536 });
    memory.grow((megabytes * 2 ** 20) / 65536 - 1);
    const typed = Array.from({ length: megabytes / 16 }, () =>
      new Float32Array(4 * 2 ** 20).fill(1),
    );
    return { wasm: memory.buffer.byteLength / 2 ** 20, typed: typed.length * 16 };
  },
  'ignores-cancel': async (_params: unknown, context: JobContext<{ started: true }>) => {
    context.progress({ started: true });
    for (;;) {
      // A busy loop that never yields: only terminate() can stop it.
    }
  },
});
