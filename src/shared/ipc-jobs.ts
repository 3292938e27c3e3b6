// The render queue as the page sees it: transfer jobs, their progress, loss history and previews.
import type { SpectrogramLevels } from './ipc-lanes';
import type { StyleChoice, TimeSelection } from './ipc-project';
import type {
  CnnPresetName,
  CnnStartSettings,
  LossTerms,
  ShallowPresetName,
  ShallowSettings,
  TransferMethod,
  TransferPhase,
  TransferPresetName,
} from './transfer';
import type { Seconds } from './units';

export type JobState = 'queued' | 'running' | 'finished' | 'failed' | 'cancelled';

interface StartCommon {
  contentTrackId: string;
  styles: StyleChoice[];
  /** Only this part of the content (session time); null: all of it. */
  region: TimeSelection | null;
}

/** What the Start button sends: tracks by id, never paths (the main process owns the files). */
export type TransferStartRequest = ShallowStartRequest | CnnStartRequest;

export interface ShallowStartRequest extends StartCommon {
  method: 'shallow';
  preset: ShallowPresetName;
  /** Overrides of the preset (alpha, beta, iterations, seed, start ...). */
  settings: Partial<ShallowSettings>;
}

export interface CnnStartRequest extends StartCommon {
  method: 'cnn';
  /** The network's preset; it must match the model's architecture. */
  preset: CnnPresetName;
  /** A model of the cache; omitted: the preset's shipped demo model. */
  model?: string;
  /** Overrides of the preset (alpha, beta, the envelope weights, iterations ...). */
  settings: Partial<CnnStartSettings>;
}

export interface LossPoint extends LossTerms {
  iteration: number;
  /** The trained CNN's envelope terms (absent for the shallow method). */
  energy?: number;
  frequency?: number;
}

export interface JobSummary {
  id: string;
  /** "piano × violin (shallow)": also the name of the result track. */
  name: string;
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
  name: TransferPresetName;
  label: string;
  settings: Pick<
    ShallowSettings,
    'contentWeight' | 'styleWeight' | 'iterations' | 'seed' | 'start' | 'optimiser'
  > & {
    /** Shallow method only. */
    filters?: number;
    /** Trained CNN only: the envelope terms. */
    energyWeight?: number;
    frequencyWeight?: number;
  };
}

export interface MethodInfo {
  method: TransferMethod;
  label: string;
  presets: PresetInfo[];
  /** False while the engine's worker cannot run this method yet. */
  available: boolean;
}

export interface TransferOptions {
  methods: MethodInfo[];
  /** How many jobs run at once; the rest wait in the queue. */
  concurrency: number;
}
