// Lane data per clip, fetched once from the main process (the analysis runs in its media worker).
import { useEffect, useState } from 'react';
import type { LaneData } from '../../../shared/ipc-lanes';
import { messageOf } from '../app/notices';

const cache = new Map<string, Promise<LaneData>>();

export function useLanes(
  trackId: string,
  clipId: string,
): { lanes: LaneData | null; error: string | null } {
  const [state, setState] = useState<{ lanes: LaneData | null; error: string | null }>({
    lanes: null,
    error: null,
  });
  useEffect(() => {
    let live = true;
    let request = cache.get(clipId);
    if (!request) {
      request = window.timbrefold.getLanes(trackId);
      cache.set(clipId, request);
      request.catch(() => cache.delete(clipId));
    }
    request.then(
      (lanes) => live && setState({ lanes, error: null }),
      (error: unknown) => live && setState({ lanes: null, error: messageOf(error) }),
    );
    return () => {
      live = false;
    };
  }, [trackId, clipId]);
  return state;
}
