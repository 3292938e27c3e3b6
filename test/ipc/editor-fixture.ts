// A real editor (handler table, project folder, media worker, engine runner) for IPC tests, with
// its events recorded and its dialogs answered from a queue.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  IpcCalls,
  IpcChannel,
  IpcEventName,
  IpcEvents,
  IpcReply,
} from '../../src/shared/ipc-channels';
import { createTimbrefoldApi } from '../../src/shared/ipc-client';
import type { TimbrefoldApi } from '../../src/shared/api';
import { ScriptedDialogs } from '../../src/main/ipc/dialogs';
import { Editor } from '../../src/main/ipc/editor';
import { createHandlerTable, type HandlerTable } from '../../src/main/ipc/handler-table';

export interface EditorFixture {
  editor: Editor;
  table: HandlerTable;
  dialogs: ScriptedDialogs;
  dataDir: string;
  events: { event: IpcEventName; payload: unknown }[];
  /** The page's API object over the handler table, as the preload and the test host build it. */
  api: TimbrefoldApi;
  call<C extends IpcChannel>(
    channel: C,
    ...args: unknown[]
  ): Promise<IpcReply<IpcCalls[C]['result']>>;
  close(): Promise<void>;
}

export async function editorFixture(
  options: {
    autosaveDelayMs?: number;
    /** The desktop app's Show in folder (the test host has none). */
    showInFolder?: (file: string) => void;
  } = {},
): Promise<EditorFixture> {
  const dataDir = await mkdtemp(join(tmpdir(), 'timbrefold-ipc-'));
  const dialogs = new ScriptedDialogs();
  const events: EditorFixture['events'] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const editor = new Editor(
    {
      info: { name: 'Timbrefold', version: 'test', host: 'test-host', platform: process.platform },
      dialogs,
      mediaUrl: (path) => `http://media.test${path}`,
      ...(options.showInFolder && { showInFolder: options.showInFolder }),
      emit: <E extends IpcEventName>(event: E, payload: IpcEvents[E]) => {
        events.push({ event, payload });
        for (const listener of listeners.get(event) ?? []) listener(payload);
      },
    },
    { dataDir, autosaveDelayMs: options.autosaveDelayMs ?? 50 },
  );
  await editor.start();
  const table = createHandlerTable(editor);
  const api = createTimbrefoldApi({
    invoke: (channel, args) => table[channel](args),
    subscribe: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
    pathForFile: () => null,
  });
  return {
    editor,
    table,
    dialogs,
    dataDir,
    events,
    api,
    call: (channel, ...args) => table[channel](args) as never,
    async close() {
      await editor.shutdown();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
