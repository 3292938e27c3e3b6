// The state of a training run after its last completed epoch: the network's weights, Adam's
// moments, the epoch count and history, and a fingerprint of everything that must not change
// for a resume to continue the same training (data, architecture, spectrogram, split, seed).
// Written atomically after every epoch, so a cancel or a crash loses at most the epoch under way.
import { readFile, rm, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { writeFolderAtomic } from '../models/atomic-folder';
import { CheckpointMismatchError } from './errors';

/** A named tensor as optimisers save their state (tfjs-core does not export the type). */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

export interface EpochSummary {
  epoch: number;
  /** Mean training loss and crop accuracy over the epoch. */
  loss: number;
  accuracy: number;
  /** Clip accuracy on the validation files (null: none were set aside). */
  validationAccuracy: number | null;
  seconds: number;
}

/** What a resumed run must share with the run that made the checkpoint (JSON-comparable). */
export interface TrainingFingerprint {
  dataHash: string;
  classes: string[];
  architecture: string;
  width: number;
  spectrogram: { sampleRate: number; nFft: number; hop: number; winLength: number };
  cropFrames: number;
  cropsPerClip: number;
  batchSize: number;
  learningRate: number;
  holdOut: number;
  validation: number;
  seed: number;
}

/** A run's state; a generator's training has its own fingerprint and epoch summaries. */
export interface CheckpointState<Fingerprint = TrainingFingerprint, Summary = EpochSummary> {
  fingerprint: Fingerprint;
  epochsDone: number;
  history: Summary[];
  input: { mean: number; std: number };
  /** Training seconds spent so far, over every run. */
  seconds: number;
}

interface CheckpointFile extends CheckpointState<unknown, unknown> {
  format: 'timbrefold-checkpoint';
  weightSpecs: tf.io.WeightsManifestEntry[];
  optimizerSpecs: tf.io.WeightsManifestEntry[];
}

export interface Checkpoint<State = CheckpointState> {
  state: State;
  /** The caller owns (and disposes) these. */
  weights: tf.NamedTensorMap;
  optimizer: NamedTensor[];
}

export async function saveCheckpoint<F, S>(
  folder: string,
  state: CheckpointState<F, S>,
  weights: tf.NamedTensorMap,
  optimizer: NamedTensor[],
): Promise<void> {
  const net = await tf.io.encodeWeights(weights);
  const opt = await tf.io.encodeWeights(optimizer);
  const file: CheckpointFile = {
    format: 'timbrefold-checkpoint',
    ...state,
    weightSpecs: net.specs,
    optimizerSpecs: opt.specs,
  };
  await writeFolderAtomic(folder, {
    'checkpoint.json': `${JSON.stringify(file, null, 2)}\n`,
    'weights.bin': new Uint8Array(net.data as ArrayBuffer),
    'optimizer.bin': new Uint8Array(opt.data as ArrayBuffer),
  });
}

/** The checkpoint in `folder`, or undefined when there is none (or it cannot be read). */
export async function loadCheckpoint<State = CheckpointState>(
  folder: string,
): Promise<Checkpoint<State> | undefined> {
  try {
    const file = JSON.parse(
      await readFile(join(folder, 'checkpoint.json'), 'utf8'),
    ) as CheckpointFile;
    if (file.format !== 'timbrefold-checkpoint') return undefined;
    const weightData = await readFile(join(folder, 'weights.bin'));
    const optimizerData = await readFile(join(folder, 'optimizer.bin'));
    const weights = tf.io.decodeWeights(toArrayBuffer(weightData), file.weightSpecs);
    const optimizerMap = tf.io.decodeWeights(toArrayBuffer(optimizerData), file.optimizerSpecs);
    // Adam restores its state by position: keep the order it was saved in.
    const optimizer = file.optimizerSpecs.map((spec) => ({
      name: spec.name,
      tensor: optimizerMap[spec.name]!,
    }));
    const { format: _format, weightSpecs: _w, optimizerSpecs: _o, ...state } = file;
    return { state: state as State, weights, optimizer };
  } catch {
    return undefined;
  }
}

export async function removeCheckpoint(folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true });
  // The folder of checkpoints goes too once it is empty (rmdir refuses otherwise).
  await rmdir(dirname(folder)).catch(() => undefined);
}

function toArrayBuffer(data: Buffer): ArrayBuffer {
  return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
}

/**
 * Throws CheckpointMismatchError (naming what differs) and frees the checkpoint's tensors when
 * it was made with another fingerprint: a resume must continue the same training. `same` says
 * what to give again ("style, data and settings").
 */
export function checkFingerprint<F>(
  checkpoint: Checkpoint<CheckpointState<F, unknown>>,
  fingerprint: F,
  name: string,
  same: string,
  /** What each differing key means in the user's words ("another style clip"). */
  words?: Partial<Record<keyof F, string>>,
): void {
  if (JSON.stringify(checkpoint.state.fingerprint) === JSON.stringify(fingerprint)) return;
  const was = checkpoint.state.fingerprint as Record<string, unknown>;
  const now = fingerprint as Record<string, unknown>;
  const differs = Object.keys(now).filter(
    (key) => JSON.stringify(was[key]) !== JSON.stringify(now[key]),
  );
  tf.dispose([...Object.values(checkpoint.weights), ...checkpoint.optimizer.map((o) => o.tensor)]);
  throw new CheckpointMismatchError(
    `The interrupted training of "${name}" used ${
      words
        ? differs.map((key) => words[key as keyof F] ?? `other ${key}`).join(', ')
        : `other ${differs.join(', ')}`
    }: give the same ${same} to resume, or restart it.`,
  );
}
