// Entry of the media worker thread (built beside the main bundle as media-worker.js).
import { serveJobs } from '../jobs/worker-host';
import { exportStemsJob, lanesJob, type MediaJobs } from './media-jobs';

serveJobs<MediaJobs>({
  lanes: lanesJob,
  'export-stems': exportStemsJob,
});
