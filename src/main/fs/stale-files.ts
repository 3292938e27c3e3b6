// Files our own writes leave behind when a process dies in the middle (kill -9, power loss):
//   - an atomic write's hidden temporary ".NAME.PID-xxxxxxxx.tmp" (atomic-write.ts), full size;
//   - a reserved result name (reserveFile): a small file holding only RESERVED_MARK and its PID,
//     which a render writes its result over when it finishes.
// Both carry the PID of the process that made them, so a later process can tell one whose maker
// is gone. Only files of exactly these forms are ever removed; nothing else in a folder is
// touched, whatever its name.
import { randomBytes } from 'node:crypto';
import { link, lstat, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Hidden, unique, short enough for any file system's name limit; the PID says whose it is. */
export function temporaryPath(folder: string, target: string): string {
  return join(folder, `.${basename(target).slice(0, 80)}.${ownerTag()}.tmp`);
}

/** "PID-xxxxxxxx": this process, and a random part so that two names of one process differ. */
export function ownerTag(): string {
  return `${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** The PID in one of our temporary names, or undefined for any other name. */
export function temporaryOwner(name: string): number | undefined {
  const match = /^\..+\.(\d{1,10})-[0-9a-f]{8}\.tmp$/.exec(name);
  return match ? Number(match[1]) : undefined;
}

const RESERVED_PREFIX = 'Timbrefold: reserved for a result being made by process ';
const RESERVED_PATTERN = new RegExp(`^${RESERVED_PREFIX}(\\d{1,10})\\n$`);
/** Longer than any marker, so larger files are never read to find out. */
const RESERVED_MAX_BYTES = RESERVED_PREFIX.length + 12;

/** Hard links are missing on some file systems (FAT, exFAT, some network shares). */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

/**
 * Takes a file name at once with a marker naming this process; throws the system's EEXIST when
 * the name is taken. The owner writes the real file over it. The marker is written to a
 * temporary first and linked to the name (exclusive, like 'wx'): the name never exists empty,
 * so a kill at any moment leaves either nothing, a temporary, or a whole marker, each of which
 * removeStaleFiles knows as ours.
 */
export async function reserveFile(path: string): Promise<void> {
  const marker = `${RESERVED_PREFIX}${process.pid}\n`;
  const temporary = temporaryPath(dirname(path), path);
  await writeFile(temporary, marker, { flag: 'wx' });
  try {
    await link(temporary, path);
  } catch (error) {
    if (!NO_HARD_LINKS.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    // No hard links here: create, then write. A kill between the two leaves an empty file.
    const handle = await open(path, 'wx');
    try {
      await handle.writeFile(marker);
    } finally {
      await handle.close();
    }
  } finally {
    await rm(temporary, { force: true });
  }
}

/** The PID in a reservation marker file, or undefined when the file is anything else. */
async function reservationOwner(path: string): Promise<number | undefined> {
  const info = await lstat(path).catch(() => undefined);
  if (!info?.isFile() || info.size > RESERVED_MAX_BYTES) return undefined;
  const text = await readFile(path, 'utf8').catch(() => '');
  const match = RESERVED_PATTERN.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** Removes a reservation that was never written over; anything else at `path` stays. */
export async function releaseReservation(path: string): Promise<void> {
  if ((await reservationOwner(path)) !== undefined) await rm(path, { force: true });
}

/** Whether a process of that PID exists (EPERM: it exists but belongs to another user). */
export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A leftover whose maker is alive is kept unless it is older than this: the age matters only
 * when a dead maker's PID has been given to another process since. A day is far beyond any of
 * our writes (seconds: the largest, a 10-minute export, is 235 MB) and any render a result name
 * is reserved for (minutes), and short enough that a reused PID cannot keep litter for long.
 */
export const STALE_AGE_MS = 24 * 60 * 60 * 1000;

export interface StaleFileOptions {
  now?: number;
  maxAgeMs?: number;
  /** Whether a PID is alive (tests replace it). */
  alive?: (pid: number) => boolean;
}

/**
 * Whether a leftover made by process `owner`, last changed at `mtimeMs`, is litter: its maker is
 * gone, or it is older than the maximum age.
 */
export function isStale(owner: number, mtimeMs: number, options: StaleFileOptions = {}): boolean {
  const now = options.now ?? Date.now();
  const alive = options.alive ?? processAlive;
  return !alive(owner) || now - mtimeMs > (options.maxAgeMs ?? STALE_AGE_MS);
}

/**
 * Removes, from `folder` only (not below it, and not through a link), our temporaries and reservations whose process is
 * gone or that are older than STALE_AGE_MS. Returns the names removed. Best effort: a folder or
 * file that cannot be read or removed is left as it is.
 */
export async function removeStaleFiles(
  folder: string,
  options: StaleFileOptions = {},
): Promise<string[]> {
  let entries;
  try {
    // A folder that is a link (a project's audio/ pointing elsewhere) is not ours to tidy.
    if (!(await lstat(folder)).isDirectory()) return [];
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue; // never a link, a folder or a device
    const path = join(folder, entry.name);
    const owner =
      temporaryOwner(entry.name) ??
      (/\.wav$/i.test(entry.name) ? await reservationOwner(path) : undefined);
    if (owner === undefined) continue;
    const info = await lstat(path).catch(() => undefined);
    if (!info?.isFile()) continue;
    if (!isStale(owner, info.mtimeMs, options)) continue;
    try {
      await rm(path);
      removed.push(entry.name);
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
  return removed;
}
