// The editor's file dialogs in a browser: the host asks the page that made the call to draw its
// in-page chooser of the host's folders, answers the chooser's folder listings, and checks the
// answer (a new name is one plain name, never a path) before the editor sees it.
import { readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, extname, join, parse, resolve } from 'node:path';
import { z } from 'zod';
import type { Dialogs } from '../main/ipc/dialogs';
import type { DialogKind } from '../shared/dialog-kinds';
import type {
  HostDialogAnswer,
  HostDialogMessage,
  HostDialogRequest,
  HostFolderEntry,
  HostFolderListing,
} from '../shared/host-dialogs';

const AUDIO_EXTENSIONS = [
  '.wav',
  '.wave',
  '.mp3',
  '.flac',
  '.ogg',
  '.oga',
  '.opus',
  '.m4a',
  '.aac',
  '.webm',
];
const MODEL_EXTENSIONS = ['.tfmodel'];
const CSV_EXTENSIONS = ['.csv'];

/** What each dialog lets the user pick, and where it starts. */
export function dialogRequest(kind: DialogKind, suggestedName?: string): HostDialogRequest {
  switch (kind) {
    case 'audio-files':
      return {
        kind,
        mode: 'files',
        title: 'Import audio from the host',
        extensions: AUDIO_EXTENSIONS,
      };
    case 'project-folder':
      return { kind, mode: 'folder', title: 'Open a project folder', extensions: [] };
    case 'save-folder':
      return {
        kind,
        mode: 'new-name',
        title: 'Save the project as a new folder',
        suggestedName:
          suggestedName === undefined || suggestedName === 'Untitled'
            ? 'My Timbrefold Project'
            : suggestedName,
        extensions: [],
      };
    case 'export-folder':
      return { kind, mode: 'folder', title: 'Export stems to a folder', extensions: [] };
    case 'model-file':
      return { kind, mode: 'file', title: 'Import a model file', extensions: MODEL_EXTENSIONS };
    case 'model-folder':
      return { kind, mode: 'folder', title: 'Import a model folder', extensions: [] };
    case 'model-export':
      return {
        kind,
        mode: 'new-name',
        title: 'Export the model to a file',
        suggestedName: `${suggestedName ?? 'model'}.tfmodel`,
        extensions: MODEL_EXTENSIONS,
      };
    case 'ratings-export':
      return {
        kind,
        mode: 'new-name',
        title: 'Export the ratings as CSV',
        suggestedName: `${suggestedName ?? 'ratings'}.csv`,
        extensions: CSV_EXTENSIONS,
      };
    case 'training-folder':
      return {
        kind,
        mode: 'folder',
        title: 'Training data (one folder of clips per class)',
        extensions: [],
      };
  }
}

/** A host folder as the chooser shows it: visible folders, then the files the dialog can pick. */
export async function listHostFolder(
  path: string,
  extensions: string[],
): Promise<HostFolderListing> {
  const folder = resolve(path);
  const entries: HostFolderEntry[] = [];
  for (const dirent of await readdir(folder, { withFileTypes: true })) {
    if (dirent.name.startsWith('.')) continue;
    const entryPath = join(folder, dirent.name);
    let isFolder = dirent.isDirectory();
    let isFile = dirent.isFile();
    if (dirent.isSymbolicLink()) {
      const target = await stat(entryPath).catch(() => null);
      isFolder = target?.isDirectory() ?? false;
      isFile = target?.isFile() ?? false;
    }
    if (isFolder) entries.push({ name: dirent.name, path: entryPath, folder: true });
    else if (isFile && extensions.includes(extname(dirent.name).toLowerCase()))
      entries.push({ name: dirent.name, path: entryPath, folder: false });
  }
  entries.sort((a, b) =>
    a.folder !== b.folder ? (a.folder ? -1 : 1) : a.name.localeCompare(b.name),
  );
  return { path: folder, parent: parse(folder).root === folder ? null : dirname(folder), entries };
}

/** The chooser's answer as the editor's dialogs return it, or null when it is not acceptable. */
export function answerPaths(request: HostDialogRequest, answer: HostDialogAnswer): string[] | null {
  if ('cancelled' in answer) return null;
  if ('name' in answer) {
    if (request.mode !== 'new-name') return null;
    const name = answer.name.trim();
    // One plain name: no separators, no way up, nothing hidden.
    if (name === '' || name.startsWith('.') || basename(name) !== name || /[\\/]/.test(name))
      return null;
    return [join(resolve(answer.folder), name)];
  }
  if (answer.paths.length === 0 || request.mode === 'new-name') return null;
  if (request.mode !== 'files' && answer.paths.length !== 1) return null;
  return answer.paths.map((p) => resolve(p));
}

