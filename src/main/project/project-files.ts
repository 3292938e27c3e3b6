// A project is a folder: project.json beside an audio/ folder holding every clip. project.json
// is written atomically (temporary file, fsync, rename), so a crash leaves the old or the new
// document, never half of one; audio files are complete before a document names them.
import { copyFile, lstat, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { PROJECT_FORMAT, PROJECT_VERSION, type ProjectDocument } from '../../shared/ipc-project';
import { writeFileAtomic } from '../fs/atomic-write';
import { releaseReservation, removeStaleFiles, reserveFile } from '../fs/stale-files';
import { documentSchema } from './document-schema';
import { fromVersion1 } from './document-upgrade';
import { ProjectError } from './errors';

export const PROJECT_FILE = 'project.json';
export const AUDIO_FOLDER = 'audio';

export function projectFile(folder: string): string {
  return join(folder, PROJECT_FILE);
}

export async function writeProjectFile(folder: string, document: ProjectDocument): Promise<void> {
  await writeFileAtomic(projectFile(folder), `${JSON.stringify(document, null, 2)}\n`);
}

/** Reads and checks project.json; every problem is a ProjectError naming the file. */
export async function readProjectFile(folder: string): Promise<ProjectDocument> {
  const file = projectFile(folder);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new ProjectError(
        'NOT_A_PROJECT',
        `${folder} is not a Timbrefold project: it has no ${PROJECT_FILE}.`,
        { cause: error },
      );
    throw new ProjectError('DAMAGED', `${file} could not be read (${code ?? 'unknown error'}).`, {
      cause: error,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ProjectError('DAMAGED', `${file} is damaged: it is not valid JSON.`, {
      cause: error,
    });
  }
  const header = z.object({ format: z.string(), version: z.number() }).safeParse(json);
  if (!header.success || header.data.format !== PROJECT_FORMAT)
    throw new ProjectError('NOT_A_PROJECT', `${file} is not a Timbrefold project file.`);
  if (header.data.version > PROJECT_VERSION)
    throw new ProjectError(
      'NEWER_VERSION',
      `${file} was saved by a newer Timbrefold (format ${header.data.version}); update the app to open it.`,
    );
  const parsed = documentSchema.safeParse(header.data.version === 1 ? fromVersion1(json) : json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'the document';
    throw new ProjectError(
      'DAMAGED',
      `${file} is damaged: ${where} ${issue?.message.toLowerCase() ?? 'is invalid'}.`,
    );
  }
  return parsed.data;
}

function safeAudioBase(wanted: string): string {
  return (
    basename(wanted)
      .replace(/(?<=.)\.[^.]*$/, '')
      .replace(/[^\w\- .()+]/g, '_')
      .replace(/^[.\s]+/, '')
      .slice(0, 80) || 'audio'
  );
}

/** A file name under audio/ that is not taken yet, from a name the user gave. */
export async function freshAudioName(folder: string, wanted: string): Promise<string> {
  const safe = safeAudioBase(wanted);
  const audio = join(folder, AUDIO_FOLDER);
  await mkdir(audio, { recursive: true });
  const taken = new Set((await readdir(audio)).map((n) => n.toLowerCase()));
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${safe}.wav` : `${safe} ${n}.wav`;
    if (!taken.has(name.toLowerCase())) return `${AUDIO_FOLDER}/${name}`;
  }
}

/**
 * Like freshAudioName, but the name is taken at once: a small marker file naming this process is
 * created exclusively (so two jobs started together, in this process or another, never get the
 * same name, nor the same recipe beside it). The result is written over it atomically;
 * `releaseAudioName` removes it when nothing was written, and a marker left by a process that
 * died is removed when the project is next opened (removeProjectLeftovers).
 */
export async function reserveAudioName(folder: string, wanted: string): Promise<string> {
  const safe = safeAudioBase(wanted);
  const audio = join(folder, AUDIO_FOLDER);
  await mkdir(audio, { recursive: true });
  const taken = new Set((await readdir(audio)).map((n) => n.toLowerCase()));
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${safe}.wav` : `${safe} ${n}.wav`;
    const recipe = `${name.slice(0, -4)}.recipe.json`;
    if (taken.has(name.toLowerCase()) || taken.has(recipe.toLowerCase())) continue;
    try {
      await reserveFile(join(audio, name));
      return `${AUDIO_FOLDER}/${name}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** Removes a reserved name's placeholder if nothing was written into it. */
export async function releaseAudioName(folder: string, file: string): Promise<void> {
  await releaseReservation(join(folder, file));
}

/**
 * Removes what dead processes left in a project: atomic writes' temporaries beside project.json
 * and in audio/, and result names reserved by renders that never finished. Files of any other
 * form are never touched. Returns the project-relative paths removed.
 */
export async function removeProjectLeftovers(folder: string): Promise<string[]> {
  const top = await removeStaleFiles(folder);
  const audio = await removeStaleFiles(join(folder, AUDIO_FOLDER));
  return [...top, ...audio.map((name) => `${AUDIO_FOLDER}/${name}`)];
}

/** Whether `folder` can take a new project: missing, or an empty folder. */
export async function assertUsableNewFolder(folder: string): Promise<void> {
  try {
    const info = await stat(folder);
    if (!info.isDirectory())
      throw new ProjectError(
        'FOLDER_IN_USE',
        `${folder} is a file; choose a folder name for the project.`,
      );
    const entries = (await readdir(folder)).filter((n) => !n.startsWith('.'));
    // Saving over another project would replace its document and any clips of the same name.
    if (entries.includes(PROJECT_FILE))
      throw new ProjectError(
        'FOLDER_IN_USE',
        `${folder} already holds a Timbrefold project; open it, or choose an empty or new folder for this one.`,
      );
    if (entries.length > 0)
      throw new ProjectError(
        'FOLDER_IN_USE',
        `${folder} already holds other files; choose an empty or new folder for the project.`,
      );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
}

/**
 * The absolute path of a file the document names, after checking that it is a plain file inside
 * the project folder: no part of the way is a symbolic link (or anything but a folder), so a
 * project never serves, copies or reads a file that lives elsewhere (a link to a private file).
 * Throws ProjectError('UNUSABLE_FILE') naming the path.
 */
export async function plainProjectFile(folder: string, file: string): Promise<string> {
  const root = resolve(folder);
  const target = resolve(root, file);
  const inside = relative(root, target);
  if (inside === '' || inside.startsWith('..') || resolve(inside) === inside)
    throw new ProjectError('UNUSABLE_FILE', `${file} is not inside the project folder.`);
  const parts = inside.split(sep);
  let path = root;
  for (const [i, part] of parts.entries()) {
    path = join(path, part);
    const info = await lstat(path).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new ProjectError('UNUSABLE_FILE', `${path} was not found.`, { cause: error });
      throw error;
    });
    const last = i === parts.length - 1;
    if (last ? !info.isFile() : !info.isDirectory())
      throw new ProjectError(
        'UNUSABLE_FILE',
        `${path} is ${info.isSymbolicLink() ? 'a symbolic link' : 'not a plain file'}; a project only uses files inside its own folder, so it is treated as missing.`,
      );
  }
  return target;
}

/** Copies every file the document names (clips, recipes) from one project folder to another. */
export async function copyProjectAudio(
  from: string,
  to: string,
  document: ProjectDocument,
): Promise<void> {
  const files = new Set<string>();
  for (const track of document.tracks) {
    files.add(track.clip.file);
    if (track.recipe?.recipeFile) files.add(track.recipe.recipeFile);
  }
  for (const file of files) {
    const source = join(from, file);
    const target = join(to, file);
    if (resolve(source) === resolve(target)) continue;
    try {
      // Never a link's target (nor a folder): such a clip stays missing in the copy.
      await plainProjectFile(from, file);
    } catch {
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    try {
      await copyFile(source, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      // A missing clip stays missing in the copy; the editor marks it.
    }
  }
}
