// What every part of the editor shares: the transport, the lane view, the spectrogram display.
import { createContext, useContext } from 'react';
import type { MethodInfo } from '../../../shared/ipc-jobs';
import type { SpectrogramView } from '../../../shared/ipc-lanes';
import type { LaneView } from '../lanes/zoom';
import type { Store } from '../state/store';
import type { Transport } from '../state/transport';

export interface EditorContextValue {
  transport: Transport;
  view: Store<LaneView>;
  /** End of the session timeline (the last clip's end). */
  sessionEnd: number;
  display: SpectrogramView;
  host: 'electron' | 'test-host';
  /** The transfer methods with their parameter declarations (empty until the host answers). */
  methods: MethodInfo[];
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('useEditor() outside the editor');
  return value;
}
