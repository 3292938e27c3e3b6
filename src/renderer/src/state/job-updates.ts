// Folding job:update events into the page's view of the render queue (pure, tested in Node).
import type { JobSnapshot, JobUpdate } from '../../../shared/ipc-jobs';

export type JobsById = Record<string, JobSnapshot>;

export function applyJobUpdate(jobs: JobsById, update: JobUpdate): JobsById {
  const previous = jobs[update.job.id];
  return {
    ...jobs,
    [update.job.id]: {
      ...update.job,
      losses: update.loss ? [...(previous?.losses ?? []), update.loss] : (previous?.losses ?? []),
      preview: update.preview ?? previous?.preview ?? null,
    },
  };
}
