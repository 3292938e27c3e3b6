// The training job as the engine worker runs it (kind 'train').
import type { JobContext } from '../jobs/job-table';
import {
  trainClassifier,
  type TrainProgress,
  type TrainRequest,
  type TrainResult,
} from './train-classifier';

export function trainJob(
  request: TrainRequest,
  context: JobContext<TrainProgress>,
): Promise<TrainResult> {
  return trainClassifier(request, {
    signal: context.signal,
    onProgress: (progress) => context.progress(progress),
  });
}
