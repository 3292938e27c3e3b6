// The transfer contract shared by the CLI, the main process, the engine worker and the page.
// Plain data only: it crosses threads and processes (spectrograms as Float32Array, never number[]).
import type { ParameterValue } from './parameters';
import type { Hertz, Seconds } from './units';

/**
 * A transfer method's name (src/main/methods/registry.ts lists them: 'shallow', 'cnn', ...).
 * Checked against the registry wherever a request enters.
 */
export type MethodName = string;

/** How a clip with several channels is analysed. */
export type ChannelMode = 'mono' | 'per-channel' | 'mid-side';

/** One style clip and its weight in the mix of styles. */
export interface StyleSource {
  path: string;
  /** Relative weight (> 0); weights are normalised to sum to 1. */
  weight: number;
}

/** The analysis a request may state: a method that reads its model's analysis checks it agrees. */
export interface AnalysisRequest {
  sampleRate?: Hertz;
  nFft?: number;
  hop?: number;
}

export interface TransferRequest {
  method: MethodName;
  /** One of the method's presets; default: its first (a model's method: the model's own). */
  preset?: string;
  /** Overrides of the preset's settings, by declared name (the method's parameters). */
  settings: Readonly<Record<string, ParameterValue>>;
  /** A model of the cache, for methods that transfer through one (default: the shipped demo). */
  model?: string;
  /** The user's model cache (default: the app's user-data folder). */
  modelsDir?: string;
  /** Folders of shipped models (default: resources/models). */
  shippedModelsDirs?: string[];
  /** An analysis the caller states; a method whose model fixes the analysis checks it agrees. */
  analysis?: AnalysisRequest;
  content: string;
  styles: StyleSource[];
  /** Where the result WAV goes (written atomically; a recipe JSON is written beside it). */
  output: string;
  /** Only this part of the content is transferred (the editor's time selection). */
  region?: { start: Seconds; end: Seconds };
  /** Send a preview (spectrogram and a short audio rendering) every N iterations (0: none). */
  previewEvery?: number;
  /** Compute backend: 'auto' picks the native binding, else WebAssembly, else plain JavaScript. */
  backend?: BackendChoice;
}

/** The compute backends a user may ask for; `auto` tries tensorflow, then wasm, then cpu. */
export const BACKEND_CHOICES = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

export type TransferPhase = 'analysis' | 'optimisation' | 'reconstruction' | 'writing';

/** The loss terms every method reports, plus any of its own (the trained CNN's envelopes). */
export interface LossTerms {
  total: number;
  content: number;
  style: number;
  [term: string]: number;
}

export interface TransferProgress {
  phase: TransferPhase;
  /** In a batch of several contents: which one this event is about (0-based), of how many. */
  batch?: { index: number; count: number };
  /** Iterations done in this phase, and planned (over all channels and windows). */
  iteration: number;
  iterations: number;
  losses?: LossTerms;
  elapsedSeconds: Seconds;
  /** Estimated time to the finished WAV, when known. */
  remainingSeconds?: Seconds;
  /** The current iterate of one window of one stream. */
  preview?: TransferPreview;
  /** Sent once, as the inputs are read: what the reader noticed (a float file above 0 dBFS ...). */
  warnings?: string[];
}

export interface TransferPreview {
  /** Which stream (mono, a channel, mid or side) and where its window starts, in frames. */
  stream: number;
  startFrame: number;
  /** Log-magnitude spectrogram, frames x bins row-major, bins downsampled for display. */
  frames: number;
  bins: number;
  logMagnitude: Float32Array;
  /** Analysis rate and hop, to place the frames in time. */
  sampleRate: Hertz;
  hop: number;
  /** A quick phase reconstruction of the window, to listen to the iterate. */
  audio: Float32Array;
  /** A draft through a smaller network, sent before the first iteration of the real one. */
  draft?: boolean;
}

/** QUALITY.md's numbers of one render; null where they could not be taken (`note` says why). */
export interface RenderQuality {
  /** 1 = the style's timbre, 0 = the content's. */
  styleGain: number | null;
  /** Pearson correlation of the content's and the result's envelopes. */
  contentCorrelation: number | null;
  /** |M(y) - A| / |A| of the phase reconstruction (mean over streams). */
  spectralConvergence: number | null;
  note?: string;
}

/**
 * One iteration of an optimisation (seed 001's curves): its loss terms and how well the current
 * iterate keeps the content's dynamics (Pearson correlation of the per-frame sums of the log
 * spectrograms, content window against iterate, in the method's analysis; null where it is
 * undefined, e.g. a window of one level).
 */
export interface IterationRecord {
  /** Counted over the whole render (every stream and window), 1-based. */
  iteration: number;
  stream: number;
  window: number;
  losses: LossTerms;
  contentCorrelation: number | null;
}

export interface TransferResult {
  output: string;
  recipe: string;
  /** The preset in force (a model's method: the model's own when none was asked for). */
  preset: string;
  /** Every setting the result was made with, by declared name. */
  settings: Record<string, ParameterValue>;
  backend: string;
  iterations: number;
  finalLosses: LossTerms;
  /** Every iteration's losses and content correlation (empty for a one-pass method). */
  history: IterationRecord[];
  /** QUALITY.md's numbers of the result, also in its recipe. */
  quality: RenderQuality;
  /** The model a model's method transferred through. */
  model?: { name: string; architecture: string; weightsSha256: string };
  wallSeconds: {
    analysis: Seconds;
    optimisation: Seconds;
    reconstruction: Seconds;
    total: Seconds;
  };
}
