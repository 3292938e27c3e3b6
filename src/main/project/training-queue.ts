// Trainings started from the app: each runs the engine's 'train' job (a classifier),
// 'train-generator' job (a generator for one style) or 'train-cyclegan' job (a CycleGAN between
// two classes, every loss term relayed) in its own worker, one at a time (training
// takes every core it gets), with its progress relayed to the page. A cancel stops after the
// batch under way; the job keeps the last completed epoch as a checkpoint, and training the same
// name on the same data again (or resume(), which repeats the cancelled request) continues from it.
import { randomBytes } from 'node:crypto';
import type {
  ModelArchitecture,
  TrainingSummary,
  TrainingTerm,
  TrainModelRequest,
} from '../../shared/ipc-models';
import { ParameterError, isUserFacingError } from '../../shared/user-error';
import { JobCancelledError } from '../jobs/errors';
import type { EngineJobRunner } from '../worker/engine-jobs';
import type { TrainProgress } from '../training/train-classifier';
import type { TrainGeneratorProgress } from '../training/train-generator';
import {
  CYCLEGAN_ANALYSIS_NAME,
  CYCLEGAN_TERM_LABELS,
  CYCLEGAN_TRAINING_DEFAULTS,
  type CycleGanTrainingSettings,
} from '../training/cyclegan-parameters';
import type { TrainCycleGanProgress } from '../training/train-cyclegan';

/** A generator's training as the app starts it: the style is a file of the project. */
export interface TrainGeneratorStart {
  style: string;
  data: string;
  epochs: number;
  name: string;
}

/** A CycleGAN's training as the app starts it: the folder holds the two class folders. */
export interface TrainCycleGanStart {
  data: string;
  name: string;
  settings: Partial<CycleGanTrainingSettings>;
}

type Progress = TrainProgress | TrainGeneratorProgress | TrainCycleGanProgress;

interface Outcome {
  model: string;
  epochs: number;
  resumedFrom: number;
  heldOutAccuracy: number | null;
  heldOutLoss: number | null;
}

type JobOptions = {
  signal: AbortSignal;
  onProgress: (progress: Progress) => void;
};

export interface TrainingQueueOptions {
  engine: EngineJobRunner;
  /** The user's model cache. */
  modelsDir: string;
  /** Read-only folders of shipped models (a generator's loss network is one by default). */
  shippedModelsDirs?: string[];
  emit: (summary: TrainingSummary) => void;
  /** Called when a training has put a new model in the cache. */
  onModelAdded?: (name: string) => void;
}

interface Training {
  summary: TrainingSummary;
  abort: AbortController;
  startedAt: number;
  /** Starts the same training again: its checkpoint makes it continue from the kept epochs. */
  again: () => TrainingSummary;
}

/** What a user trains again to continue a cancelled training, by kind. */
const SAME_AGAIN: Record<TrainingSummary['kind'], string> = {
  classifier: 'folder',
  generator: 'style and folder',
  cyclegan: 'folder with the same settings',
};

/** Every CycleGAN term, labelled, in the order the trainer declares them. */
function cycleGanTerms(terms: NonNullable<TrainCycleGanProgress['terms']>): TrainingTerm[] {
  return (Object.keys(CYCLEGAN_TERM_LABELS) as (keyof typeof CYCLEGAN_TERM_LABELS)[]).map(
    (name) => ({ name, label: CYCLEGAN_TERM_LABELS[name], value: terms[name] }),
  );
}

export class TrainingQueue {
  private readonly trainings = new Map<string, Training>();

  constructor(private readonly options: TrainingQueueOptions) {}

  list(): TrainingSummary[] {
    return [...this.trainings.values()].map((t) => t.summary);
  }

  start(request: TrainModelRequest): TrainingSummary {
    const training = this.begin(
      request.name,
      'classifier',
      request.architecture,
      request.epochs,
      () => this.start(request),
    );
    void this.run(training, async (options) => {
      const result = await this.options.engine.run(
        'train',
        {
          data: request.data,
          layout: 'folders',
          architecture: request.architecture,
          name: request.name,
          modelsDir: this.options.modelsDir,
          epochs: request.epochs,
          resume: 'auto',
          replace: false,
        },
        options,
      );
      return {
        model: result.model,
        epochs: result.manifest.training.epochs,
        resumedFrom: result.resumedFrom,
        heldOutAccuracy: result.manifest.accuracy.heldOut,
        heldOutLoss: null,
      };
    });
    return training.summary;
  }

