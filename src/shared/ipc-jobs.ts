// The render queue as the page sees it: transfer jobs, their progress, loss history and previews.
import type { SpectrogramLevels } from './ipc-lanes';
import type { StyleChoice, TimeSelection } from './ipc-project';
import type { ParameterDeclaration, ParameterValue } from './parameters';
import type { LossTerms, MethodName, TransferPhase } from './transfer';
import type { Seconds } from './units';

export type JobState = 'queued' | 'running' | 'finished' | 'failed' | 'cancelled';

interface StartCommon {
  contentTrackId: string;
  styles: StyleChoice[];
  /** Only this part of the content (session time); null: all of it. */
  region: TimeSelection | null;
}

/** What the Start button sends: tracks by id, never paths (the main process owns the files). */
export interface TransferStartRequest extends StartCommon {
  method: MethodName;
  /** One of the method's presets (for a model's method, also the model's architecture). */
  preset: string;
  /** A model of the cache, for a method that uses one; omitted: the preset's shipped demo model. */
  model?: string;
  /** Overrides of the preset, by declared name (the panel's controls). */
  settings: Record<string, ParameterValue>;
}

/** total, content, style and a method's own terms (the trained CNN's envelopes), at one iteration. */
export interface LossPoint extends LossTerms {
  iteration: number;
}

export interface JobSummary {
  id: string;
  /** "Violin d4 β 1 #2": also the name of the result track (project/result-names.ts). */
  name: string;
  /** "piano × violin (shallow)": the whole description, also the result's file name. */
  fullName: string;
  state: JobState;
  contentTrackId: string;
  styleTrackIds: string[];
  /** Where the result will sit on the session timeline. */
  start: Seconds;
  duration: Seconds;
  phase: TransferPhase | null;
  iteration: number;
  iterations: number;
  elapsedSeconds: Seconds;
  remainingSeconds: Seconds | null;
  resultTrackId: string | null;
  /** Why it failed, one sentence. */
  error: string | null;
  /** Preview frames received so far. */
  previews: number;
}

/** What the transfer panel warns about a style clip. */
export interface StyleAdvice {
  /** The clip holds one note throughout (most of its sounding frames): results take its pitch. */
  sustainedNote: { note: string; hz: number; share: number } | null;
}

/** A job with everything the page needs to draw it from scratch (after a reload). */
export interface JobSnapshot extends JobSummary {
  losses: LossPoint[];
  preview: SpectrogramLevels | null;
}

/** Pushed main -> page whenever a job changes. */
export interface JobUpdate {
  job: JobSummary;
  /** A loss measurement that arrived with this update. */
  loss?: LossPoint;
  /** The current iterate's spectrogram, when a preview arrived. */
  preview?: SpectrogramLevels;
}

export interface PresetInfo {
  name: string;
  label: string;
  doc: string;
  /** Every setting the preset starts from, by declared name. */
  settings: Record<string, ParameterValue>;
}

/** A transfer method as the panel builds its controls: from the method's own declarations. */
export interface MethodInfo {
  method: MethodName;
  label: string;
  doc: string;
  /** Every setting, declared once (the panel shows those marked `panel`). */
  parameters: ParameterDeclaration[];
  /** The first is the default. */
  presets: PresetInfo[];
  /** Transfers through a model of the cache (`modelKind`; a classifier of the preset's architecture). */
  usesModel: boolean;
  modelKind: 'classifier' | 'generator' | 'cyclegan';
  /** Where the style comes from: style tracks the user picks, or the method's model. */
  styleFrom: 'request' | 'model';
  /** Loss terms besides total, content and style, for the loss plot. */
  extraLossTerms: string[];
  /** False while the engine's worker cannot run this method yet. */
  available: boolean;
}

export interface TransferOptions {
  methods: MethodInfo[];
  /** How many jobs run at once; the rest wait in the queue. */
  concurrency: number;
}
