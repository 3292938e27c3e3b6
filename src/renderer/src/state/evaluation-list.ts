// The Evaluation panel's evaluations as pure list operations (state/evaluation-state.ts keeps
// them): an update in place, the main process's list merged with what arrived meanwhile, each
// kind's latest and last finished evaluation, and a typed seed read as the IPC schema checks it.
import { CLUSTER_SEED_RANGE, type EvaluationSummary } from '../../../shared/ipc-evaluation';

export type EvaluationKind = EvaluationSummary['kind'];

/** The list with `summary` in place of the one of its id, or added last. */
export function withEvaluation(
  list: readonly EvaluationSummary[],
  summary: EvaluationSummary,
): EvaluationSummary[] {
  const at = list.findIndex((e) => e.id === summary.id);
  return at < 0 ? [...list, summary] : list.map((e, i) => (i === at ? summary : e));
}

/**
 * The main process's list when the panel opens, with what arrived meanwhile: an update received
 * after the list was asked for is at least as new as the list's copy, so it wins.
 */
export function mergeEvaluations(
  listed: readonly EvaluationSummary[],
  received: readonly EvaluationSummary[],
): EvaluationSummary[] {
  return received.reduce(withEvaluation, [...listed]);
}

/** Of one kind: the latest evaluation (its progress or how it ended) and the last finished one. */
export function evaluationOf(
  list: readonly EvaluationSummary[],
  kind: EvaluationKind,
): { latest: EvaluationSummary | null; finished: EvaluationSummary | null } {
  const ofKind = list.filter((e) => e.kind === kind);
  return {
    latest: ofKind.at(-1) ?? null,
    finished: ofKind.filter((e) => e.state === 'finished').at(-1) ?? null,
  };
}

/** The typed seed as a whole number in range, or null. */
export function clusterSeed(text: string): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const seed = Number(text.trim());
  return seed >= CLUSTER_SEED_RANGE.min && seed <= CLUSTER_SEED_RANGE.max ? seed : null;
}

/** Of the kept evaluations, those that outlive the project they were made in: maps of folders. */
export function outlivingProject(list: readonly EvaluationSummary[]): EvaluationSummary[] {
  return list.filter((e) => e.kind !== 'consistency');
}

/** Fed every snapshot's `opened`, says when it changed: another project was opened. */
export function projectSwitches(): (opened: number) => boolean {
  let last: number | null = null;
  return (opened) => {
    const switched = last !== null && opened !== last;
    last = opened;
    return switched;
  };
}
