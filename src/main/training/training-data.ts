// Where the training clips are and what class each belongs to. Two layouts: a folder with one
// subfolder per class (the user's own sounds; WAV files anywhere below each class folder), and
// NSynth's (examples.json naming each note's instrument family, audio/NAME.wav).
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { TrainingDataError } from './errors';

export type DataLayout = 'auto' | 'folders' | 'nsynth';

export interface LabelledClip {
  path: string;
  className: string;
  /** Index into TrainingData.classes. */
  label: number;
}

export interface TrainingData {
  root: string;
  layout: 'folders' | 'nsynth';
  /** Class names, sorted (folders) or in the order asked for. */
  classes: string[];
  clips: LabelledClip[];
}

export interface FindOptions {
  layout?: DataLayout;
  /** Only these classes, in this order (NSynth has eleven families; users want two or three). */
  classes?: readonly string[];
}

const isWav = (name: string): boolean => /\.wav$/i.test(name) && !name.startsWith('.');

export async function findTrainingData(
  root: string,
  options: FindOptions = {},
): Promise<TrainingData> {
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory())
    throw new TrainingDataError(
      'NOT_FOUND',
      root,
      `The training folder ${root} does not exist or is not a folder.`,
    );
  const layout = options.layout ?? 'auto';
  const nsynth =
    layout === 'nsynth' ||
    (layout === 'auto' &&
      (await stat(join(root, 'examples.json')).catch(() => undefined))?.isFile());
  const found = nsynth ? await nsynthClips(root) : await folderClips(root);
  return selectClasses(root, nsynth ? 'nsynth' : 'folders', found, options.classes);
}

async function folderClips(root: string): Promise<Map<string, string[]>> {
  const entries = await readdir(root, { withFileTypes: true });
  const folders = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  if (folders.length === 0)
    throw new TrainingDataError(
      'NO_CLASSES',
      root,
      `${root} has no class folders: put each class's clips in a folder of its own (${join(root, 'flute')}, ${join(root, 'piano')} ...).`,
    );
  const byClass = new Map<string, string[]>();
  for (const name of folders) {
    const files = (await wavFilesBelow(join(root, name))).sort();
    if (files.length === 0)
      throw new TrainingDataError(
        'EMPTY_CLASS',
        join(root, name),
        `The class folder ${join(root, name)} has no WAV files.`,
      );
    byClass.set(name, files);
  }
  return byClass;
}

/** Every WAV file below `folder` (hidden files and folders skipped, links followed). */
export async function wavFilesBelow(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  const files: string[] = [];
  for (const e of entries) {
    const path = join(e.parentPath, e.name);
    if (
      !isWav(e.name) ||
      relative(folder, path)
        .split(/[\\/]/)
        .some((p) => p.startsWith('.'))
    )
      continue;
    // Sample libraries are often links into a library folder: follow them.
    if (e.isFile() || (e.isSymbolicLink() && (await stat(path).catch(() => undefined))?.isFile()))
      files.push(path);
  }
  return files;
}

async function nsynthClips(root: string): Promise<Map<string, string[]>> {
  const file = join(root, 'examples.json');
  let examples: unknown;
  try {
    examples = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new TrainingDataError(
      'BAD_NSYNTH',
      file,
      `${file} is not readable JSON (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  if (typeof examples !== 'object' || examples === null || Array.isArray(examples))
    throw new TrainingDataError(
      'BAD_NSYNTH',
      file,
      `${file} is not an NSynth examples.json (an object of notes).`,
    );
  const byClass = new Map<string, string[]>();
  for (const [note, entry] of Object.entries(examples as Record<string, unknown>)) {
    const family = (entry as { instrument_family_str?: unknown } | null)?.instrument_family_str;
    if (typeof family !== 'string' || family === '')
      throw new TrainingDataError(
        'BAD_NSYNTH',
        file,
        `${file}: the note "${note}" has no instrument_family_str, so its class is unknown.`,
      );
    const list = byClass.get(family) ?? [];
    list.push(join(root, 'audio', `${basename(note)}.wav`));
    byClass.set(family, list);
  }
  return new Map([...byClass.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

function selectClasses(
  root: string,
  layout: 'folders' | 'nsynth',
  byClass: Map<string, string[]>,
  wanted: readonly string[] | undefined,
): TrainingData {
  let classes = [...byClass.keys()];
  if (wanted && wanted.length > 0) {
    const unknown = wanted.filter((name) => !byClass.has(name));
    if (unknown.length > 0)
      throw new TrainingDataError(
        'UNKNOWN_CLASS',
        root,
        `${root} has no class ${unknown.map((n) => `"${n}"`).join(', ')}; it has ${classes.join(', ')}.`,
      );
    classes = [...new Set(wanted)];
  }
  if (classes.length < 2)
    throw new TrainingDataError(
      'ONE_CLASS',
      root,
      `A classifier tells classes apart, and ${root} has only one (${classes.join('')}): add a folder for at least one more class.`,
    );
  const clips = classes.flatMap((className, label) =>
    byClass.get(className)!.map((path) => ({ path, className, label })),
  );
  return { root, layout, classes, clips };
}
