// Writes a folder of files so that readers see the old folder or the complete new one: the files
// go into a hidden temporary folder beside the target (each flushed to disk), which is then
// renamed into place; an old folder is renamed away first and removed after.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';

export async function writeFolderAtomic(
  target: string,
  files: Readonly<Record<string, Uint8Array | string>>,
): Promise<void> {
  const parent = dirname(target);
  const name = basename(target);
  await mkdir(parent, { recursive: true });
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temp = join(parent, `.${name}.${tag}.tmp`);
  await mkdir(temp);
  try {
    for (const [file, data] of Object.entries(files)) await writeFileAtomic(join(temp, file), data);
    if ((await stat(target).catch(() => undefined)) !== undefined) {
      const old = join(parent, `.${name}.${tag}.old`);
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
