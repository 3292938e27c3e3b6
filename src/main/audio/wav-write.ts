// Saves audio as a WAV file atomically (see ../fs/atomic-write), streaming the encoder's blocks so
// a long export holds only the audio and one block of bytes.
import { writeFileAtomic } from '../fs/atomic-write';
import { encodeWavChunks } from './wav-encode';
import type { EncodeReport, EncodeWavOptions } from './wav-encode';
import type { PcmAudio } from './pcm-audio';

export interface WriteWavOptions extends EncodeWavOptions {
  /** Paths never to overwrite, e.g. the input files of the command (FileWriteError 'PROTECTED'). */
  protect?: readonly string[];
}

export async function writeWav(
  path: string,
  audio: PcmAudio,
  options: WriteWavOptions,
): Promise<EncodeReport> {
  const report: EncodeReport = { clippedSamples: 0, dithered: false };
  await writeFileAtomic(path, encodeWavChunks(audio, options, report), {
    ...(options.protect && { protect: options.protect }),
  });
  return report;
}
