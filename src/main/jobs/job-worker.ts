// The engine worker: every long job the CLI or the app starts runs here, off the calling thread.
import { prestartWasm } from '../engine/backend';
import { cnnTransferJob } from '../engine/cnn/cnn-transfer-job';
import { resynthesisJob } from '../services/resynthesis-job';
import { classifyJob } from '../training/classify-job';
import { trainJob } from '../training/train-job';
import { transferJob } from '../transfer/transfer-job';
import { serveJobs } from './worker-host';

serveJobs(
  {
    resynth: resynthesisJob,
    transfer: transferJob,
    train: trainJob,
    classify: classifyJob,
    'cnn-transfer': cnnTransferJob,
  },
  // Most jobs run on the WebAssembly backend: a spare worker has it ready when the job arrives.
  { warmUp: prestartWasm() },
);
