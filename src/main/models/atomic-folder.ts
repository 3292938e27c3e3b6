// Writes a folder of files so that readers see the old folder or the complete new one: the files
// go into a hidden temporary folder beside the target (each flushed to disk), which is then
// renamed into place; an old folder is renamed away first and removed after. What a killed
// writer leaves (the temporary, or the old folder renamed away) is tidied on the next write and
// when the model cache is first listed: an old folder whose replacement never arrived comes back.
import { lstat, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';
import { isStale, ownerTag, type StaleFileOptions } from '../fs/stale-files';

/** A folder being written (tmp), replaced (old) or deleted, with its writer's PID. */
const LEFTOVER = /^\.(.+)\.(\d{1,10})-[0-9a-f]{8}\.(tmp|old|deleted)$/;

/** A hidden name for `name` in one of those states, tagged with this process's PID. */
export function leftoverName(name: string, state: 'tmp' | 'old' | 'deleted'): string {
  return `.${name}.${ownerTag()}.${state}`;
}

/**
 * Tidies what killed folder writes left directly in `parent`, when their process is gone or they
 * are over a day old: temporaries and half-deleted folders are removed, and an old folder whose
 * replacement never arrived is put back. Returns what it did, by name. Best effort, like
 * removeStaleFiles: anything it cannot read or change is left.
 */
export async function tidyFolderWrites(
  parent: string,
  options: StaleFileOptions = {},
): Promise<string[]> {
  const entries = await readdir(parent, { withFileTypes: true }).catch(() => []);
  const done: string[] = [];
  for (const entry of entries) {
    const match = LEFTOVER.exec(entry.name);
    if (!match || !entry.isDirectory()) continue; // never a link or a file
    const [, name, pid, state] = match;
    const path = join(parent, entry.name);
    const info = await lstat(path).catch(() => undefined);
    if (!info?.isDirectory()) continue;
    if (!isStale(Number(pid), info.mtimeMs, options)) continue;
    try {
      const target = join(parent, name!);
      if (state === 'old' && (await lstat(target).catch(() => undefined)) === undefined) {
        await rename(path, target);
        done.push(`restored ${name}`);
      } else {
        await rm(path, { recursive: true, force: true });
        done.push(`removed ${entry.name}`);
      }
    } catch {
      // Not ours to change after all: leave it.
    }
  }
  return done;
}

export async function writeFolderAtomic(
  target: string,
  files: Readonly<Record<string, Uint8Array | string>>,
): Promise<void> {
  const parent = dirname(target);
  const name = basename(target);
  await mkdir(parent, { recursive: true });
  await tidyFolderWrites(parent);
  const temp = join(parent, leftoverName(name, 'tmp'));
  await mkdir(temp);
  try {
    for (const [file, data] of Object.entries(files)) await writeFileAtomic(join(temp, file), data);
    if ((await stat(target).catch(() => undefined)) !== undefined) {
      const old = join(parent, leftoverName(name, 'old'));
      await rename(target, old);
      await rename(temp, target);
      await rm(old, { recursive: true, force: true });
    } else {
      await rename(temp, target);
    }
  } catch (error) {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
}
