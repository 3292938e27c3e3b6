import { JobRunner, type JobRunnerOptions } from '../jobs/job-runner';
import { jobHeapLimitMb } from '../jobs/worker-limits';
import type { MediaJobs } from './media-jobs';

// From source (tests, the test host) the worker is TypeScript; in the built app it sits beside
// the main bundle as media-worker.js.
const workerFile = import.meta.url.endsWith('.ts') ? './media-worker.ts' : './media-worker.js';

/** Runs lane analysis and stem export off the main thread. */
export function createMediaJobRunner(options: JobRunnerOptions = {}): JobRunner<MediaJobs> {
  return new JobRunner<MediaJobs>(new URL(workerFile, import.meta.url), {
    heapLimitMb: jobHeapLimitMb(),
    ...options,
  });
}
