// The one typed protocol between the job runner (main thread) and its worker.

/** Main thread -> worker. */
export type ToWorker =
  /** Params of the kind's type in the worker's JobTable (checked where the runner is typed). */
  | { type: 'start'; kind: string; params: unknown }
  | { type: 'cancel' }
  /** Answered with 'pong' once the worker has loaded its modules and finished warming up. */
  | { type: 'ping' };

/** Worker -> main thread. */
export type FromWorker =
  | { type: 'progress'; progress: unknown }
  | { type: 'done'; result: unknown }
  | { type: 'failed'; error: SerializedError; cancelled: boolean }
  | { type: 'pong' };

/** An error as it crosses the thread boundary (Error objects lose their class on the way). */
export interface SerializedError {
  name: string;
  message: string;
  /** True when the user caused it (bad input, bad parameter): shown as is, no stack trace. */
  userFacing: boolean;
  code?: string;
  stack?: string;
}
