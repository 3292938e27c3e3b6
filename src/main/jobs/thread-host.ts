// A job in a worker thread of this process (the CLI's choice: the command is its own process).
import { Worker } from 'node:worker_threads';
import type { HostStop, JobHost, JobHostOptions } from './job-host';
import type { FromWorker } from './protocol';

// A TypeScript entry (the CLI and tests run from source through tsx) needs tsx's loader inside the
// worker; on Node 20 `execArgv: ['--import', 'tsx']` does not reach the worker's own entry, so a
// two-line bootstrap registers it first. A built .js entry (the packaged app) starts directly.
function spawnWorker(entry: URL, options: JobHostOptions): Worker {
  const limits =
    options.heapLimitMb !== undefined
      ? { resourceLimits: { maxOldGenerationSizeMb: options.heapLimitMb } }
      : {};
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, limits);
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { eval: true, ...limits });
}

export function startThreadHost(entry: URL, options: JobHostOptions): JobHost {
  const worker = spawnWorker(entry, options);
  return {
    id: worker.threadId,
    post: (message) => worker.postMessage(message),
    onMessage(listener: (message: FromWorker) => void) {
      worker.on('message', listener);
      return () => worker.off('message', listener);
    },
    onStop(listener: (stop: HostStop) => void) {
      const failed = (error: Error & { code?: string }): void =>
        listener(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? { kind: 'out-of-memory' }
            : { kind: 'error', error },
        );
      const exited = (code: number): void => listener({ kind: 'exited', code });
      worker.on('error', failed);
      worker.on('exit', exited);
      return () => {
        worker.off('error', failed);
        worker.off('exit', exited);
      };
    },
    terminate: () => void worker.terminate(),
    keepAlive: (keep) => (keep ? worker.ref() : worker.unref()),
  };
}
