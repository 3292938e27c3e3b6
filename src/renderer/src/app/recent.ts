// The Recent list, fetched from the main process (recent-label.ts names its entries).
import { useCallback, useEffect, useState } from 'react';
import type { RecentProject } from '../../../shared/ipc-project';

/** The list, fetched again when `key` changes and on demand (the menu is about to open). */
export function useRecentProjects(key: string): [RecentProject[], () => void] {
  const [recent, setRecent] = useState<RecentProject[]>([]);
  const refresh = useCallback(() => {
    void window.timbrefold.recentProjects().then(setRecent, () => setRecent([]));
  }, []);
  useEffect(refresh, [key, refresh]);
  return [recent, refresh];
}
