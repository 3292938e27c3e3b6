// Runs jobs off the calling thread: one fresh worker per job, so a finished or cancelled job
// returns all of its memory (tfjs wasm heaps never shrink) and a crash cannot take the caller down.
import type { Worker } from 'node:worker_threads';
import { JobCancelledError, JobFailedError } from './errors';
import type { FromWorker, ToWorker } from './protocol';
import { spawnWorker } from './spawn-worker';

export interface RunJobOptions<Progress> {
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
}

export interface JobRunnerOptions {
  /** How long a cancelled job may take to stop by itself before its worker is terminated. */
  cancelGraceMs?: number;
}

export class JobRunner {
  private readonly cancelGraceMs: number;

  constructor(
    private readonly workerEntry: URL,
    options: JobRunnerOptions = {},
  ) {
    this.cancelGraceMs = options.cancelGraceMs ?? 5000;
  }

  run<Result, Progress = unknown>(
    kind: string,
    params: unknown,
    options: RunJobOptions<Progress> = {},
  ): Promise<Result> {
    const { signal, onProgress } = options;
    if (signal?.aborted) return Promise.reject(new JobCancelledError(kind));
    const worker = spawnWorker(this.workerEntry);
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
        if (message.type === 'progress') onProgress?.(message.progress as Progress);
        else if (message.type === 'done') settle(() => resolve(message.result as Result));
        else if (message.cancelled) settle(() => reject(new JobCancelledError(kind)));
        else settle(() => reject(new JobFailedError(kind, message.error)));
      });
      worker.on('error', (error) =>
        settle(() =>
          reject(
            new JobFailedError(kind, {
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

function post(worker: Worker, message: ToWorker): void {
  worker.postMessage(message);
}
