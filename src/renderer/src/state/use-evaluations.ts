// The evaluations as the panel shows them: the main process's updates while the panel is open,
// and its list when the panel opens, so nothing sent while it was closed is missed.
import { useEffect } from 'react';
import type { EvaluationSummary } from '../../../shared/ipc-evaluation';
import { attempt } from '../app/notices';
import { mergeEvaluations, withEvaluation } from './evaluation-list';
import { evaluations } from './evaluation-state';
import { useStore } from './store';

/** Follows the evaluations while the panel is open; catches up with the main process on open. */
export function useEvaluations(): EvaluationSummary[] {
  const list = useStore(evaluations);
  useEffect(() => {
    const received: EvaluationSummary[] = [];
    const off = window.timbrefold.on('evaluation:update', (summary) => {
      received.push(summary);
      evaluations.update((l) => withEvaluation(l, summary));
    });
    void attempt(window.timbrefold.listEvaluations()).then((listed) => {
      if (listed) evaluations.set(mergeEvaluations(listed, received));
    });
    return off;
  }, []);
  return list;
}
