// The engine worker's protocol: every long job the CLI and the app start, with what it takes,
// reports and returns. Typed once here; the worker (engine-worker.ts) serves exactly this table.
import type { TransferProgress, TransferRequest, TransferResult } from '../../shared/transfer';
import { JobRunner, type JobRunnerOptions } from '../jobs/job-runner';
import type { JobSpec } from '../jobs/job-table';
import { jobHeapLimitMb } from '../jobs/worker-limits';
import type { TransferBatchItem } from '../transfer/run-transfer';
import type { ResynthesisJobParams, ResynthesisProgress } from '../services/resynthesis-job';
import type { ResynthesisResult } from '../services/resynthesis';
import type {
  ClassifyProgress,
  ClassifyRequest,
  FileClassification,
} from '../training/classify-job';
import type {
  ClusterProgress,
  ClusterReport,
  ClusterRequest,
} from '../evaluation/cluster-features';
import type {
  DistinctnessProgress,
  DistinctnessReport,
  DistinctnessRequest,
} from '../evaluation/distinctness';
import type { TrainProgress, TrainRequest, TrainResult } from '../training/train-classifier';
import type {
  TrainGeneratorProgress,
  TrainGeneratorRequest,
  TrainGeneratorResult,
} from '../training/train-generator';
import type {
  TrainCycleGanProgress,
  TrainCycleGanRequest,
  TrainCycleGanResult,
} from '../training/train-cyclegan';

export interface EngineJobs {
  /** A transfer by any method of the registry (src/main/methods). */
  transfer: JobSpec<TransferRequest, TransferProgress, TransferResult>;
  /** Several contents through one method opened once (a model loaded once), one result each. */
  'transfer-batch': JobSpec<
    { request: TransferRequest; items: TransferBatchItem[] },
    TransferProgress,
    TransferResult[]
  >;
  resynth: JobSpec<ResynthesisJobParams, ResynthesisProgress, ResynthesisResult>;
  train: JobSpec<TrainRequest, TrainProgress, TrainResult>;
  classify: JobSpec<ClassifyRequest, ClassifyProgress, FileClassification[]>;
  /** A feed-forward generator for one style (the fast method's model). */
  'train-generator': JobSpec<TrainGeneratorRequest, TrainGeneratorProgress, TrainGeneratorResult>;
  /** Seed 000's distinctness check: a classifier trained and tested per fold, none kept. */
  distinctness: JobSpec<DistinctnessRequest, DistinctnessProgress, DistinctnessReport>;
  /** Seed 000's figure 3: each clip's classifier features mapped to 2-D (t-SNE or UMAP). */
  cluster: JobSpec<ClusterRequest, ClusterProgress, ClusterReport>;
  /** A CycleGAN between two sound classes (the cyclegan method's model). */
  'train-cyclegan': JobSpec<TrainCycleGanRequest, TrainCycleGanProgress, TrainCycleGanResult>;
}

export type EngineJobRunner = JobRunner<EngineJobs>;

// From source (CLI, tests) the worker is TypeScript; in the built app it sits beside this module as .js.
const workerFile = import.meta.url.endsWith('.ts') ? './engine-worker.ts' : './engine-worker.js';

/** The runner the CLI and the app share for engine jobs. */
export function createEngineJobRunner(options: JobRunnerOptions = {}): EngineJobRunner {
  return new JobRunner<EngineJobs>(new URL(workerFile, import.meta.url), {
    heapLimitMb: jobHeapLimitMb(),
    ...options,
  });
}
