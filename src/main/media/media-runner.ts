import { JobRunner } from '../jobs/job-runner';

// From source (tests, the test host) the worker is TypeScript; in the built app it sits beside
// the main bundle as media-worker.js.
const workerFile = import.meta.url.endsWith('.ts') ? './media-worker.ts' : './media-worker.js';

/** Runs lane analysis and stem export off the main thread. */
export function createMediaJobRunner(): JobRunner {
  return new JobRunner(new URL(workerFile, import.meta.url));
}
