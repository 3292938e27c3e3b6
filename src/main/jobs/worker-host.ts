// The job's side of the protocol: runs one job with the handler registered for its kind, in a
// worker thread or a job process alike (job-port.ts).
import { isUserFacingError } from '../../shared/user-error';
import type { JobContext, JobHandler, JobHandlers, JobSpec, JobTable } from './job-table';
import { jobPort } from './job-port';
import type { FromWorker, SerializedError, ToWorker } from './protocol';

export type { JobContext } from './job-table';

function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error))
    return { name: 'Error', message: String(error), userFacing: false };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    userFacing: isUserFacingError(error),
    ...(typeof code === 'string' && { code }),
    ...(error.stack !== undefined && { stack: error.stack }),
  };
}

export interface ServeOptions {
  /**
   * Work begun as the worker loads (e.g. starting a backend). Pings are answered and jobs started
   * only after it has settled, so a job never races it (a backend switch mid-job, say).
   */
  warmUp?: Promise<unknown>;
}

export function serveJobs<Jobs extends JobTable<Jobs>>(
  handlers: JobHandlers<Jobs>,
  options: ServeOptions = {},
): void {
  const port = jobPort();
  const cancel = new AbortController();
  const send = (message: FromWorker, transfer?: ArrayBuffer[]): Promise<void> =>
    port.send(message, transfer);

  const warmedUp = Promise.resolve(options.warmUp).catch(() => undefined);
  port.listen((message: ToWorker) => {
    if (message.type === 'cancel') {
      cancel.abort();
      return;
    }
    if (message.type === 'ping') {
      void warmedUp.then(() => send({ type: 'pong' }));
      return;
    }
    void warmedUp.then(() => start(message));
  });

  function start(message: Extract<ToWorker, { type: 'start' }>): void {
    const handler = (handlers as unknown as Record<string, JobHandler<JobSpec> | undefined>)[
      message.kind
    ];
    if (!handler) {
      void send({
        type: 'failed',
        cancelled: false,
        error: {
          name: 'UnknownJob',
          message: `There is no job called "${message.kind}".`,
          userFacing: false,
        },
      });
      return;
    }
    const context: JobContext<unknown> = {
      signal: cancel.signal,
      progress: (progress, transfer) => send({ type: 'progress', progress }, transfer),
    };
    handler(message.params, context).then(
      (result) => void send({ type: 'done', result }),
      (error: unknown) =>
        void send({
          type: 'failed',
          cancelled: cancel.signal.aborted,
          error: serializeError(error),
        }),
    );
  }
}
