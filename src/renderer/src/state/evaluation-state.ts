// The Evaluation panel's state, kept for the session outside the panel: closing it, reopening it
// or switching its tabs shows the last consistency table, cluster map, curves and ratings again,
// and a running evaluation's progress. The evaluations themselves come from the main process
// (evaluation:update, and evaluation:list when the panel opens, so nothing sent while it was
// closed is missed); the user's choices and the last curves and ratings are kept here.
import {
  CLUSTER_SEED_RANGE,
  EMBEDDING_METHODS,
  type ClusterOptions,
  type EmbeddingMethod,
  type EvaluationSummary,
  type RatingsSummary,
  type TrackCurves,
} from '../../../shared/ipc-evaluation';
import type { TrainingDataInfo } from '../../../shared/ipc-models';
import { outlivingProject, projectSwitches } from './evaluation-list';
import { Store } from './store';

export const EVALUATION_TABS = ['consistency', 'clusters', 'curves', 'ratings'] as const;
export type EvaluationTab = (typeof EVALUATION_TABS)[number];

export interface EvaluationChoices {
  tab: EvaluationTab;
  /** The classifier chosen; null: the first one listed. */
  model: string | null;
  /** Result tracks the user left out of consistency: every other result, new ones too, is in. */
  excluded: string[];
  /** The folder of class folders a map is drawn of. */
  folder: TrainingDataInfo | null;
  method: EmbeddingMethod;
  /** The pooling layer; null: the classifier's last. */
  layer: string | null;
  /** The seed as typed (read by evaluation-list.ts's clusterSeed). */
  seed: string;
  /** The result whose curves are shown; null: the first result. */
  curvesTrackId: string | null;
}

export const evaluationChoices = new Store<EvaluationChoices>({
  tab: 'consistency',
  model: null,
  excluded: [],
  folder: null,
  method: EMBEDDING_METHODS[0],
  layer: null,
  seed: String(CLUSTER_SEED_RANGE.default),
  curvesTrackId: null,
});

export function setEvaluationChoices(change: Partial<EvaluationChoices>): void {
  evaluationChoices.update((c) => ({ ...c, ...change }));
}

/** This session's evaluations as the main process reported them, oldest first. */
export const evaluations = new Store<EvaluationSummary[]>([]);
/** The last curves drawn (by track), and the last ratings summary. */
export const lastCurves = new Store<TrackCurves | null>(null);
export const lastRatings = new Store<RatingsSummary | null>(null);
/** Each classifier's pooling layers, asked once a session, by name and training time. */
export const clusterOptions = new Store<Record<string, ClusterOptions>>({});

/**
 * Another project was opened: what was kept of the last one (its consistency tables, the curves
 * and ratings of its results, the results left out) goes; cluster maps of folders stay.
 */
export function forgetProjectEvaluations(): void {
  evaluations.update(outlivingProject);
  lastCurves.set(null);
  lastRatings.set(null);
  setEvaluationChoices({ excluded: [], curvesTrackId: null });
}

const switched = projectSwitches();

/** Called with every snapshot's `opened`: a new count means another project. */
export function followProject(opened: number): void {
  if (switched(opened)) forgetProjectEvaluations();
}
