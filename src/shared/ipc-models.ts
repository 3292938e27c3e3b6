// The model cache as the page sees it: trained classifiers (the trained-CNN method's networks),
// importing, exporting, deleting, and training new ones with progress. Plain data only.
import type { JobState } from './ipc-jobs';
import type { ParameterDeclaration, ParameterValue } from './parameters';
import type { Seconds } from './units';

/** A network architecture; each serves the trained-CNN preset of the same name. */
export type ModelArchitecture = 'audio-vgg' | 'verma-smith';

export interface ModelInfo {
  name: string;
  /** Shipped with the app: read-only, never deleted. */
  shipped: boolean;
  /** A damaged model is listed (so it can be deleted) but never used. */
  status: 'ok' | 'damaged';
  /** Why it is damaged, one sentence; null when ok. */
  problem: string | null;
  /**
   * What it is: a classifier (the trained-CNN method's networks), a generator (the fast
   * method's) or a CycleGAN (two classes, both directions); null when damaged.
   */
  kind: 'classifier' | 'generator' | 'cyclegan' | null;
  /** A generator's style clip's name; null otherwise. */
  style?: string | null;
  architecture: ModelArchitecture | null;
  /** A classifier's classes; a CycleGAN's two classes. */
  classes: string[];
  /** Accuracy on the held-out clips (0 to 1); null: none were held out. */
  heldOutAccuracy: number | null;
  heldOutClips: number;
  /** When it was trained (ISO 8601); null for a damaged model. */
  createdAt: string | null;
  /** Size of its weights. */
  bytes: number;
}

export interface ModelImportRequest {
  /** An exported bundle (one file) or a model folder (manifest.json + weights.bin). */
  source: 'bundle' | 'folder';
  /** Omitted: ask the user. Paths must come from a dialog. */
  path?: string;
  /** The name to give it (default: its own). */
  name?: string;
  /** Replace a user model of the same name. */
  replace?: boolean;
}

export interface ModelExportRequest {
  name: string;
  /** The file to write; omitted: ask the user. */
  file?: string;
}

export interface ModelExportResult {
  name: string;
  file: string;
}

/** A training folder the user picked, and what was found in it. */
export interface TrainingDataInfo {
  folder: string;
  classes: string[];
  clips: number;
}

export interface TrainModelRequest {
  /** A folder with one subfolder of WAV clips per class (chosen in a dialog). */
  data: string;
  architecture: ModelArchitecture;
  epochs: number;
  name: string;
}

/** A folder of content clips the user picked to train a generator on. */
export interface ContentFolderInfo {
  folder: string;
  /** WAV files found below it (their usability is checked when training starts). */
  clips: number;
}

export interface TrainGeneratorModelRequest {
  /** The project track whose clip is the style the generator learns. */
  styleTrackId: string;
  /** A folder of content clips, any WAVs below it (chosen in a dialog). */
  data: string;
  epochs: number;
  name: string;
}

/** A folder with the two class subfolders a CycleGAN learns between, and their clips. */
export interface ClassPairInfo {
  folder: string;
  /** [X, Y], named after their folders. */
  classes: [string, string];
  /** WAV files below each class folder (their usability is checked when training starts). */
  clips: [number, number];
}

/** The CycleGAN training's declared settings, for the form's fields. */
export interface CycleGanTrainingOptions {
  /** Every declared setting; the form shows those marked `panel`. */
  parameters: ParameterDeclaration[];
}

export interface TrainCycleGanModelRequest {
  /** A folder with exactly two class subfolders (chosen in a dialog). */
  data: string;
  name: string;
  /** Any of the declared settings; the rest take their defaults. */
  settings: Record<string, ParameterValue>;
}

/** One loss term of a training, as the Models panel lists it. */
export interface TrainingTerm {
  name: string;
  label: string;
  value: number;
}

export type TrainingPhase = 'loading' | 'training' | 'evaluating' | 'saving';

export interface TrainingSummary {
  id: string;
  name: string;
  /** What it trains: a classifier, a generator for one style, or a CycleGAN between two classes. */
  kind: 'classifier' | 'generator' | 'cyclegan';
  /** The classifier's network; for a generator, its loss network's; for a CycleGAN, its analysis's. */
  architecture: ModelArchitecture;
  state: JobState;
  phase: TrainingPhase | null;
  /** Epochs completed, and planned. */
  epoch: number;
  epochs: number;
  /** Batches done in the epoch under way, and per epoch. */
  batch: number;
  batches: number;
  /** Running mean loss and crop accuracy of the current (or last) epoch. */
  loss: number | null;
  accuracy: number | null;
  /** Every loss term's running mean over the current (or last) epoch; null: one loss only. */
  terms: TrainingTerm[] | null;
  elapsedSeconds: Seconds;
  remainingSeconds: Seconds | null;
  /** Held-out accuracy of the finished classifier. */
  heldOutAccuracy: number | null;
  /** Held-out loss of the finished generator (null: no clip was held out, or a classifier). */
  heldOutLoss: number | null;
  /** Why it failed or what a cancel kept, one sentence. */
  message: string | null;
}

export const TRAINING_EPOCH_LIMITS = { min: 1, max: 1000 } as const;
