// Writes a file so that it is either the old file or the complete new one, never half of each:
// data goes to a temporary file in the same folder, is flushed to disk (fsync), then renamed over
// the target (atomic on one file system), and the folder entry is flushed too. On any failure the
// temporary file is removed and the old file is left as it was. A crash (power loss, kill -9)
// can at worst leave a hidden ".name.PID-xxxxxxxx.tmp" file beside the target, never a partial
// target; the next write to that folder removes such leftovers of dead processes (stale-files.ts).
import { open, rename, rm, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { FileWriteError, isSystemError } from './errors';
import type { FileWriteErrorCode } from './errors';
import { assertNotProtected } from './protected-paths';
import { removeStaleFiles, temporaryPath } from './stale-files';

/** Bytes, text (UTF-8), or blocks produced on the fly (a generator that throws aborts the write). */
export type AtomicWriteData =
  Uint8Array | string | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

export interface AtomicWriteOptions {
  /** Paths that must never be overwritten (e.g. the inputs of the command writing this file). */
  protect?: readonly string[];
  /** File mode for a new file; an existing file keeps its own mode. */
  mode?: number;
}

/** Maps a Node file-system error met while saving `path` to FileWriteError; others unchanged. */
export function fileSystemWriteError(error: unknown, path: string): unknown {
  if (!isSystemError(error)) return error;
  const code = error.code;
  const name = basename(path);
  const folder = dirname(resolve(path));
  const make = (kind: FileWriteErrorCode, why: string) =>
    new FileWriteError(kind, path, `Cannot save ${name}: ${why}`, { cause: error });
  switch (code) {
    case 'ENOENT':
      return make('FOLDER_NOT_FOUND', `the folder ${folder} does not exist.`);
    case 'ENOTDIR':
      return make('FOLDER_NOT_FOUND', `${folder} is not a folder.`);
    case 'EISDIR':
      return make('IS_A_FOLDER', 'a folder of that name is in the way.');
    case 'EACCES':
    case 'EPERM':
      return make('PERMISSION_DENIED', `no permission to write in ${folder}.`);
    case 'EROFS':
      return make('READ_ONLY', `${folder} is on a read-only disk.`);
    case 'ENOSPC':
    case 'EDQUOT':
      return make('DISK_FULL', 'the disk is full. Free some space and try again.');
    case 'ENAMETOOLONG':
      return make('WRITE_FAILED', 'the name or path is too long.');
    default:
      return make('WRITE_FAILED', `the system reported ${code}.`);
  }
}

async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done);
    done += bytesWritten;
  }
}

async function writeData(handle: FileHandle, data: AtomicWriteData): Promise<void> {
  if (typeof data === 'string') return writeAll(handle, Buffer.from(data, 'utf8'));
  if (data instanceof Uint8Array) return writeAll(handle, data);
  for await (const block of data) await writeAll(handle, block);
}

/** Flushes the folder entry of the rename; not possible on every platform, so best effort. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot open folders; the rename itself is still atomic there.
  }
}

/** The mode to give the new file: the existing target's, else the caller's, else the default. */
async function targetMode(
  target: string,
  requested: number | undefined,
): Promise<number | undefined> {
  try {
    const info = await stat(target);
    if (info.isDirectory()) {
      throw new FileWriteError(
        'IS_A_FOLDER',
        target,
        `Cannot save ${basename(target)}: a folder of that name is in the way.`,
      );
    }
    return info.mode & 0o7777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return requested;
    throw error;
  }
}

export async function writeFileAtomic(
  path: string,
  data: AtomicWriteData,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const target = resolve(path);
  const folder = dirname(target);
  let temp: string | undefined;
  let handle: FileHandle | undefined;
  try {
    await assertNotProtected(target, options.protect ?? []);
    const mode = await targetMode(target, options.mode);
    temp = temporaryPath(folder, target);
    handle = await open(temp, 'wx', mode ?? 0o666);
    if (mode !== undefined) await handle.chmod(mode); // open's mode is masked by the umask
    await writeData(handle, data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, target);
    temp = undefined;
  } catch (error) {
    await handle?.close().catch(() => undefined);
    if (temp !== undefined) await rm(temp, { force: true }).catch(() => undefined);
    throw fileSystemWriteError(error, path);
  }
  await syncFolder(folder);
  await removeStaleFiles(folder);
}
