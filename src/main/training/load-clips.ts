// Reads every training clip into a spectrogram at the model's settings. A clip that cannot be
// read is skipped and listed, never fatal; a class left with no readable clip is an error.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import type { LogSpectrogram } from '../engine/spectrogram';
import type { SpectrogramSettings } from '../engine/cnn/spectrogram-settings';
import { audioSpectrogram } from './clip-spectrogram';
import { decodeWav } from '../audio';
import { TrainingDataError } from './errors';
import type { LabelledClip, TrainingData } from './training-data';

export interface LoadedClip extends LabelledClip {
  spectrogram: LogSpectrogram;
  sha256: string;
  /** The file's own rate (resampled to the settings' rate when it differs). */
  sampleRate: number;
}

export interface SkippedClip {
  path: string;
  reason: string;
}

export interface LoadedData {
  clips: LoadedClip[];
  skipped: SkippedClip[];
  /** sha256 over every readable clip's class, path (relative to the data folder) and content. */
  hash: string;
}

export async function loadTrainingClips(
  data: TrainingData,
  settings: SpectrogramSettings,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<LoadedData> {
  const clips: LoadedClip[] = [];
  const skipped: SkippedClip[] = [];
  for (const [i, clip] of data.clips.entries()) {
    if (options.signal?.aborted) break;
    try {
      const bytes = await readFile(clip.path);
      const { audio } = decodeWav(bytes, clip.path);
      const spectrogram = await audioSpectrogram(audio, settings);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      clips.push({ ...clip, spectrogram, sha256, sampleRate: audio.sampleRate });
    } catch (error) {
      skipped.push({ path: clip.path, reason: readableReason(error, clip.path) });
    }
    options.onProgress?.(i + 1, data.clips.length);
  }
  data.classes.forEach((className) => {
    if (!clips.some((c) => c.className === className))
      throw new TrainingDataError(
        'NO_READABLE_CLIPS',
        data.root,
        `None of the clips of class "${className}" could be read (${skipped.filter((s) => data.clips.some((c) => c.path === s.path && c.className === className)).length} skipped): first problem: ${skipped.find((s) => data.clips.some((c) => c.path === s.path && c.className === className))?.reason ?? 'none'}`,
      );
  });
  const lines = clips
    .map((c) => `${c.className}\t${relative(data.root, c.path)}\t${c.sha256}`)
    .sort()
    .join('\n');
  return { clips, skipped, hash: createHash('sha256').update(lines).digest('hex') };
}

function readableReason(error: unknown, path: string): string {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return `${path} does not exist.`;
  return error instanceof Error ? error.message : String(error);
}
