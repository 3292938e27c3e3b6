// WAV bytes to planar Float32 audio. Hand-written rather than wavefile 11 (the project's WAV
// library) because of what measuring wavefile showed:
// - 3 of the 16 readable samples in /work/shared/wav-samples come out wrong: extensible IEEE float
//   as integers (1073741824 for 2.0), and 24-bit audio in 4-byte slots, tag 1 and extensible;
// - on a crasher (0 bits per sample) it throws "RangeError: Invalid typed array length: Infinity";
// - 60 s of 48 kHz stereo 24-bit decode at 44 MB/s (this reader: 490 MB/s), and a 10-minute file
//   (165 MiB) peaks at 686 MiB RSS (this reader: 490 MiB = 103 Node + 165 bytes + 220 Float32).
// Figures from bench/audio.ts on the 2-core development machine.
import { basename } from 'node:path';
import { AudioFileError } from './errors';
import { describeNonWavFile } from './foreign-formats';
import { aboveFullScaleWarning } from './full-scale';
import { samplePeakDb } from './loudness';
import type { PcmAudio } from './pcm-audio';
import { walkWaveChunks } from './riff-chunks';
import type { RiffChunk } from './riff-chunks';
import { decodeSamples } from './sample-decode';
import { parseFmtChunk } from './wav-fmt';
import type { WavFormat } from './wav-format';

export interface DecodedWav {
  audio: PcmAudio;
  format: WavFormat;
  /** Things the reader worked around (a short data chunk, a missing pad byte ...), one sentence each. */
  warnings: string[];
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

function checkHeader(bytes: Uint8Array, label: string, path: string): void {
  if (bytes.length === 0) throw new AudioFileError('EMPTY', path, `${label} is empty (0 bytes).`);
  const magic = ascii(bytes, 0, 4);
  const isRiff = magic === 'RIFF' || magic === 'RF64' || magic === 'BW64';
  if (!isRiff && 'RIFF'.startsWith(magic) && bytes.length < 4) {
    throw new AudioFileError(
      'TRUNCATED',
      path,
      `${label} is truncated: it ends after ${bytes.length} bytes.`,
    );
  }
  if (magic === 'RIFX') {
    throw new AudioFileError(
      'UNSUPPORTED_LAYOUT',
      path,
      `${label} is a big-endian (RIFX) WAV, which cannot be read: convert it to a standard WAV first.`,
    );
  }
  if (!isRiff) {
    const kind = describeNonWavFile(bytes);
    throw new AudioFileError(
      'NOT_WAV',
      path,
      kind
        ? `${label} is ${kind}, not a WAV: convert it first or import it in the app.`
        : `${label} is not a WAV file (it does not start with a RIFF/WAVE header).`,
    );
  }
  if (bytes.length < 12) {
    throw new AudioFileError(
      'TRUNCATED',
      path,
      `${label} is truncated: it ends inside its WAV header.`,
    );
  }
  const form = ascii(bytes, 8, 4);
  if (form !== 'WAVE') {
    throw new AudioFileError(
      'NOT_WAV',
      path,
      `${label} is a RIFF file of type "${form.replace(/[^\x20-\x7e]/g, '?')}", not a WAV.`,
    );
  }
}

function firstChunk(chunks: RiffChunk[], id: string): RiffChunk | undefined {
  return chunks.find((chunk) => chunk.id === id);
}

/**
 * Decodes a whole WAV file held in memory. `name` (a path or file name) is used in messages and
 * in the error's `path`. Throws AudioFileError for anything that is not decodable audio.
 */
export function decodeWav(bytes: Uint8Array, name?: string): DecodedWav {
  const path = name ?? '';
  const label = name ? basename(name) : 'The file';
  checkHeader(bytes, label, path);
  const layout = walkWaveChunks(bytes, label);
  const warnings = [...layout.warnings];
  const fmtChunk = firstChunk(layout.chunks, 'fmt ');
  const dataChunk = firstChunk(layout.chunks, 'data');
  if (!fmtChunk) {
    throw layout.cutShort || !dataChunk
      ? new AudioFileError(
          'TRUNCATED',
          path,
          `${label} is truncated or damaged: it ends before its format header.`,
        )
      : new AudioFileError(
          'CORRUPT',
          path,
          `${label} has no format header ('fmt ' chunk), so its audio cannot be read.`,
        );
  }
  const samples = parseFmtChunk(bytes, fmtChunk, label, path, warnings);
  if (!dataChunk) {
    throw layout.cutShort
      ? new AudioFileError(
          'TRUNCATED',
          path,
          `${label} is truncated: it ends before its audio data.`,
        )
      : new AudioFileError('EMPTY', path, `${label} contains no audio (it has no data chunk).`);
  }
  const frames = Math.floor(dataChunk.size / samples.frameBytes);
  const leftover = dataChunk.size - frames * samples.frameBytes;
  if (frames === 0) throw new AudioFileError('EMPTY', path, `${label} contains no audio samples.`);
  if (leftover > 0) {
    warnings.push(
      `${label} ends its audio with ${leftover} bytes that do not make a whole frame; ignored them.`,
    );
  }
  const decoded = decodeSamples(bytes, dataChunk.offset, frames, samples);
  if (decoded.nonFinite) {
    const { count, firstFrame, firstChannel } = decoded.nonFinite;
    const at = (firstFrame / samples.sampleRate).toFixed(3);
    throw new AudioFileError(
      'NON_FINITE',
      path,
      `${label} contains ${count} samples that are not finite numbers (NaN or infinity), the first in ` +
        `channel ${firstChannel + 1} at ${at} s: the file is damaged.`,
    );
  }
  if (decoded.lowAligned) {
    warnings.push(
      `${label} stores its ${samples.validBits}-bit samples in the low bits of ${samples.containerBytes * 8}-bit slots (non-standard); read them that way.`,
    );
  }
  const audio = { sampleRate: samples.sampleRate, channels: decoded.channels };
  // Only float samples can go beyond full scale; integer ones stop at it.
  if (samples.codec === 'float') {
    const loud = aboveFullScaleWarning(label, samplePeakDb(audio));
    if (loud) warnings.push(loud);
  }
  return {
    audio,
    format: {
      codec: samples.codec,
      bitDepth: samples.validBits,
      containerBits: (samples.containerBytes * 8) as WavFormat['containerBits'],
      channels: samples.channels,
      sampleRate: samples.sampleRate,
      frames,
      extensible: samples.extensible,
      ...(samples.channelMask !== undefined && { channelMask: samples.channelMask }),
      container: layout.container,
    },
    warnings,
  };
}
