// Brings audio into a project folder: the user's file is copied (never written), decoded once to
// check it and to measure it, and described as a clip. Compressed files are decoded by the page
// and arrive here as PCM, saved as 32-bit float WAV so nothing is lost.
import { stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ClipInfo } from '../../shared/ipc-project';
import type { Seconds } from '../../shared/units';
import {
  AudioFileError,
  decodeWav,
  integratedLoudness,
  readWav,
  samplePeakDb,
  writeWav,
  type PcmAudio,
  type WavFormat,
} from '../audio';
import { fileSystemReadError, readAudioFileBytes } from '../audio/wav-read';
import { writeFileAtomic } from '../fs/atomic-write';
import { freshAudioName } from './project-files';

/** Extensions the page decodes with its own audio stack. */
export const COMPRESSED_EXTENSIONS = [
  '.mp3',
  '.flac',
  '.ogg',
  '.oga',
  '.opus',
  '.m4a',
  '.aac',
  '.webm',
];

export function needsPageDecoding(path: string): boolean {
  return COMPRESSED_EXTENSIONS.includes(extname(path).toLowerCase());
}

/** Refuses at once a path that is not a regular file (a pipe, a device, a socket, a folder). */
export async function assertRegularFile(path: string): Promise<void> {
  const info = await stat(path).catch((error: unknown) => {
    throw fileSystemReadError(error, path);
  });
  if (!info.isFile())
    throw new AudioFileError(
      'NOT_A_FILE',
      path,
      info.isDirectory()
        ? `${basename(path)} is a folder, not an audio file.`
        : `${basename(path)} is not a regular file (a device, pipe or socket), so it cannot be imported.`,
    );
}

export function newId(): string {
  return randomUUID().replaceAll('-', '').slice(0, 12);
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** A clip record for audio already decoded from `file` (relative to the project folder). */
export function describeClip(
  audio: PcmAudio,
  format: Pick<WavFormat, 'channelMask'> | null,
  file: string,
  sourceName: string,
  start: Seconds,
): ClipInfo {
  const frames = audio.channels[0]?.length ?? 0;
  const mask = format?.channelMask;
  return {
    id: newId(),
    file,
    sourceName,
    sampleRate: audio.sampleRate,
    channels: audio.channels.length,
    frames,
    duration: frames / audio.sampleRate,
    start,
    loudnessLufs: finiteOrNull(
      integratedLoudness(audio, mask === undefined ? {} : { channelMask: mask }),
    ),
    peakDb: finiteOrNull(samplePeakDb(audio)),
  };
}

/** Copies a WAV the user chose into the project and describes it. */
export async function importWavFile(folder: string, source: string): Promise<ClipInfo> {
  // Only a regular file: a pipe would block this read, and every file operation queued behind it.
  const bytes = await readAudioFileBytes(source);
  return importWavBytes(folder, basename(source), bytes, source);
}

/** A WAV handed over as bytes (a file dropped on the page where no path is known). */
export async function importWavBytes(
  folder: string,
  name: string,
  bytes: Uint8Array,
  label = name,
): Promise<ClipInfo> {
  const { audio, format } = decodeWav(bytes, label);
  const file = await freshAudioName(folder, name);
  await writeFileAtomic(join(folder, file), bytes);
  return describeClip(audio, format, file, name, 0);
}

/** PCM decoded by the page (MP3, FLAC, OGG, M4A, a microphone recording). */
export async function importPcm(folder: string, name: string, audio: PcmAudio): Promise<ClipInfo> {
  for (const [index, channel] of audio.channels.entries()) {
    for (let i = 0; i < channel.length; i++) {
      if (!Number.isFinite(channel[i]!))
        throw new AudioFileError(
          'NON_FINITE',
          name,
          `${name} has a sample that is not a number (channel ${index + 1}, sample ${i}).`,
        );
    }
  }
  const file = await freshAudioName(folder, name);
  await writeWav(join(folder, file), audio, { sampleFormat: 'float32' });
  return describeClip(audio, null, file, name, 0);
}

/** Describes a WAV the engine wrote into the project (a result). */
export async function describeProjectWav(
  folder: string,
  file: string,
  sourceName: string,
  start: Seconds,
): Promise<ClipInfo> {
  const { audio, format } = await readWav(join(folder, file));
  return describeClip(audio, format, file, sourceName, start);
}
