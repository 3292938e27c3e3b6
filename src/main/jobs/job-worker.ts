// The engine worker: every long job the CLI or the app starts runs here, off the calling thread.
import { resynthesisJob } from '../services/resynthesis-job';
import { transferJob } from '../transfer/transfer-job';
import { serveJobs } from './worker-host';

serveJobs({
  resynth: resynthesisJob,
  transfer: transferJob,
});
