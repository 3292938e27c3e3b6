// The transfer contract shared by the CLI, the main process, the engine worker and the page.
// Plain data only: it crosses threads and processes (spectrograms as Float32Array, never number[]).
import type { Hertz, Seconds } from './units';

/** Methods the engine offers; more join as they land (generator, CycleGAN). */
export type TransferMethod = 'shallow' | 'cnn';

/** How a clip with several channels is analysed. */
export type ChannelMode = 'mono' | 'per-channel' | 'mid-side';

/** One style clip and its weight in the mix of Gram matrices. */
export interface StyleSource {
  path: string;
  /** Relative weight (> 0); weights are normalised to sum to 1. */
  weight: number;
}

/** Settings of the shallow random-network method (METHODS.md section 2); every one is exposed. */
export interface ShallowSettings {
  /** Rate the engine analyses at; the result comes back at the content's rate. */
  analysisRate: Hertz;
  nFft: number;
  hop: number;
  filters: number;
  kernelWidth: number;
  seed: number;
  /** alpha: content weight. */
  contentWeight: number;
  /** beta: style weight. */
  styleWeight: number;
  start: 'content' | 'noise';
  noiseSigma: number;
  optimiser: 'lbfgs' | 'adam';
  iterations: number;
  learningRate: number;
  /** Phase reconstruction after the optimisation. */
  phaseMethod: 'gl' | 'fgla';
  phaseIterations: number;
  phaseStart: 'random' | 'content';
  channelMode: ChannelMode;
  /** Content is processed in windows of this length, joined with crossfades (memory stays bounded). */
  windowSeconds: Seconds;
}

export type ShallowPresetName = 'ulyanov' | 'default';

/** The trained-CNN method's presets, one per network architecture. */
export type CnnPresetName = 'audio-vgg' | 'verma-smith';
export const CNN_PRESETS_OFFERED: readonly CnnPresetName[] = ['verma-smith', 'audio-vgg'];

export type TransferPresetName = ShallowPresetName | CnnPresetName;

/**
 * The trained-CNN settings a front end may override (the engine's CnnSettings without its layer
 * choice, which stays the preset's): alpha and beta plus the two envelope terms of METHODS.md.
 */
export interface CnnStartSettings {
  contentWeight: number;
  styleWeight: number;
  /** The temporal energy envelope term. */
  energyWeight: number;
  /** The frequency (timbral) envelope term. */
  frequencyWeight: number;
  start: 'content' | 'noise';
  seed: number;
  optimiser: 'lbfgs' | 'adam';
  iterations: number;
  learningRate: number;
  phaseMethod: 'gl' | 'fgla';
  phaseIterations: number;
  phaseStart: 'random' | 'content';
  channelMode: ChannelMode;
  windowSeconds: Seconds;
}

export interface TransferRequest {
  /** The shallow method (the trained CNN's request is engine/cnn's CnnTransferRequest). */
  method: 'shallow';
  preset: ShallowPresetName;
  /** Overrides of the preset's settings. */
  settings: Partial<ShallowSettings>;
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

export type BackendChoice = 'auto' | 'tensorflow' | 'wasm' | 'cpu';

export type TransferPhase = 'analysis' | 'optimisation' | 'reconstruction' | 'writing';

export interface LossTerms {
  total: number;
  content: number;
  style: number;
}

export interface TransferProgress {
  phase: TransferPhase;
  /** Iterations done in this phase, and planned (over all channels and windows). */
  iteration: number;
  iterations: number;
  losses?: LossTerms;
  elapsedSeconds: Seconds;
  /** Estimated time to the finished WAV, when known. */
  remainingSeconds?: Seconds;
  /** The current iterate of one window of one stream. */
  preview?: TransferPreview;
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

export interface TransferResult {
  output: string;
  recipe: string;
  backend: string;
  iterations: number;
  finalLosses: LossTerms;
  wallSeconds: {
    analysis: Seconds;
    optimisation: Seconds;
    reconstruction: Seconds;
    total: Seconds;
  };
}
