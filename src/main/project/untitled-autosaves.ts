// Untitled sessions live and autosave in the app's data folder (untitled/<time>-<id>) until the
// user saves them elsewhere. Those with tracks are offered again under Recent, newest first, so
// New or a crash never loses one.
import { readdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { RecentProject } from '../../shared/ipc-project';
import { projectFile, readProjectFile } from './project-files';

/** How many untitled autosaves Recent offers. */
const MAX_AUTOSAVES = 6;

export function untitledFolder(dataDir: string): string {
  return join(dataDir, 'untitled');
}

/** Whether a folder is one of the app's untitled sessions (directly under untitled/). */
export function isUntitledFolder(dataDir: string, folder: string): boolean {
  return dirname(resolve(folder)) === resolve(untitledFolder(dataDir));
}

/** The untitled sessions that have tracks, but `current`, newest first; `openedAt` is the last autosave. */
export async function untitledAutosaves(
  dataDir: string,
  current: string | null,
): Promise<RecentProject[]> {
  const root = untitledFolder(dataDir);
  const names = await readdir(root).catch(() => [] as string[]);
  const found: RecentProject[] = [];
  for (const name of names) {
    const folder = join(root, name);
    if (current !== null && resolve(current) === folder) continue;
    try {
      const document = await readProjectFile(folder);
      if (document.tracks.length === 0) continue;
      const saved = await stat(projectFile(folder));
      found.push({ folder, name: document.name, openedAt: saved.mtimeMs, autosaved: true });
    } catch {
      // Damaged or half-written: not offered (the folder is left as it is).
    }
  }
  return found.sort((a, b) => b.openedAt - a.openedAt).slice(0, MAX_AUTOSAVES);
}
