// Reads the 'fmt ' chunk (WAVEFORMAT, WAVEFORMATEX or WAVE_FORMAT_EXTENSIBLE) into the sample
// layout the decoder needs, rejecting codecs and layouts it cannot decode with a clear error.
import { AudioFileError } from './errors';
import { describeCodec } from './foreign-formats';
import type { RiffChunk } from './riff-chunks';

export interface SampleLayout {
  codec: 'pcm' | 'float';
  channels: number;
  sampleRate: number;
  /** Bytes one sample occupies in the file. */
  containerBytes: 1 | 2 | 3 | 4 | 8;
  /** Bytes per frame (all channels): channels x containerBytes. */
  frameBytes: number;
  /** Significant bits in each container (below containerBytes x 8 for e.g. 20-bit audio). */
  validBits: number;
  extensible: boolean;
  channelMask?: number;
}

const formatPcm = 0x0001;
const formatFloat = 0x0003;
const formatExtensible = 0xfffe;
export const maxChannels = 64;
export const minSampleRate = 1000;
export const maxSampleRate = 768_000;

// Bytes 2-15 of the KSDATAFORMAT_SUBTYPE GUIDs: the standard ones, and the Ambisonic B-format ones.
const standardGuidTail = [
  0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71,
];
const ambisonicGuidTail = [
  0x00, 0x00, 0x21, 0x07, 0xd3, 0x11, 0x86, 0x44, 0xc8, 0xc1, 0xca, 0x00, 0x00, 0x00,
];

function guidTailIs(bytes: Uint8Array, at: number, tail: number[]): boolean {
  return tail.every((b, i) => bytes[at + 2 + i] === b);
}

export function parseFmtChunk(
  bytes: Uint8Array,
  chunk: RiffChunk,
  label: string,
  path: string,
  warnings: string[],
): SampleLayout {
  const fail = (
    code: 'CORRUPT' | 'TRUNCATED' | 'UNSUPPORTED_CODEC' | 'UNSUPPORTED_LAYOUT',
    why: string,
  ) => new AudioFileError(code, path, `${label} ${why}`);
  if (chunk.size < chunk.declaredSize) {
    throw fail('TRUNCATED', 'ends inside its format header: the file is truncated or damaged.');
  }
  if (chunk.size < 16) {
    throw fail(
      'CORRUPT',
      `has a format header of ${chunk.size} bytes, too short to describe its audio.`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + chunk.offset, chunk.size);
  let formatTag = view.getUint16(0, true);
  const channels = view.getUint16(2, true);
  const sampleRate = view.getUint32(4, true);
  const blockAlign = view.getUint16(12, true);
  const bitsPerSample = view.getUint16(14, true);
  const extensible = formatTag === formatExtensible;
  let validBits = bitsPerSample;
  let channelMask: number | undefined;

  if (extensible) {
    if (chunk.size < 40) {
      throw fail(
        'CORRUPT',
        `has an extensible format header of ${chunk.size} bytes instead of 40.`,
      );
    }
    validBits = view.getUint16(18, true) || bitsPerSample; // 0 means "all of them" in the wild
    channelMask = view.getUint32(20, true);
    const guidAt = chunk.offset + 24;
    formatTag = view.getUint16(24, true);
    if (
      !guidTailIs(bytes, guidAt, standardGuidTail) &&
      !guidTailIs(bytes, guidAt, ambisonicGuidTail)
    ) {
      throw fail(
        'UNSUPPORTED_CODEC',
        'holds audio in an unknown sample format, which cannot be decoded: convert it to PCM WAV first.',
      );
    }
  }
  if (formatTag !== formatPcm && formatTag !== formatFloat) {
    throw fail(
      'UNSUPPORTED_CODEC',
      `holds ${describeCodec(formatTag)}, which cannot be decoded: convert it to PCM WAV first or import it in the app.`,
    );
  }
  if (channels === 0) throw fail('CORRUPT', 'declares 0 channels.');
  if (channels > maxChannels) {
    throw fail(
      'UNSUPPORTED_LAYOUT',
      `has ${channels} channels; at most ${maxChannels} are supported.`,
    );
  }
  if (sampleRate === 0) throw fail('CORRUPT', 'declares a sample rate of 0 Hz.');
  if (sampleRate < minSampleRate || sampleRate > maxSampleRate) {
    throw fail(
      'UNSUPPORTED_LAYOUT',
      `has a sample rate of ${sampleRate} Hz, outside the ${minSampleRate}-${maxSampleRate} Hz that can be read.`,
    );
  }
  if (bitsPerSample === 0) throw fail('CORRUPT', 'declares 0 bits per sample.');

  // A PCM container is what blockAlign says when that is consistent (24-bit audio in 4-byte
  // slots), else the bits rounded up to whole bytes.
  const codec = formatTag === formatFloat ? 'float' : 'pcm';
  const minimalBytes = Math.ceil(bitsPerSample / 8);
  let containerBytes = minimalBytes;
  const perChannel = blockAlign / channels;
  if (blockAlign !== channels * minimalBytes) {
    if (
      codec === 'pcm' &&
      Number.isInteger(perChannel) &&
      perChannel > minimalBytes &&
      perChannel <= 4
    ) {
      containerBytes = perChannel;
    } else {
      warnings.push(
        `${label} gives a frame size of ${blockAlign} bytes where ${channels * minimalBytes} fit its samples; used the latter.`,
      );
    }
  }
  const floatOk = codec === 'float' && (containerBytes === 4 || containerBytes === 8);
  const pcmOk = codec === 'pcm' && containerBytes <= 4;
  if (!floatOk && !pcmOk) {
    throw fail(
      'UNSUPPORTED_LAYOUT',
      `uses ${bitsPerSample}-bit ${codec === 'float' ? 'floating-point' : 'PCM'} samples in ${containerBytes}-byte slots, which cannot be read.`,
    );
  }
  if (codec === 'float') validBits = containerBytes * 8;
  if (validBits > containerBytes * 8) {
    warnings.push(
      `${label} claims ${validBits} valid bits in ${containerBytes * 8}-bit samples; used ${containerBytes * 8}.`,
    );
    validBits = containerBytes * 8;
  }
  return {
    codec,
    channels,
    sampleRate,
    containerBytes: containerBytes as SampleLayout['containerBytes'],
    frameBytes: channels * containerBytes,
    validBits,
    extensible,
    ...(channelMask !== undefined && { channelMask }),
  };
}
