import { JobRunner } from '../jobs/job-runner';

// From source (CLI, tests) the worker is TypeScript; in the built app it sits beside this module as .js.
const workerFile = import.meta.url.endsWith('.ts') ? './cnn-worker.ts' : './cnn-worker.js';

/** Runs 'train', 'classify' and 'cnn-transfer' jobs in a worker of their own. */
export function createCnnJobRunner(): JobRunner {
  return new JobRunner(new URL(workerFile, import.meta.url));
}
