// A worker serving the trained-network jobs, until the engine worker (src/main/jobs/job-worker.ts)
// serves them beside its own: the same handlers, registered under the same kinds.
import { cnnTransferJob } from '../engine/cnn/cnn-transfer-job';
import { serveJobs } from '../jobs/worker-host';
import { classifyJob } from './classify-job';
import { trainJob } from './train-job';

serveJobs({
  train: trainJob,
  classify: classifyJob,
  'cnn-transfer': cnnTransferJob,
});
