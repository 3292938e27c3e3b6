// The Evaluation panel's view of issue 12's checks: consistency of result tracks under a
// classifier, a classifier's clusters over a folder of class folders (t-SNE or UMAP), a result
// track's curves, and the project's blind ratings summarised. Plain data, and the declarations of
// the clusters' options (the CLI's flags, the IPC schema and the panel's controls read them).
import type { JobState } from './ipc-jobs';

/** The two-dimensional maps a cluster evaluation can draw. */
export const EMBEDDING_METHODS = ['tsne', 'umap'] as const;
export type EmbeddingMethod = (typeof EMBEDDING_METHODS)[number];
/** Each map's name as the user reads it. */
export const EMBEDDING_LABELS: Record<EmbeddingMethod, string> = { tsne: 't-SNE', umap: 'UMAP' };
/** Seeds of the map's starting layout: any whole number in this range; 0 by default. */
export const CLUSTER_SEED_RANGE = { min: 0, max: 2 ** 31 - 1, default: 0 } as const;

/** Seed 000's table 1: the project's result tracks classified by a classifier of the cache. */
export interface ConsistencyRequest {
  kind: 'consistency';
  model: string;
  /** The result tracks to classify (the panel offers every result, all chosen by default). */
  trackIds: string[];
}

/** Seed 000's figure 3: a map of the classifier's features of every clip of a folder. */
export interface ClustersRequest {
  kind: 'clusters';
  model: string;
  /** A folder of class folders, chosen in the training-folder dialog. */
  data: string;
  /** Default t-SNE. */
  method?: EmbeddingMethod;
  /** One of the classifier's pooling layers (evaluation:cluster-options); default the last. */
  layer?: string;
  /** Default CLUSTER_SEED_RANGE.default. */
  seed?: number;
}

export type EvaluationRequest = ConsistencyRequest | ClustersRequest;

/** What a classifier offers a cluster map: its activations (ReLUs and poolings), the last pooling by default. */
export interface ClusterOptions {
  model: string;
  layers: string[];
  defaultLayer: string;
}

export interface ConsistencyTable {
  files: number;
  classified: number;
  /** Clips per class, every class of the model listed. */
  counts: Record<string, number>;
  /** Tracks that could not be classified, by name, with the reason. */
  failed: { track: string; error: string }[];
}

export interface ClusterMapPoint {
  /** The clip's file name. */
  name: string;
  class: string;
  x: number;
  y: number;
  /** The media route the page plays the clip from. */
  url: string;
}

export interface ClusterMap {
  classes: string[];
  layer: string;
  method: EmbeddingMethod;
  seed: number;
  points: ClusterMapPoint[];
}

export interface EvaluationSummary {
  id: string;
  kind: EvaluationRequest['kind'];
  model: string;
  state: JobState;
  /** What the engine is doing ('loading', 'features', 'embedding', 'classifying'). */
  phase: string | null;
  done: number;
  total: number;
  /** Why it failed, one sentence. */
  message: string | null;
  consistency: ConsistencyTable | null;
  clusters: ClusterMap | null;
}

/** One iteration of a result's render, as the curves plot it. */
export interface CurvePoint {
  iteration: number;
  total: number;
  content: number;
  style: number;
  contentCorrelation: number | null;
}

export interface TrackCurves {
  trackId: string;
  method: string;
  points: CurvePoint[];
}

/** The method of a group of ratings of the content itself (the blind test's hidden reference). */
export const REFERENCE = 'reference';

/** Seed 001's table 2, one row: the ratings of one pair (content and styles) and method. */
export interface RatingGroup {
  content: string;
  /** The style clips' names, in the order of the recipe, joined with " + " ('' for the reference). */
  styles: string;
  /** The method, or REFERENCE for the content's own ratings. */
  method: string;
  count: number;
  mean: number;
  /** Sample standard deviation (null below two ratings), lowest and highest. */
  std: number | null;
  min: number;
  max: number;
  /** The rated tracks (the reference's have no preset). */
  tracks: { id: string; name: string; preset: string | null; rating: number }[];
}

export interface RatingsSummary {
  project: string;
  /** Result tracks rated, and result tracks in the project (the reference's ratings aside). */
  rated: number;
  results: number;
  groups: RatingGroup[];
}

export interface RatingsExportRequest {
  /** A file chosen earlier in the ratings save dialog; omitted: ask the user. */
  file?: string;
  /**
   * The user confirmed replacing `file`. A file chosen in the dialog is confirmed there (the
   * dialog asks before it answers with an existing file); a file named again is not replaced
   * without it.
   */
  replace?: boolean;
}

export interface RatingsExportResult {
  file: string;
  /** Rows written (pairs and methods), the header aside. */
  groups: number;
}
