// The training jobs as the engine worker runs them (kinds 'train' and 'train-generator').
import type { JobContext } from '../jobs/job-table';
import {
  trainClassifier,
  type TrainProgress,
  type TrainRequest,
  type TrainResult,
} from './train-classifier';
import {
  trainGenerator,
  type TrainGeneratorProgress,
  type TrainGeneratorRequest,
  type TrainGeneratorResult,
} from './train-generator';

export function trainJob(
  request: TrainRequest,
  context: JobContext<TrainProgress>,
): Promise<TrainResult> {
  return trainClassifier(request, {
    signal: context.signal,
    onProgress: (progress) => context.progress(progress),
  });
}

/** The generator's training job (kind 'train-generator'). */
export function trainGeneratorJob(
  request: TrainGeneratorRequest,
  context: JobContext<TrainGeneratorProgress>,
): Promise<TrainGeneratorResult> {
  return trainGenerator(request, {
    signal: context.signal,
    onProgress: (progress) => context.progress(progress),
  });
}