const PATH = z.string().min(1).max(4096);
/** What a page may send about a chooser; anything else closes its socket. */
export const PAGE_DIALOG_MESSAGE = z.discriminatedUnion('type', [
  z.object({ type: z.literal('dialog-list'), id: z.number().int(), path: PATH }).strict(),
  z
    .object({
      type: z.literal('dialog-answer'),
      id: z.number().int(),
      answer: z.union([
        z.object({ paths: z.array(PATH).max(1000) }).strict(),
        z.object({ folder: PATH, name: z.string().max(255) }).strict(),
        z.object({ cancelled: z.literal(true) }).strict(),
      ]),
    })
    .strict(),
]);

/** Sends one message to the page that made the call; false when it has gone. */
export type PageChannel = (message: HostDialogMessage) => boolean;

interface Pending {
  request: HostDialogRequest;
  /** Every folder and file this dialog has shown: the only paths its answer may name. */
  offered: Set<string>;
  resolve(paths: string[] | null): void;
}

function offer(offered: Set<string>, listing: HostFolderListing): void {
  offered.add(listing.path);
  for (const entry of listing.entries) offered.add(entry.path);
}

export class PageDialogs implements Dialogs {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Where the choosers start: the last folder chosen in, or the user's home. */
  private lastFolder = homedir();

  constructor(private readonly page: () => PageChannel | null) {}

  /** A message from the page's chooser. */
  async receive(message: HostDialogMessage, reply: PageChannel): Promise<void> {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.type === 'dialog-list') {
      try {
        const listing = await listHostFolder(message.path, pending.request.extensions);
        offer(pending.offered, listing);
        reply({ type: 'dialog-listing', id: message.id, listing });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const problem =
          code === 'EACCES' || code === 'EPERM'
            ? `${message.path} cannot be read (permission denied).`
            : `${message.path} is not a folder that can be listed.`;
        reply({ type: 'dialog-listing', id: message.id, problem });
      }
    } else if (message.type === 'dialog-answer') {
      this.pending.delete(message.id);
      const answer = message.answer;
      const named = 'paths' in answer ? answer.paths : 'folder' in answer ? [answer.folder] : [];
      // A page that answers with a path its chooser never showed is refused, not obeyed.
      const shown = named.every((p) => pending.offered.has(resolve(p)));
      const paths = shown ? answerPaths(pending.request, answer) : null;
      if (paths?.[0] !== undefined)
        this.lastFolder = pending.request.mode === 'folder' ? paths[0] : dirname(paths[0]);
      pending.resolve(paths);
    }
  }

  /** The page went away: its open choosers answer "cancelled". */
  cancelAll(): void {
    for (const pending of this.pending.values()) pending.resolve(null);
    this.pending.clear();
  }

  private async ask(kind: DialogKind, suggestedName?: string): Promise<string[] | null> {
    const send = this.page();
    if (!send) return null;
    const request = dialogRequest(kind, suggestedName);
    const start = await listHostFolder(this.lastFolder, request.extensions).catch(() =>
      listHostFolder(homedir(), request.extensions),
    );
    const id = this.nextId++;
    return new Promise((resolvePaths) => {
      const offered = new Set<string>();
      offer(offered, start);
      this.pending.set(id, { request, offered, resolve: resolvePaths });
      if (!send({ type: 'dialog', id, request, start })) {
        this.pending.delete(id);
        resolvePaths(null);
      }
    });
  }

  chooseAudioFiles(): Promise<string[] | null> {
    return this.ask('audio-files');
  }
  async chooseProjectFolder(): Promise<string | null> {
    return (await this.ask('project-folder'))?.[0] ?? null;
  }
  async chooseSaveFolder(suggestedName: string): Promise<string | null> {
    return (await this.ask('save-folder', suggestedName))?.[0] ?? null;
  }
  async chooseExportFolder(): Promise<string | null> {
    return (await this.ask('export-folder'))?.[0] ?? null;
  }
  async chooseModelFile(): Promise<string | null> {
    return (await this.ask('model-file'))?.[0] ?? null;
  }
  async chooseModelFolder(): Promise<string | null> {
    return (await this.ask('model-folder'))?.[0] ?? null;
  }
  async chooseModelExportFile(suggestedName: string): Promise<string | null> {
    return (await this.ask('model-export', suggestedName))?.[0] ?? null;
  }
  async chooseRatingsExportFile(suggestedName: string): Promise<string | null> {
    return (await this.ask('ratings-export', suggestedName))?.[0] ?? null;
  }
  async chooseTrainingFolder(): Promise<string | null> {
    return (await this.ask('training-folder'))?.[0] ?? null;
  }
}
