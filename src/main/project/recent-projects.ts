// The recent-projects list and the last open project, kept in the app's data folder.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { RecentProject } from '../../shared/ipc-project';
import { writeFileAtomic } from '../fs/atomic-write';
import { untitledAutosaves } from './untitled-autosaves';

const MAX_RECENT = 12;
const recentSchema = z.object({
  last: z.string().nullable(),
  recent: z.array(z.object({ folder: z.string(), name: z.string(), openedAt: z.number() })),
});
type RecentFile = z.infer<typeof recentSchema>;

export class RecentProjects {
  private readonly file: string;
  constructor(private readonly dataDir: string) {
    this.file = join(dataDir, 'recent-projects.json');
  }

  private async read(): Promise<RecentFile> {
    try {
      const parsed = recentSchema.safeParse(JSON.parse(await readFile(this.file, 'utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // Missing or damaged: start a new list (it is only a convenience).
    }
    return { last: null, recent: [] };
  }

  async list(): Promise<RecentProject[]> {
    return (await this.read()).recent;
  }

  /** The list, then the untitled sessions autosaved in the data folder (but `current`). */
  async withAutosaves(current: string | null): Promise<RecentProject[]> {
    return [...(await this.list()), ...(await untitledAutosaves(this.dataDir, current))];
  }

  /** The project open when the app last closed, if any. */
  async last(): Promise<string | null> {
    return (await this.read()).last;
  }

  /** Records the project now open; `listed` false keeps untitled scratch projects off the list. */
  async opened(folder: string, name: string, listed: boolean): Promise<void> {
    const data = await this.read();
    const absolute = resolve(folder);
    const recent = listed
      ? [
          { folder: absolute, name, openedAt: Date.now() },
          ...data.recent.filter((r) => r.folder !== absolute),
        ].slice(0, MAX_RECENT)
      : data.recent;
    await writeFileAtomic(this.file, JSON.stringify({ last: absolute, recent }, null, 2));
  }
}