  /** A generator for the style clip, with the shipped demo classifier as its loss network. */
  startGenerator(request: TrainGeneratorStart): TrainingSummary {
    const training = this.begin(request.name, 'generator', 'verma-smith', request.epochs, () =>
      this.startGenerator(request),
    );
    void this.run(training, async (options) => {
      const result = await this.options.engine.run(
        'train-generator',
        {
          style: request.style,
          data: request.data,
          name: request.name,
          modelsDir: this.options.modelsDir,
          ...(this.options.shippedModelsDirs && {
            shippedModelsDirs: this.options.shippedModelsDirs,
          }),
          epochs: request.epochs,
          resume: 'auto',
          replace: false,
        },
        options,
      );
      return {
        model: result.model,
        epochs: result.manifest.training.epochs,
        resumedFrom: result.resumedFrom,
        heldOutAccuracy: null,
        heldOutLoss: result.manifest.loss.heldOut,
      };
    });
    return training.summary;
  }

  /** A CycleGAN between the two class folders of `data`, with every loss term in its progress. */
  startCycleGan(request: TrainCycleGanStart): TrainingSummary {
    const epochs = request.settings.epochs ?? CYCLEGAN_TRAINING_DEFAULTS.epochs;
    const training = this.begin(request.name, 'cyclegan', CYCLEGAN_ANALYSIS_NAME, epochs, () =>
      this.startCycleGan(request),
    );
    void this.run(training, async (options) => {
      const result = await this.options.engine.run(
        'train-cyclegan',
        {
          ...request.settings,
          data: request.data,
          name: request.name,
          modelsDir: this.options.modelsDir,
          resume: 'auto',
          replace: false,
        },
        options,
      );
      return {
        model: result.model,
        epochs: result.manifest.training.epochs,
        resumedFrom: result.resumedFrom,
        heldOutAccuracy: null,
        heldOutLoss: null,
      };
    });
    return training.summary;
  }

  private begin(
    name: string,
    kind: TrainingSummary['kind'],
    architecture: ModelArchitecture,
    epochs: number,
    again: () => TrainingSummary,
  ): Training {
    const busy = [...this.trainings.values()].find((t) => t.summary.state === 'running');
    if (busy)
      throw new ParameterError(
        'name',
        `${busy.summary.name} is training; wait for it or cancel it before training another model.`,
      );
    const training: Training = {
      summary: {
        id: `training-${randomBytes(4).toString('hex')}`,
        name,
        kind,
        architecture,
        state: 'running',
        phase: 'loading',
        epoch: 0,
        epochs,
        batch: 0,
        batches: 0,
        loss: null,
        accuracy: null,
        terms: null,
        elapsedSeconds: 0,
        remainingSeconds: null,
        heldOutAccuracy: null,
        heldOutLoss: null,
        message: null,
      },
      abort: new AbortController(),
      startedAt: Date.now(),
      again,
    };
    this.trainings.set(training.summary.id, training);
    this.emit(training);
    return training;
  }

  cancel(id: string): TrainingSummary {
    const training = this.trainings.get(id);
    if (!training) throw new ParameterError('trainingId', `There is no training "${id}".`);
    if (training.summary.state === 'running') training.abort.abort();
    return training.summary;
  }

  /**
   * Continues a cancelled training from its kept epochs: the same request again, as a new
   * training (its checkpoint is found by name and checked against the data and settings).
   */
  resume(id: string): TrainingSummary {
    const training = this.trainings.get(id);
    if (!training) throw new ParameterError('trainingId', `There is no training "${id}".`);
    const { name, state, epoch } = training.summary;
    if (state !== 'cancelled' || epoch === 0)
      throw new ParameterError(
        'trainingId',
        `The training of ${name} cannot be resumed: only a cancelled training with finished epochs can (it is ${state === 'cancelled' ? 'cancelled before its first epoch was finished' : state}).`,
      );
    return training.again();
  }

  cancelAll(): void {
    for (const training of this.trainings.values())
      if (training.summary.state === 'running') training.abort.abort();
  }

  private async run(
    training: Training,
    job: (options: JobOptions) => Promise<Outcome>,
  ): Promise<void> {
    try {
      const result = await job({
        signal: training.abort.signal,
        onProgress: (progress) => this.progress(training, progress),
      });
      this.update(training, {
        state: 'finished',
        phase: null,
        epoch: result.epochs,
        heldOutAccuracy: result.heldOutAccuracy,
        heldOutLoss: result.heldOutLoss,
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
              ? `Cancelled after ${kept} of ${training.summary.epochs} epochs; they are kept: Resume, or train ${training.summary.name} on the same ${SAME_AGAIN[training.summary.kind]} again, to continue.`
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

  private progress(training: Training, progress: Progress): void {
    const change: Partial<TrainingSummary> = {
      phase: progress.phase,
      elapsedSeconds: progress.elapsedSeconds,
      remainingSeconds: progress.remainingSeconds ?? training.summary.remainingSeconds,
    };
    if (progress.phase === 'training') {
      change.epoch = progress.epoch;
      change.batch = progress.batch;
      change.batches = progress.batches;
      if ('loss' in progress && progress.loss !== undefined) change.loss = progress.loss;
      if ('accuracy' in progress && progress.accuracy !== undefined)
        change.accuracy = progress.accuracy;
      if ('terms' in progress && progress.terms) change.terms = cycleGanTerms(progress.terms);
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
