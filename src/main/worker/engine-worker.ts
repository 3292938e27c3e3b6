// The engine worker: every long job the CLI or the app starts runs here, off the calling thread.
// The job table: one handler per kind of EngineJobs (a missing one does not compile).
import { clusterClips } from '../evaluation/cluster-features';
import { evaluateDistinctness } from '../evaluation/distinctness';
import { prestartWasm } from '../engine/backend';
import { serveJobs } from '../jobs/worker-host';
import { resynthesisJob } from '../services/resynthesis-job';
import { classifyJob } from '../training/classify-job';
import { trainCycleGanJob, trainGeneratorJob, trainJob } from '../training/train-job';
import { runTransfer, runTransferBatch } from '../transfer/run-transfer';
import type { EngineJobs } from './engine-jobs';

serveJobs<EngineJobs>(
  {
    transfer: (request, context) =>
      runTransfer(request, {
        signal: context.signal,
        onProgress: (progress, transfer) => context.progress(progress, transfer),
      }),
    'transfer-batch': ({ request, items }, context) =>
      runTransferBatch(request, items, {
        signal: context.signal,
        onProgress: (progress, transfer) => context.progress(progress, transfer),
      }),
    resynth: resynthesisJob,
    train: trainJob,
    classify: classifyJob,
    'train-generator': trainGeneratorJob,
    distinctness: (request, context) =>
      evaluateDistinctness(request, {
        signal: context.signal,
        onProgress: (progress) => context.progress(progress),
      }),
    cluster: (request, context) =>
      clusterClips(request, {
        signal: context.signal,
        onProgress: (progress) => context.progress(progress),
      }),
    'train-cyclegan': trainCycleGanJob,
  },
  // Most jobs run on the WebAssembly backend: a spare worker has it ready when the job arrives.
  { warmUp: prestartWasm() },
);
