// Where one job runs: a worker thread of this process, or a process of its own. The runner speaks
// the same protocol to either. A thread is cheap but shares the process: V8's heap limit bounds
// its JavaScript heap and nothing else (tfjs's wasm heap and typed arrays are outside it), so a
// job that exhausts the machine's memory takes the whole process with it. A job process is the
// operating system's to bound: running out of memory ends that job alone.
import type { FromWorker, ToWorker } from './protocol';

/** Why a job's host stopped. */
export type HostStop =
  /** It reached its JavaScript heap limit and was stopped. */
  | { kind: 'out-of-memory' }
  /** Something outside ended it: the system's out-of-memory killer, or a person. */
  | { kind: 'killed'; signal: string }
  | { kind: 'exited'; code: number }
  | { kind: 'error'; error: Error };

export interface JobHost {
  post(message: ToWorker): void;
  onMessage(listener: (message: FromWorker) => void): () => void;
  /** Called when the host stops for any reason (terminate() included); may be called twice. */
  onStop(listener: (stop: HostStop) => void): () => void;
  terminate(): void;
  /** Whether an idle host keeps this process alive (a spare does not). */
  keepAlive(keep: boolean): void;
  /** The thread id or process id the job runs in (for tests and logs). */
  readonly id: number;
}

export interface JobHostOptions {
  /** The job's JavaScript heap limit (V8's old generation), in MiB. */
  heapLimitMb?: number;
}

/** Starts a host for the worker module at `entry` (TypeScript from source, or built .js). */
export type StartJobHost = (entry: URL, options: JobHostOptions) => JobHost;
