// What a transfer method is to the rest of Timbrefold: its parameters (declared once), its presets,
// and how it optimises one window of one stream. The transfer skeleton (src/main/transfer/) does
// everything else the same way for every method: files, analysis, windows, previews, the join,
// phase reconstruction, output and recipe. A new method is a folder here plus one registry line.
import type {
  ParameterDeclaration,
  ParameterValue,
  PresetDeclaration,
} from '../../shared/parameters';
import type { LossTerms, TransferRequest } from '../../shared/transfer';
import type { Frames, Hertz, Samples } from '../../shared/units';
import type { BackendReport } from '../engine/backend';
import type { LogSpectrogram } from '../engine/spectrogram';

/** The STFT a method reads spectrograms at. */
export interface AnalysisSettings {
  sampleRate: Hertz;
  nFft: Samples;
  hop: Samples;
  /** Window length, when shorter than nFft (zero-padded frames). */
  winLength?: Samples;
}

/** The settings every method has, whatever else it declares: the skeleton reads these. */
export interface PipelineSettings {
  seed: number;
  /** Optimiser iterations per window; a one-pass method (the fast generator) declares none. */
  iterations?: number;
  phaseMethod: 'gl' | 'fgla';
  phaseIterations: number;
  phaseStart: 'random' | 'content';
  channelMode: 'mono' | 'per-channel' | 'mid-side';
  windowSeconds: number;
  /** How closely the result's loudness follows the content's (transfer/follow-dynamics.ts). */
  followDynamics?: number;
}

/** A style clip's spectrogram (of one stream) and its weight, as the user set it. */
export interface WeightedStyleInput {
  spectrogram: LogSpectrogram;
  /** Relative weight (> 0); a method normalises the weights of a mix. */
  weight: number;
}

/** What a window's optimiser reports after each iteration. */
export interface MethodIteration<Losses = LossTerms> {
  /** Iterations done in this window, 1-based. */
  iteration: number;
  losses: Losses;
  /** The current iterate, frames x bins (a fresh copy); may hold more frames than the window. */
  current: () => Float32Array;
}

/** One stream's optimiser: built per stream (its style may differ) and disposed after it. */
export interface StreamOptimiser<Losses = LossTerms> {
  /**
   * Optimises one window (frames x bins), awaiting `onIteration` after every iteration. The result
   * is frames x bins with at least the window's frames (a method may pad; the rest is dropped).
   */
  optimise(
    window: LogSpectrogram,
    startFrame: Frames,
    onIteration: (step: MethodIteration<Losses>) => Promise<void>,
  ): Promise<{ data: Float32Array; finalLosses: Losses }>;
  dispose(): void;
}

/** A method made ready for one job: its network built or its model loaded. */
export interface OpenedMethod<Settings, Losses extends LossTerms = LossTerms> {
  /** The settings in force (for a model's method, resolved against the model's preset). */
  settings: Settings;
  /** The preset in force, where the method chose it (a model's method: the model's own). */
  preset?: string;
  analysis: AnalysisSettings;
  /** The shortest window the method can work on. */
  minimumFrames: Frames;
  /** What one window holds, once the method knows its network (a model's layers); else windowMemory. */
  windowMemory?: WindowMemory;
  /** The losses reported before any iteration has run. */
  noLosses: Losses;
  /** A quick result for the opening seconds, sent as the first preview before the real work. */
  draft?(
    content: LogSpectrogram,
    styles: readonly WeightedStyleInput[],
    /** The rate the spectrograms were analysed at (the content's own where the settings say 0). */
    sampleRate: Hertz,
    signal?: AbortSignal,
  ): Promise<{ opening: LogSpectrogram; result: LogSpectrogram }>;
  /** The optimiser for one stream against these styles' spectrograms (of that stream). */
  streamOptimiser(
    styles: readonly WeightedStyleInput[],
    longestWindow: Frames,
  ): Promise<StreamOptimiser<Losses>>;
  /** What the recipe records besides the common fields (the model, say). */
  recipe?: Record<string, unknown>;
  /** What the job's result carries besides the common fields. */
  result?: { model?: { name: string; architecture: string; weightsSha256: string } };
  dispose(): void;
}

/** What a method is given to open a job. */
export interface MethodJob<Settings> {
  request: TransferRequest;
  /** The request's settings over the requested preset, every value checked. */
  settings: Settings;
  /** Resolves the request's overrides over another preset (a model's method picks the model's). */
  resolve(preset: string): Settings;
  /** Settles once the compute backend is ready (a method that loads tensors awaits it). */
  backendReady: Promise<BackendReport>;
  signal: AbortSignal | undefined;
}

/** What one window of a method's optimisation holds, for the memory budget (memory-estimate.ts). */
export interface WindowMemory {
  /** Bytes held once per job: a network's weights. */
  sharedBytes: number;
  /** Bytes per stream that do not grow with the window or the styles: Gram matrices. */
  fixedBytes: number;
  /** Bytes per analysis frame of the window: activations, gradients, optimiser history. */
  bytesPerFrame: number;
  /** Bytes per style clip held during the optimisation (beyond its spectrogram). */
  bytesPerStyle: number;
  /** What makes the fixed parts large: its setting, as a user reads it ("4096 filters"), the fix. */
  fixedBy: { setting: string; makes: string; fix: string };
}

export interface TransferMethod<
  Settings extends PipelineSettings = PipelineSettings,
  Losses extends LossTerms = LossTerms,
> {
  /** The name in requests, recipes, the CLI's --method and the project file. */
  name: string;
  /** The panel's name for it. */
  label: string;
  /** One line for --help. */
  doc: string;
  /** Every setting, declared once; the skeleton's own settings (PipelineSettings) among them. */
  parameters: readonly ParameterDeclaration[];
  /** The first is the default. */
  presets: readonly PresetDeclaration<Partial<Settings>>[];
  /**
   * Transfers through a model of the cache: a classifier whose architecture is the preset's name
   * (modelKind 'classifier', the default), or a model of another kind named by the request.
   */
  usesModel?: boolean;
  /** The kind of model it transfers through, when usesModel (default 'classifier'). */
  modelKind?: 'classifier' | 'generator' | 'cyclegan';
  /**
   * Where the style comes from: the request's style clips (default), or the method's model (a
   * generator trained for one style): then a request gives no style clips, and each stream's
   * optimiser is built with none.
   */
  styleFrom?: 'request' | 'model';
  /** Where the analysis comes from: the method's settings, or its model (then a request may only restate it). */
  analysisFrom: 'settings' | 'model';
  /** The loss terms it reports besides total, content and style (for plots and summaries). */
  extraLossTerms?: readonly string[];
  /** Checks across settings, after each value passed its declaration; may complete the settings. */
  check?(settings: Settings, overrides: Readonly<Record<string, ParameterValue>>): Settings;
  /**
   * What one window needs at these settings over `bins` frequency bins, from the settings alone
   * (nothing is built); without it the skeleton assumes a generic optimiser's cost.
   */
  windowMemory?(settings: Settings, bins: number): WindowMemory;
  open(job: MethodJob<Settings>): Promise<OpenedMethod<Settings, Losses>>;
}
