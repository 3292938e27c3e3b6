// Runs jobs off the calling thread: one fresh worker per job, so a finished or cancelled job
// returns all of its memory (tfjs wasm heaps never shrink) and a crash cannot take the caller down.
import type { ResourceLimits, Worker } from 'node:worker_threads';
import { JobCancelledError, JobFailedError } from './errors';
import type { JobTable } from './job-table';
import type { FromWorker, ToWorker } from './protocol';
import { spawnWorker } from './spawn-worker';

export interface RunJobOptions<Progress> {
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
}

export interface JobRunnerOptions {
  /** How long a cancelled job may take to stop by itself before its worker is terminated. */
  cancelGraceMs?: number;
  /**
   * Keep one worker started ahead of the next job (the app does): starting a worker and loading
   * the engine's modules takes ~0.6 s on the dev machine, which a user would otherwise wait
   * through before every job's first progress. Still one fresh worker per job.
   */
  spareWorker?: boolean;
  /**
   * V8 heap limits for each job's worker. A worker that reaches them is stopped on its own and its
   * job fails with an out-of-memory message; without them, a worker's heap running out aborts the
   * whole process (the app and every job). They bound the JavaScript heap only: typed arrays and
   * WebAssembly memory (tfjs's wasm heap) are outside it (test/jobs/job-runner.test.ts), which is
   * why a transfer's memory is also checked from its settings (methods/memory-estimate.ts).
   */
  resourceLimits?: ResourceLimits;
}

export class JobRunner<Jobs extends JobTable<Jobs>> {
  private readonly cancelGraceMs: number;
  private readonly keepSpare: boolean;
  private readonly resourceLimits: ResourceLimits | undefined;
  private spare: { worker: Worker; forget: () => void } | undefined;
  private disposed = false;

  constructor(
    private readonly workerEntry: URL,
    options: JobRunnerOptions = {},
  ) {
    this.cancelGraceMs = options.cancelGraceMs ?? 5000;
    this.keepSpare = options.spareWorker ?? false;
    this.resourceLimits = options.resourceLimits;
    this.prepareSpare();
  }

  /** Resolves once the spare worker (if any) has loaded its modules and is ready for a job. */
  async ready(): Promise<void> {
    const spare = this.spare?.worker;
    if (!spare) return;
    await new Promise<void>((resolve) => {
      const answered = (message: FromWorker): void => {
        if (message.type !== 'pong') return;
        spare.off('message', answered);
        spare.off('exit', exited);
        resolve();
      };
      const exited = (): void => {
        spare.off('message', answered);
        spare.off('exit', exited);
        resolve();
      };
      spare.on('message', answered);
      spare.once('exit', exited);
      post(spare, { type: 'ping' });
    });
  }

  /** Stops the spare worker; running jobs are not affected. */
  dispose(): void {
    this.disposed = true;
    void this.spare?.worker.terminate();
    this.spare = undefined;
  }

  private prepareSpare(): void {
    if (!this.keepSpare || this.disposed || this.spare) return;
    const worker = spawnWorker(this.workerEntry, this.resourceLimits);
    // An idle spare does not keep the process alive, and one that dies is simply replaced later.
    worker.unref();
    const forget = (): void => {
      if (this.spare?.worker === worker) this.spare = undefined;
    };
    worker.once('error', forget);
    worker.once('exit', forget);
    this.spare = { worker, forget };
  }

  private takeWorker(): Worker {
    const spare = this.spare;
    this.spare = undefined;
    if (!spare) return spawnWorker(this.workerEntry, this.resourceLimits);
    spare.worker.off('error', spare.forget);
    spare.worker.off('exit', spare.forget);
    spare.worker.ref();
    return spare.worker;
  }

  run<Kind extends keyof Jobs & string>(
    kind: Kind,
    params: Jobs[Kind]['params'],
    options: RunJobOptions<Jobs[Kind]['progress']> = {},
  ): Promise<Jobs[Kind]['result']> {
    type Result = Jobs[Kind]['result'];
    type Progress = Jobs[Kind]['progress'];
    const { signal, onProgress } = options;
    if (signal?.aborted) return Promise.reject(new JobCancelledError(kind));
    const worker = this.takeWorker();
    return new Promise<Result>((resolve, reject) => {
      let settled = false;
      let graceTimer: NodeJS.Timeout | undefined;
      const settle = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(graceTimer);
        signal?.removeEventListener('abort', onAbort);
        void worker.terminate();
        outcome();
        this.prepareSpare();
      };
      const onAbort = (): void => {
        post(worker, { type: 'cancel' });
        graceTimer = setTimeout(
          () => settle(() => reject(new JobCancelledError(kind))),
          this.cancelGraceMs,
        );
      };
      signal?.addEventListener('abort', onAbort, { once: true });

      worker.on('message', (message: FromWorker) => {
        if (message.type === 'pong') return;
        if (message.type === 'progress') onProgress?.(message.progress as Progress);
        else if (message.type === 'done') settle(() => resolve(message.result as Result));
        else if (message.cancelled) settle(() => reject(new JobCancelledError(kind)));
        else settle(() => reject(new JobFailedError(kind, message.error)));
      });
      worker.on('error', (error: Error & { code?: string }) =>
        settle(() =>
          reject(
            error.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new JobFailedError(kind, {
                  name: 'JobOutOfMemory',
                  code: error.code,
                  message: outOfMemoryMessage(kind, this.resourceLimits),
                  userFacing: true,
                })
              : new JobFailedError(kind, {
                  name: 'WorkerError',
                  message: `The ${kind} job's worker failed: ${error.message}`,
                  userFacing: false,
                  ...(error.stack !== undefined && { stack: error.stack }),
                }),
          ),
        ),
      );
      worker.on('exit', (code) =>
        settle(() =>
          reject(
            new JobFailedError(kind, {
              name: 'WorkerExit',
              message: `The ${kind} job's worker stopped unexpectedly (exit code ${code}).`,
              userFacing: false,
            }),
          ),
        ),
      );
      post(worker, { type: 'start', kind, params });
    });
  }
}

/** What a user reads when a job's worker reached its memory limit and was stopped. */
function outOfMemoryMessage(kind: string, limits: ResourceLimits | undefined): string {
  const limit = limits?.maxOldGenerationSizeMb;
  return (
    `The ${kind} job ran out of memory${limit ? ` (its limit is ${limit} MB)` : ''} and was ` +
    'stopped; nothing else was affected. Try smaller settings: a larger hop, fewer filters, ' +
    'shorter windows or a shorter clip.'
  );
}

function post(worker: Worker, message: ToWorker): void {
  worker.postMessage(message);
}
