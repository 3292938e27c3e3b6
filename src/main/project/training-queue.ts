// Trainings started from the app: each runs the engine's 'train' job in its own worker, one at a
// time (training takes every core it gets), with its progress relayed to the page. A cancel stops
// after the batch under way; the job keeps the last completed epoch as a checkpoint, and training
// the same name on the same data again continues from it.
import { randomBytes } from 'node:crypto';
import type { TrainingSummary, TrainModelRequest } from '../../shared/ipc-models';
import { ParameterError, isUserFacingError } from '../../shared/user-error';
import { JobCancelledError } from '../jobs/errors';
import type { EngineJobRunner } from '../worker/engine-jobs';
import type { TrainProgress, TrainRequest } from '../training/train-classifier';

export interface TrainingQueueOptions {
  engine: EngineJobRunner;
  /** The user's model cache. */
  modelsDir: string;
  emit: (summary: TrainingSummary) => void;
  /** Called when a training has put a new model in the cache. */
  onModelAdded?: (name: string) => void;
}

interface Training {
  summary: TrainingSummary;
  abort: AbortController;
  startedAt: number;
}

export class TrainingQueue {
  private readonly trainings = new Map<string, Training>();

  constructor(private readonly options: TrainingQueueOptions) {}

  list(): TrainingSummary[] {
    return [...this.trainings.values()].map((t) => t.summary);
  }

  start(request: TrainModelRequest): TrainingSummary {
    const busy = [...this.trainings.values()].find((t) => t.summary.state === 'running');
    if (busy)
      throw new ParameterError(
        'name',
        `${busy.summary.name} is training; wait for it or cancel it before training another model.`,
      );
    const training: Training = {
      summary: {
        id: `training-${randomBytes(4).toString('hex')}`,
        name: request.name,
        architecture: request.architecture,
        state: 'running',
        phase: 'loading',
        epoch: 0,
        epochs: request.epochs,
        batch: 0,
        batches: 0,
        loss: null,
        accuracy: null,
        elapsedSeconds: 0,
        remainingSeconds: null,
        heldOutAccuracy: null,
        message: null,
      },
      abort: new AbortController(),
      startedAt: Date.now(),
    };
    this.trainings.set(training.summary.id, training);
    this.emit(training);
    void this.run(training, {
      data: request.data,
      layout: 'folders',
      architecture: request.architecture,
      name: request.name,
      modelsDir: this.options.modelsDir,
      epochs: request.epochs,
      resume: 'auto',
      replace: false,
    });
    return training.summary;
  }

  cancel(id: string): TrainingSummary {
    const training = this.trainings.get(id);
    if (!training) throw new ParameterError('trainingId', `There is no training "${id}".`);
    if (training.summary.state === 'running') training.abort.abort();
    return training.summary;
  }

  cancelAll(): void {
    for (const training of this.trainings.values())
      if (training.summary.state === 'running') training.abort.abort();
  }

  private async run(training: Training, request: TrainRequest): Promise<void> {
    try {
      const result = await this.options.engine.run('train', request, {
        signal: training.abort.signal,
        onProgress: (progress) => this.progress(training, progress),
      });
      this.update(training, {
        state: 'finished',
        phase: null,
        epoch: result.manifest.training.epochs,
        heldOutAccuracy: result.manifest.accuracy.heldOut,
        remainingSeconds: null,
        message:
          result.resumedFrom > 0
            ? `Continued from epoch ${result.resumedFrom} of an interrupted training.`
            : null,
      });
      this.options.onModelAdded?.(result.model);
    } catch (error) {
      if (error instanceof JobCancelledError || training.abort.signal.aborted) {
        const kept = training.summary.epoch;
        this.update(training, {
          state: 'cancelled',
          phase: null,
          remainingSeconds: null,
          message:
            kept > 0
              ? `Cancelled after ${kept} of ${training.summary.epochs} epochs; they are kept: train ${training.summary.name} on the same folder again to continue.`
              : 'Cancelled before the first epoch was complete.',
        });
      } else {
        const message =
          error instanceof Error
            ? isUserFacingError(error)
              ? error.message
              : `The training failed: ${error.message}`
            : `The training failed: ${String(error)}`;
        this.update(training, { state: 'failed', phase: null, remainingSeconds: null, message });
      }
    }
  }

  private progress(training: Training, progress: TrainProgress): void {
    const change: Partial<TrainingSummary> = {
      phase: progress.phase,
      elapsedSeconds: progress.elapsedSeconds,
      remainingSeconds: progress.remainingSeconds ?? training.summary.remainingSeconds,
    };
    if (progress.phase === 'training') {
      change.epoch = progress.epoch;
      change.batch = progress.batch;
      change.batches = progress.batches;
      if (progress.loss !== undefined) change.loss = progress.loss;
      if (progress.accuracy !== undefined) change.accuracy = progress.accuracy;
    }
    this.update(training, change);
  }

  private update(training: Training, change: Partial<TrainingSummary>): void {
    training.summary = {
      ...training.summary,
      ...change,
      elapsedSeconds: change.elapsedSeconds ?? (Date.now() - training.startedAt) / 1000,
    };
    this.emit(training);
  }

  private emit(training: Training): void {
    this.options.emit(training.summary);
  }
}
