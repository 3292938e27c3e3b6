// Entry of the media worker thread (built beside the main bundle as media-worker.js).
import { serveJobs } from '../jobs/worker-host';
import { exportStemsJob, lanesJob } from './media-jobs';

serveJobs({
  lanes: lanesJob,
  'export-stems': exportStemsJob,
});
