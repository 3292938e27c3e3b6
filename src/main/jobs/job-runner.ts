// Runs jobs off the calling thread: one fresh host (a worker thread or a job process, job-host.ts)
// per job, so a finished or cancelled job returns all of its memory (tfjs wasm heaps never shrink)
// and a crash cannot take the caller down.
import { JobCancelledError, JobFailedError } from './errors';
import type { HostStop, JobHost, StartJobHost } from './job-host';
import type { JobTable } from './job-table';
import type { FromWorker, SerializedError } from './protocol';
import { startThreadHost } from './thread-host';

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
   * Each job's JavaScript heap limit, in MiB. A job that reaches it is stopped on its own and
   * fails with an out-of-memory message; in a thread without it, a heap running out aborts the
   * whole process (the app and every job). It bounds the JavaScript heap only: typed arrays and
   * WebAssembly memory (tfjs's wasm heap) are outside it (test/jobs/job-runner.test.ts), which is
   * why a transfer's memory is also checked from its settings (methods/memory-estimate.ts), and
   * why the app runs its jobs in processes of their own.
   */
  heapLimitMb?: number;
  /** Where each job runs: a worker thread (the default) or a process (job-host.ts). */
  startHost?: StartJobHost;
}

export class JobRunner<Jobs extends JobTable<Jobs>> {
  private readonly cancelGraceMs: number;
  private readonly keepSpare: boolean;
  private readonly heapLimitMb: number | undefined;
  private readonly startHost: StartJobHost;
  private spare: { host: JobHost; forget: () => void } | undefined;
  private disposed = false;

  constructor(
    private readonly workerEntry: URL,
    options: JobRunnerOptions = {},
  ) {
    this.cancelGraceMs = options.cancelGraceMs ?? 5000;
    this.keepSpare = options.spareWorker ?? false;
    this.heapLimitMb = options.heapLimitMb;
    this.startHost = options.startHost ?? startThreadHost;
    this.prepareSpare();
  }

  /** Resolves once the spare worker (if any) has loaded its modules and is ready for a job. */
  async ready(): Promise<void> {
    const spare = this.spare?.host;
    if (!spare) return;
    // Waiting for it keeps this process alive (an idle spare does not).
    spare.keepAlive(true);
    await new Promise<void>((resolve) => {
      const done = (): void => {
        offMessage();
        offStop();
        if (this.spare?.host === spare) spare.keepAlive(false);
        resolve();
      };
      const offMessage = spare.onMessage((message) => {
        if (message.type === 'pong') done();
      });
      const offStop = spare.onStop(done);
      spare.post({ type: 'ping' });
    });
  }

  /** Stops the spare worker; running jobs are not affected. */
  dispose(): void {
    this.disposed = true;
    this.spare?.host.terminate();
    this.spare = undefined;
  }

  private prepareSpare(): void {
    if (!this.keepSpare || this.disposed || this.spare) return;
    const host = this.newHost();
    // An idle spare does not keep the process alive, and one that dies is simply replaced later.
    host.keepAlive(false);
    const forget = host.onStop(() => {
      if (this.spare?.host === host) this.spare = undefined;
    });
    this.spare = { host, forget };
  }

  private newHost(): JobHost {
    return this.startHost(this.workerEntry, {
      ...(this.heapLimitMb !== undefined && { heapLimitMb: this.heapLimitMb }),
    });
  }

  private takeHost(): JobHost {
    const spare = this.spare;
    this.spare = undefined;
    if (!spare) return this.newHost();
    spare.forget();
    spare.host.keepAlive(true);
    return spare.host;
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
    const host = this.takeHost();
    return new Promise<Result>((resolve, reject) => {
      let settled = false;
      let graceTimer: NodeJS.Timeout | undefined;
      const settle = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(graceTimer);
        signal?.removeEventListener('abort', onAbort);
        offMessage();
        offStop();
        host.terminate();
        outcome();
        this.prepareSpare();
      };
      const onAbort = (): void => {
        host.post({ type: 'cancel' });
        graceTimer = setTimeout(
          () => settle(() => reject(new JobCancelledError(kind))),
          this.cancelGraceMs,
        );
      };
      signal?.addEventListener('abort', onAbort, { once: true });

      const offMessage = host.onMessage((message: FromWorker) => {
        if (message.type === 'pong') return;
        if (message.type === 'progress') onProgress?.(message.progress as Progress);
        else if (message.type === 'done') settle(() => resolve(message.result as Result));
        else if (message.cancelled) settle(() => reject(new JobCancelledError(kind)));
        else settle(() => reject(new JobFailedError(kind, message.error)));
      });
      const offStop = host.onStop((stop) =>
        settle(() => reject(new JobFailedError(kind, stopError(kind, stop, this.heapLimitMb)))),
      );
      host.post({ type: 'start', kind, params });
    });
  }
}

/** Why a job failed when its host stopped before answering, as the caller reads it. */
function stopError(kind: string, stop: HostStop, heapLimitMb: number | undefined): SerializedError {
  switch (stop.kind) {
    case 'out-of-memory':
      return {
        name: 'JobOutOfMemory',
        code: 'ERR_WORKER_OUT_OF_MEMORY',
        message: outOfMemoryMessage(kind, heapLimitMb),
        userFacing: true,
      };
    case 'killed':
      return {
        name: 'JobKilled',
        code: stop.signal,
        message:
          `The ${kind} job was stopped from outside (${stop.signal}), most likely by the system ` +
          'because the computer ran out of memory; nothing else was affected. Try smaller ' +
          'settings, or close other programs.',
        userFacing: true,
      };
    case 'exited':
      return {
        name: 'WorkerExit',
        message: `The ${kind} job's worker stopped unexpectedly (exit code ${stop.code}).`,
        userFacing: false,
      };
    case 'error':
      return {
        name: 'WorkerError',
        message: `The ${kind} job's worker failed: ${stop.error.message}`,
        userFacing: false,
        ...(stop.error.stack !== undefined && { stack: stop.error.stack }),
      };
  }
}

/** What a user reads when a job's worker reached its memory limit and was stopped. */
function outOfMemoryMessage(kind: string, limit: number | undefined): string {
  return (
    `The ${kind} job ran out of memory${limit ? ` (its limit is ${limit} MB)` : ''} and was ` +
    'stopped; nothing else was affected. Try smaller settings: a larger hop, fewer filters, ' +
    'shorter windows or a shorter clip.'
  );
}
