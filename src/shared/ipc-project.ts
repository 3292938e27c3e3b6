// The session document as the page sees it: tracks of clips, the time selection, the transfer
// panel's settings and blind-test ratings, plus the edits the page may ask for. Plain data only.
import type { ParameterValue } from './parameters';
import type { MethodName, RenderQuality } from './transfer';
import type { Decibels, Hertz, Lufs, Samples, Seconds } from './units';

/** Content and style tracks feed a transfer; result tracks come out of one. */
export type TrackRole = 'content' | 'style' | 'result';

/** One audio file inside the project folder, placed on the session timeline. */
export interface ClipInfo {
  id: string;
  /** Path relative to the project folder (always under audio/). */
  file: string;
  /** The name of the file the user brought in (or "Recording 1"). */
  sourceName: string;
  sampleRate: Hertz;
  channels: number;
  frames: Samples;
  duration: Seconds;
  /** Where the clip starts on the session timeline. */
  start: Seconds;
  /** Integrated loudness (ITU-R BS.1770); null for silence. */
  loudnessLufs: Lufs | null;
  /** Sample peak; null for digital silence. */
  peakDb: Decibels | null;
}

/** What a result was made from: enough to read it back and to make it again. */
export interface ResultRecipe {
  method: MethodName;
  preset: string;
  /** The model a model's method transferred through. */
  model?: string;
  /** The panel's settings the result was made with, by declared name. */
  settings: Record<string, ParameterValue>;
  iterations: number;
  /** The last iteration's loss terms (absent in results made before they were kept). */
  finalLosses?: Record<string, number>;
  seed: number;
  contentName: string;
  styles: { name: string; weight: number }[];
  region: { start: Seconds; end: Seconds } | null;
  /** The engine's own recipe JSON, relative to the project folder. */
  recipeFile: string | null;
  /** Compute backend the engine used, and the run's wall time. */
  backend: string;
  seconds: Seconds;
  /** QUALITY.md's numbers of the result (absent in results made before they were recorded). */
  quality?: RenderQuality;
}

export interface TrackState {
  id: string;
  name: string;
  role: TrackRole;
  clip: ClipInfo;
  mute: boolean;
  solo: boolean;
  gainDb: Decibels;
  recipe: ResultRecipe | null;
}

export interface StyleChoice {
  trackId: string;
  /** Relative weight (> 0). */
  weight: number;
}

/** The transfer panel's settings; saved with the project so a reopened session starts where it was. */
export interface TransferSettings {
  method: MethodName;
  /** One of the method's presets. */
  preset: string;
  /** A model's method's model; null or absent: the preset's shipped demo model. */
  model?: string | null;
  /** The panel's values the user changed from the preset, by declared name. */
  values: Record<string, ParameterValue>;
  contentTrackId: string | null;
  styles: StyleChoice[];
}

export interface TimeSelection {
  start: Seconds;
  end: Seconds;
}

export const PROJECT_FORMAT = 'timbrefold-project';
/** 2: the transfer panel's values by declared name (1 had alpha, beta ... as fields). */
export const PROJECT_VERSION = 2;

/** project.json */
export interface ProjectDocument {
  format: typeof PROJECT_FORMAT;
  version: typeof PROJECT_VERSION;
  name: string;
  tracks: TrackState[];
  selection: TimeSelection | null;
  transfer: TransferSettings;
  /** Blind listening ratings, 1 to 5, by result track id. */
  ratings: Record<string, number>;
}

/** The project as the page draws it. */
export interface ProjectSnapshot {
  document: ProjectDocument;
  /** The project folder; null while the project has never been saved by the user. */
  folder: string | null;
  /** A URL the page can fetch each clip's WAV from, by clip id. */
  media: Record<string, string>;
  /** Clips whose files are missing from the project folder. */
  missing: string[];
  undo: string | null;
  redo: string | null;
  /** Increases with every change; the page ignores snapshots older than the one it has. */
  revision: number;
  /** When project.json was last written (ms since 1970), null if never. */
  savedAt: number | null;
  /**
   * Counts the projects opened (or started new) this session: when it changes, what the page
   * kept of the last project (its evaluations, its curves) no longer applies.
   */
  opened: number;
}

export interface RecentProject {
  folder: string;
  name: string;
  /** When it was last opened; for an untitled autosave, when it was last autosaved. */
  openedAt: number;
  /** An untitled session kept in the app's data folder (never saved by the user). */
  autosaved?: boolean;
}

/** Edits the page asks for; each is one undo step (slider drags coalesce into one). */
export type ProjectEdit =
  | { type: 'rename-track'; trackId: string; name: string }
  | { type: 'set-track-gain'; trackId: string; gainDb: Decibels }
  | { type: 'set-track-mute'; trackId: string; mute: boolean }
  | { type: 'set-track-solo'; trackId: string; solo: boolean }
  | { type: 'set-track-role'; trackId: string; role: 'content' | 'style' }
  | { type: 'move-clip'; trackId: string; start: Seconds }
  /** Puts a track at `index` of the track list (0 = top), the others keeping their order. */
  | { type: 'move-track'; trackId: string; index: number }
  | { type: 'remove-track'; trackId: string }
  | { type: 'set-selection'; selection: TimeSelection | null }
  /** Shift+arrow: the playhead moved from `from` to `to`; the selection's edge at `from` follows. */
  | { type: 'extend-selection'; from: Seconds; to: Seconds }
  | { type: 'set-transfer'; settings: Partial<TransferSettings> }
  /** One panel value, merged into the project's current values: edits sent in quick succession
   *  (a key held on one slider, then another) cannot undo each other. */
  | { type: 'set-transfer-value'; name: string; value: ParameterValue }
  /** Uses a style track at a weight in the mix, or (weight null) stops using it. */
  | { type: 'set-style'; trackId: string; weight: number | null }
  | { type: 'rate-result'; trackId: string; rating: number | null }
  | { type: 'rename-project'; name: string };

export const GAIN_LIMITS = { min: -60, max: 12 } as const;
/** A style track's weight in the mix of styles. */
export const WEIGHT_LIMITS = { min: 1e-6, max: 1e6 } as const;
