// The Evaluation panel's kept state: updates replace their evaluation in place, the list asked
// for on reopening yields to what arrived meanwhile, each kind shows its latest evaluation's
// progress beside its last finished result, and a typed seed is read as the IPC schema checks it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CLUSTER_SEED_RANGE, type EvaluationSummary } from '../../src/shared/ipc-evaluation';
import {
  clusterSeed,
  evaluationOf,
  mergeEvaluations,
  outlivingProject,
  projectSwitches,
  withEvaluation,
} from '../../src/renderer/src/state/evaluation-list';

function summary(
  id: string,
  kind: EvaluationSummary['kind'],
  state: EvaluationSummary['state'],
  done = 0,
): EvaluationSummary {
  return {
    id,
    kind,
    model: 'demo-verma-smith',
    state,
    phase: state === 'running' ? 'features' : null,
    done,
    total: 8,
    message: null,
    consistency: null,
    clusters: null,
  };
}

describe('evaluation panel state', () => {
  test('an update replaces its evaluation in place; a new one goes last', () => {
    const list = [summary('a', 'clusters', 'finished'), summary('b', 'clusters', 'running', 1)];
    assert.deepEqual(withEvaluation(list, summary('b', 'clusters', 'running', 5)), [
      list[0],
      summary('b', 'clusters', 'running', 5),
    ]);
    assert.deepEqual(withEvaluation(list, summary('c', 'consistency', 'running')), [
      ...list,
      summary('c', 'consistency', 'running'),
    ]);
  });

  test('the list from the main process yields to updates that arrived while it was asked for', () => {
    const listed = [summary('a', 'clusters', 'finished'), summary('b', 'clusters', 'running', 2)];
    const received = [
      summary('b', 'clusters', 'running', 6),
      summary('c', 'consistency', 'running'),
    ];
    assert.deepEqual(mergeEvaluations(listed, received), [listed[0], received[0], received[1]]);
    assert.deepEqual(mergeEvaluations(listed, []), listed);
  });

  test('each kind: the latest evaluation for its status, the last finished for its result', () => {
    const list = [
      summary('a', 'clusters', 'finished'),
      summary('b', 'consistency', 'finished'),
      summary('c', 'clusters', 'running', 3),
    ];
    assert.deepEqual(evaluationOf(list, 'clusters'), { latest: list[2], finished: list[0] });
    assert.deepEqual(evaluationOf(list, 'consistency'), { latest: list[1], finished: list[1] });
    assert.deepEqual(evaluationOf([summary('d', 'clusters', 'failed')], 'clusters').finished, null);
    assert.deepEqual(evaluationOf([], 'clusters'), { latest: null, finished: null });
  });

  test('a seed is a whole number in the declared range', () => {
    assert.equal(clusterSeed('0'), 0);
    assert.equal(clusterSeed(' 42 '), 42);
    assert.equal(clusterSeed(String(CLUSTER_SEED_RANGE.max)), CLUSTER_SEED_RANGE.max);
    for (const bad of ['', '-1', '1.5', '1e3', 'seven', String(CLUSTER_SEED_RANGE.max + 1)])
      assert.equal(clusterSeed(bad), null, `"${bad}" is no seed`);
  });
});

describe('the Evaluation panel across projects', () => {
  test('another project is told by a new count; only maps of folders outlive it', () => {
    const switched = projectSwitches();
    assert.deepEqual(
      [1, 1, 2, 2, 3].map((opened) => switched(opened)),
      [false, false, true, false, true],
    );
    const kept = outlivingProject([
      summary('c1', 'consistency', 'finished'),
      summary('m1', 'clusters', 'finished'),
      summary('c2', 'consistency', 'running'),
    ]);
    assert.deepEqual(
      kept.map((e) => e.id),
      ['m1'],
    );
  });
});
