// CycleGAN's training data: exactly two classes, as a folder with two class subfolders or as two
// folders (each class named after its folder). Every WAV below a class folder is read at the
// model's analysis; unreadable, silent and too-short clips are skipped and listed, and a class
// left with none is an error naming the class.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { decodeWav } from '../audio';
import type { SpectrogramSettings } from '../engine/cnn/spectrogram-settings';
import type { LogSpectrogram } from '../engine/spectrogram';
import { audioSpectrogram } from './clip-spectrogram';
import { TrainingDataError } from './errors';
import { wavFilesBelow } from './training-data';

export interface ClassClip {
  path: string;
  spectrogram: LogSpectrogram;
}

export interface SkippedClip {
  path: string;
  reason: string;
}

export interface TwoClasses {
  /** [X, Y], named after their folders. */
  names: [string, string];
  folders: [string, string];
  clips: [ClassClip[], ClassClip[]];
  skipped: SkippedClip[];
  /** sha256 over both classes' clips (class, relative path, content). */
  hash: string;
}

async function isFolder(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

/** The two class folders: `data` with exactly two subfolders, or the two folders given. */
export async function twoClassFolders(
  data: string | readonly [string, string],
): Promise<[string, string]> {
  if (typeof data !== 'string') {
    for (const folder of data)
      if (!(await isFolder(folder)))
        throw new TrainingDataError(
          'NOT_FOUND',
          folder,
          `The class folder ${folder} does not exist or is not a folder.`,
        );
    if (basename(data[0]) === basename(data[1]))
      throw new TrainingDataError(
        'NOT_TWO_CLASSES',
        data[1],
        `The two class folders are both called "${basename(data[0])}": a class is named after its folder.`,
      );
    return [data[0], data[1]];
  }
  if (!(await isFolder(data)))
    throw new TrainingDataError(
      'NOT_FOUND',
      data,
      `The training folder ${data} does not exist or is not a folder.`,
    );
  const folders = (await readdir(data, { withFileTypes: true }))
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  if (folders.length !== 2)
    throw new TrainingDataError(
      'NOT_TWO_CLASSES',
      data,
      `A CycleGAN learns between exactly two classes, and ${data} has ${folders.length} class folder${folders.length === 1 ? '' : 's'}${folders.length > 0 ? ` (${folders.join(', ')})` : ''}: put each class's clips in one of two folders (${join(data, 'flute')}, ${join(data, 'keyboard')}).`,
    );
  return [join(data, folders[0]!), join(data, folders[1]!)];
}

/**
 * Reads both classes. `minimumFrames`: a clip shorter than one discriminator patch is skipped
 * (there is nothing of it to judge); `minimumSeconds` names that length in messages.
 */
export async function loadTwoClasses(
  data: string | readonly [string, string],
  analysis: SpectrogramSettings,
  minimumFrames: number,
  minimumSeconds: number,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<TwoClasses> {
  const folders = await twoClassFolders(data);
  const files = await Promise.all(folders.map(async (f) => (await wavFilesBelow(f)).sort()));
  for (const [i, list] of files.entries())
    if (list.length === 0)
      throw new TrainingDataError(
        'EMPTY_CLASS',
        folders[i]!,
        `The class folder ${folders[i]} has no WAV files: a CycleGAN needs clips of both classes.`,
      );
  const total = files[0]!.length + files[1]!.length;
  const clips: [ClassClip[], ClassClip[]] = [[], []];
  const skipped: SkippedClip[] = [];
  const lines: string[] = [];
  let done = 0;
  for (const [c, list] of files.entries()) {
    let short = 0;
    for (const path of list) {
      if (options.signal?.aborted) break;
      try {
        const bytes = await readFile(path);
        const { audio } = decodeWav(bytes, path);
        const spectrogram = await audioSpectrogram(audio, analysis);
        if (audio.channels.every((ch) => ch.every((s) => s === 0)))
          skipped.push({ path, reason: `${path} is silent.` });
        else if (spectrogram.frames < minimumFrames) {
          short++;
          skipped.push({
            path,
            reason: `${path} is shorter than one discriminator patch (${minimumSeconds.toFixed(2)} s).`,
          });
        } else {
          clips[c]!.push({ path, spectrogram });
          lines.push(
            `${c}\t${relative(folders[c]!, path)}\t${createHash('sha256').update(bytes).digest('hex')}`,
          );
        }
      } catch (error) {
        skipped.push({ path, reason: error instanceof Error ? error.message : String(error) });
      }
      options.onProgress?.(++done, total);
    }
    if (clips[c]!.length === 0 && !options.signal?.aborted)
      throw new TrainingDataError(
        short === list.length ? 'CLIPS_TOO_SHORT' : 'NO_USABLE_CLIPS',
        folders[c]!,
        short === list.length
          ? `Every clip of the class ${basename(folders[c]!)} is shorter than one discriminator patch (${minimumSeconds.toFixed(2)} s at this analysis): give clips of at least that length.`
          : `None of the ${list.length} WAV files of the class ${basename(folders[c]!)} is usable:\n${skipped
              .filter((s) => list.includes(s.path))
              .map((s) => `  ${s.reason}`)
              .join('\n')}`,
      );
  }
  return {
    names: [basename(folders[0]), basename(folders[1])],
    folders,
    clips,
    skipped,
    hash: createHash('sha256').update(lines.sort().join('\n')).digest('hex'),
  };
}
