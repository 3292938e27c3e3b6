// The length, rate and channels of a WAV file from its first bytes, without decoding it: what a
// job's memory check needs before it reads whole clips (200 style clips of ten minutes would
// decode to ~40 GB before a check after decoding could see their lengths). Anything it cannot
// read plainly gives undefined: the decoder, later, says what is wrong with the file.
import { open, stat } from 'node:fs/promises';
import { walkWaveChunks } from './riff-chunks';
import { parseFmtChunk } from './wav-fmt';

/** Enough for the headers of any ordinary WAV (fmt and data come first, after a few tags). */
const PEEK_BYTES = 1 << 16;

export interface WavShape {
  /** Sample frames of the data chunk (as many as the file holds). */
  frames: number;
  sampleRate: number;
  channels: number;
}

export async function peekWavShape(path: string): Promise<WavShape | undefined> {
  try {
    // Only a regular file is opened: opening a pipe would wait for a writer.
    const info = await stat(path);
    if (!info.isFile()) return undefined;
    const handle = await open(path, 'r');
    try {
      const bytes = new Uint8Array(Math.min(PEEK_BYTES, info.size));
      const { bytesRead } = await handle.read(bytes, 0, bytes.length, 0);
      const head = bytes.subarray(0, bytesRead);
      const magic = String.fromCharCode(...head.subarray(0, 4));
      if (head.length < 12 || !['RIFF', 'RF64', 'BW64'].includes(magic)) return undefined;
      const { chunks } = walkWaveChunks(head, 'The file');
      const fmt = chunks.find((c) => c.id === 'fmt ');
      const data = chunks.find((c) => c.id === 'data');
      if (!fmt || !data) return undefined;
      const layout = parseFmtChunk(head, fmt, 'The file', path, []);
      // A declared size of 0 is an unfinished recording: the decoder reads what follows.
      const inFile = info.size - data.offset;
      const bytesOfAudio = data.declaredSize > 0 ? Math.min(data.declaredSize, inFile) : inFile;
      return {
        frames: Math.floor(bytesOfAudio / layout.frameBytes),
        sampleRate: layout.sampleRate,
        channels: layout.channels,
      };
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}
