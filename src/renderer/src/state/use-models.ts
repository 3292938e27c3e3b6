// The model cache and the trainings as the page keeps them: one list of models shared by the
// transfer panel (its model chooser) and the Models panel, refreshed after every change, and the
// trainings fed by training:update events (kept while the Models panel is closed).
import { useEffect, useState } from 'react';
import type { ModelInfo, TrainingSummary } from '../../../shared/ipc-models';
import { attempt } from '../app/notices';
import { Store, useStore } from './store';

export const models = new Store<ModelInfo[] | null>(null);

export async function refreshModels(): Promise<void> {
  const list = await attempt(window.timbrefold.listModels());
  if (list) models.set(list);
}

export function useModels(): ModelInfo[] | null {
  const list = useStore(models);
  useEffect(() => {
    if (models.get() === null) void refreshModels();
  }, []);
  return list;
}

export type TrainingsById = Record<string, TrainingSummary>;

/** Every training of this session, newest last; a finished one refreshes the model list. */
export function useTrainings(): TrainingSummary[] {
  const [trainings, setTrainings] = useState<TrainingsById>({});
  useEffect(() => {
    const off = window.timbrefold.on('training:update', (summary) => {
      setTrainings((t) => ({ ...t, [summary.id]: summary }));
      if (summary.state === 'finished') void refreshModels();
    });
    void attempt(window.timbrefold.listTrainings()).then((list) => {
      if (list)
        setTrainings((current) => ({
          ...Object.fromEntries(list.map((t) => [t.id, t])),
          ...current,
        }));
    });
    return off;
  }, []);
  return Object.values(trainings);
}
