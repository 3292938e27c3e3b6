// Refuses to write over files that must stay untouched (a command's own inputs). Compares real
// paths, and device + inode where both exist, so "./a.wav", a symlink to it, a hard link or a
// case-variant name on a case-insensitive disk are all caught.
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { FileWriteError } from './errors';

async function canonical(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch {
    // The file may not exist yet; its folder may.
    try {
      return join(await realpath(dirname(absolute)), basename(absolute));
    } catch {
      return absolute;
    }
  }
}

async function identity(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    return `${info.dev}:${info.ino}`;
  } catch {
    return undefined;
  }
}

/** Throws FileWriteError('PROTECTED') if `target` names the same file as any of `protectedPaths`. */
export async function assertNotProtected(
  target: string,
  protectedPaths: readonly string[],
): Promise<void> {
  if (protectedPaths.length === 0) return;
  const targetPath = await canonical(target);
  const targetId = await identity(target);
  for (const path of protectedPaths) {
    const same =
      (await canonical(path)) === targetPath ||
      (targetId !== undefined && (await identity(path)) === targetId);
    if (same) {
      throw new FileWriteError(
        'PROTECTED',
        target,
        `Refusing to overwrite ${basename(target)}: it is one of the input files. Choose another output name.`,
      );
    }
  }
}
