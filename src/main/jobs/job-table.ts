// A worker's typed protocol, modelled on IpcCalls: a table from job kind to what it takes, what it
// reports while it runs and what it returns. The runner and the worker are both typed by the same
// table, so `runner.run('transfer', request)` is checked at compile time and nothing is cast.

/** One kind of job. */
export interface JobSpec<Params = unknown, Progress = unknown, Result = unknown> {
  params: Params;
  progress: Progress;
  result: Result;
}

/** Every kind of job one worker serves: an interface whose every member is a JobSpec. */
export type JobTable<Jobs> = { [Kind in keyof Jobs]: JobSpec };

/** A job's handler, as the worker runs it. */
export interface JobContext<Progress> {
  /** Aborted when the caller cancels; handlers check it at least once per iteration. */
  signal: AbortSignal;
  /**
   * Sends progress to the caller; typed arrays listed in `transfer` move without a copy (to a
   * thread). Settles once the message is on its way: a job process's pipe takes a large message
   * (a preview) over several turns of the event loop, and later messages wait behind it, so a
   * job awaits it after a large one rather than computing on.
   */
  progress(progress: Progress, transfer?: ArrayBuffer[]): Promise<void>;
}

export type JobHandler<Spec extends JobSpec> = (
  params: Spec['params'],
  context: JobContext<Spec['progress']>,
) => Promise<Spec['result']>;

/** One handler per kind: a missing or mistyped handler is a compile error. */
export type JobHandlers<Jobs extends JobTable<Jobs>> = {
  [Kind in keyof Jobs]: JobHandler<Jobs[Kind]>;
};
