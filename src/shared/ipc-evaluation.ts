// The Evaluation panel's view of issue 12's checks: consistency of result tracks under a
// classifier, a classifier's clusters over a folder of class folders (t-SNE), and a result
// track's curves. Plain data only.
import type { JobState } from './ipc-jobs';

/** Seed 000's table 1: the project's result tracks classified by a classifier of the cache. */
export interface ConsistencyRequest {
  kind: 'consistency';
  model: string;
  trackIds: string[];
}

/** Seed 000's figure 3: t-SNE of the classifier's features of every clip of a folder. */
export interface ClustersRequest {
  kind: 'clusters';
  model: string;
  /** A folder of class folders, chosen in the training-folder dialog. */
  data: string;
}

export type EvaluationRequest = ConsistencyRequest | ClustersRequest;

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
