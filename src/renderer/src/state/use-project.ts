// The open project as React state: the latest snapshot from the main process (by revision).
import { useEffect, useState } from 'react';
import type { ProjectEdit, ProjectSnapshot } from '../../../shared/ipc-project';
import { attempt } from '../app/notices';

export function useProject(): ProjectSnapshot | null {
  const [snapshot, setSnapshot] = useState<ProjectSnapshot | null>(null);
  useEffect(() => {
    const accept = (next: ProjectSnapshot): void =>
      setSnapshot((current) => (current && current.revision > next.revision ? current : next));
    const off = window.timbrefold.on('project:changed', accept);
    void attempt(window.timbrefold.getProject()).then((s) => s && accept(s));
    return off;
  }, []);
  return snapshot;
}

/** Sends an edit; the new snapshot arrives through project:changed. */
export function edit(change: ProjectEdit): void {
  void attempt(window.timbrefold.editProject(change));
}
