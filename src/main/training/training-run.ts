// The plumbing every training run shares (classifiers, generators, CycleGANs): a model name not
// yet taken, a checkpoint of the same training to resume from, and the epoch loop with its
// progress, time left, cancel between batches and checkpoint after each epoch. A trainer brings
// its own networks, batches and summaries.
import type { ModelCache } from '../models/model-cache';
import { ModelExistsError } from '../models/errors';
import {
  checkFingerprint,
  loadCheckpoint,
  type Checkpoint,
  type CheckpointState,
} from './checkpoint';
import { CheckpointMismatchError } from './errors';

export const elapsed = (since: number): number => (performance.now() - since) / 1000;
/** Lets a cancel (and the job's messages) through between batches. */
const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** What a training request names: the model, the cache, and what to do with what is there. */
export interface TrainingTarget {
  name: string;
  modelsDir: string;
  resume?: 'auto' | 'resume' | 'restart';
  replace?: boolean;
}

/** Refuses to train over a model of the same name unless the request replaces it. */
export async function refuseExistingModel(
  cache: ModelCache,
  target: TrainingTarget,
): Promise<void> {
  if (!target.replace && (await cache.exists(target.name)))
    throw new ModelExistsError(
      target.name,
      `A model called "${target.name}" already exists in ${target.modelsDir}: choose another name, or replace it.`,
    );
}

/**
 * The checkpoint folder of the target, and the checkpoint to resume from: none on restart, and
 * one of another training is refused (see checkFingerprint; `same` and `words` name what must be
 * given again). Asking to resume where there is nothing to resume is refused too.
 */
export async function resumableCheckpoint<F, S>(
  cache: ModelCache,
  target: TrainingTarget,
  fingerprint: F,
  same: string,
  words?: Partial<Record<keyof F, string>>,
): Promise<{ folder: string; checkpoint: Checkpoint<CheckpointState<F, S>> | undefined }> {
  const folder = cache.checkpointFolder(target.name);
  const mode = target.resume ?? 'auto';
  const checkpoint =
    mode === 'restart' ? undefined : await loadCheckpoint<CheckpointState<F, S>>(folder);
  if (checkpoint) checkFingerprint(checkpoint, fingerprint, target.name, same, words);
  if (!checkpoint && mode === 'resume')
    throw new CheckpointMismatchError(
      `There is no interrupted training of "${target.name}" to resume in ${target.modelsDir}.`,
    );
  return { folder, checkpoint };
}

/** The run's state: the checkpoint's, or a fresh one with no epoch done. */
export function startingState<F, S>(
  checkpoint: Checkpoint<CheckpointState<F, S>> | undefined,
  fingerprint: F,
  input: CheckpointState<F, S>['input'],
): CheckpointState<F, S> {
  return checkpoint
    ? { ...checkpoint.state }
    : { fingerprint, epochsDone: 0, history: [], input, seconds: 0 };
}

/** One epoch as a trainer runs it. */
export interface TrainingEpoch<Summary, Measure> {
  /** Trains on batch `batch`; false when the batch was empty and nothing ran. */
  step(batch: number): boolean;
  /** The running measures after `done` batches (or the whole epoch), for progress. */
  measure(done: number): Measure;
  /** The finished epoch's summary for the history. */
  summary(seconds: number): Summary;
}

export interface EpochProgress<Measure> {
  /** Epochs completed, batches done in the current one and per epoch. */
  epoch: number;
  batch: number;
  batches: number;
  measure: Measure;
  /** Absent once an epoch is done. */
  remainingSeconds?: number;
}

export interface EpochLoop<Summary, Measure> {
  state: { epochsDone: number; history: Summary[]; seconds: number };
  epochs: number;
  batches: number;
  signal?: AbortSignal | undefined;
  /** The error a cancel throws (the caller names what was cancelled). */
  cancelled(): Error;
  /** Sets up epoch `epoch` (0-based): its crops come from its own seed, so a resume draws alike. */
  epoch(epoch: number): TrainingEpoch<Summary, Measure>;
  /** After each completed epoch (the trainer saves its checkpoint here). */
  afterEpoch?(): Promise<void>;
  onProgress?(progress: EpochProgress<Measure>): void;
}

/** Runs the epochs from `state.epochsDone` to `epochs`, updating the state after each. */
export async function runEpochs<Summary, Measure>(
  loop: EpochLoop<Summary, Measure>,
): Promise<void> {
  const { state, epochs, batches } = loop;
  const started = performance.now();
  let batchesRun = 0;
  for (let epoch = state.epochsDone; epoch < epochs; epoch++) {
    const epochStarted = performance.now();
    const run = loop.epoch(epoch);
    for (let b = 0; b < batches; b++) {
      if (loop.signal?.aborted) throw loop.cancelled();
      if (!run.step(b)) continue;
      batchesRun++;
      const perBatch = elapsed(started) / batchesRun;
      loop.onProgress?.({
        epoch: state.epochsDone,
        batch: b + 1,
        batches,
        measure: run.measure(b + 1),
        remainingSeconds: perBatch * ((epochs - epoch) * batches - (b + 1)),
      });
      await yieldToEvents();
    }
    const seconds = elapsed(epochStarted);
    state.history.push(run.summary(seconds));
    state.epochsDone = epoch + 1;
    state.seconds += seconds;
    await loop.afterEpoch?.();
    // Epoch done: `epoch + 1` epochs completed, no batch of the next one yet.
    loop.onProgress?.({
      epoch: state.epochsDone,
      batch: 0,
      batches,
      measure: run.measure(batches),
    });
  }
}
