// A job in a process of its own (Node's child_process; the Electron app uses its utility process,
// shell/utility-host.ts). The process's memory, tfjs's wasm heap included, is bounded by the
// operating system, and the job marks itself first in line for the system's out-of-memory killer
// (job-port.ts): a job that exhausts memory is ended alone and reported as a failed job.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { HostStop, JobHost, JobHostOptions } from './job-host';
import type { FromWorker } from './protocol';

/** What V8 prints when a heap limit is reached, just before it aborts the process. */
const HEAP_EXHAUSTED = /JavaScript heap out of memory|Reached heap limit/;
/** The end of the process's stderr kept to tell why it stopped (V8's last words). */
const STDERR_TAIL = 4096;

/** Node's flags for a job process: the heap limit, and tsx's loader for a TypeScript entry. */
export function jobProcessFlags(entry: URL, options: JobHostOptions): string[] {
  return [
    ...(options.heapLimitMb !== undefined ? [`--max-old-space-size=${options.heapLimitMb}`] : []),
    ...(entry.pathname.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : []),
  ];
}

export function startProcessHost(entry: URL, options: JobHostOptions): JobHost {
  const child = fork(fileURLToPath(entry), [], {
    execArgv: jobProcessFlags(entry, options),
    // Typed arrays cross as typed arrays (structured clone), as they do to a worker thread.
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  let stderrTail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    stderrTail = (stderrTail + chunk.toString()).slice(-STDERR_TAIL);
  });
  const handles = [child, child.channel, child.stderr].filter((h) => h != null);
  return {
    id: child.pid ?? -1,
    post: (message) => {
      if (child.connected) child.send(message);
    },
    onMessage(listener: (message: FromWorker) => void) {
      child.on('message', listener);
      return () => child.off('message', listener);
    },
    onStop(listener: (stop: HostStop) => void) {
      const failed = (error: Error): void => listener({ kind: 'error', error });
      // 'close': the process has exited and its stderr is read to the end.
      const closed = (code: number | null, signal: NodeJS.Signals | null): void =>
        listener(
          HEAP_EXHAUSTED.test(stderrTail)
            ? { kind: 'out-of-memory' }
            : signal
              ? { kind: 'killed', signal }
              : { kind: 'exited', code: code ?? 0 },
        );
      child.on('error', failed);
      child.on('close', closed);
      return () => {
        child.off('error', failed);
        child.off('close', closed);
      };
    },
    terminate: () => void child.kill('SIGKILL'),
    keepAlive: (keep) => {
      for (const handle of handles)
        if ('ref' in handle && typeof handle.ref === 'function')
          (keep ? handle.ref : handle.unref).call(handle);
    },
  };
}
