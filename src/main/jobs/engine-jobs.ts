import { JobRunner, type JobRunnerOptions } from './job-runner';

// From source (CLI, tests) the worker is TypeScript; in the built app it sits beside this module as .js.
const workerFile = import.meta.url.endsWith('.ts') ? './job-worker.ts' : './job-worker.js';

/** The runner the CLI and the app share for engine jobs. */
export function createEngineJobRunner(options: JobRunnerOptions = {}): JobRunner {
  return new JobRunner(new URL(workerFile, import.meta.url), options);
}
