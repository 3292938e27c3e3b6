// The training jobs as the engine worker runs them (kinds 'train', 'train-generator' and
// 'train-cyclegan').
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
import {
  trainCycleGan,
  type TrainCycleGanProgress,
  type TrainCycleGanRequest,
  type TrainCycleGanResult,
} from './train-cyclegan';

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

/** The CycleGAN's training job (kind 'train-cyclegan'). */
export function trainCycleGanJob(
  request: TrainCycleGanRequest,
  context: JobContext<TrainCycleGanProgress>,
): Promise<TrainCycleGanResult> {
  return trainCycleGan(request, {
    signal: context.signal,
    onProgress: (progress) => context.progress(progress),
  });
}
