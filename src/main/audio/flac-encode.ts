// Audio to FLAC bytes with libflac (libflacjs, the reference encoder compiled to JavaScript), at
// 16 or 24 bits. The asm.js build, not the wasm one: under Node the wasm build fetches its .wasm
// by a file path, which Node's fetch refuses. Encoding 60 s of 48 kHz stereo takes about a second.
import { createRequire } from 'node:module';
import { ParameterError } from '../../shared/user-error';
import { toIntegerSamples } from './integer-samples';
import type { PcmAudio } from './pcm-audio';

type FlacLibrary = import('libflacjs').Flac;
type CompressionLevel = import('libflacjs').CompressionLevel;
interface StreamInfo {
  md5sum: string;
  total_samples: number;
}

const require = createRequire(import.meta.url);
let library: Promise<FlacLibrary> | undefined;

function flac(): Promise<FlacLibrary> {
  library ??= new Promise((resolve) => {
    const loaded = (require('libflacjs') as (variant: string) => FlacLibrary)('release');
    if (loaded.isReady()) resolve(loaded);
    else loaded.on('ready', () => resolve(loaded));
  });
  return library;
}

export interface FlacOptions {
  bitsPerSample: 16 | 24;
  /** libflac's compression level 0-8 (default 5, flac's own default). */
  compression?: CompressionLevel;
}

/** The FLAC file as chunks (the stream header first, its MD5 filled in). */
export async function encodeFlac(audio: PcmAudio, options: FlacOptions): Promise<Uint8Array[]> {
  const channelCount = audio.channels.length;
  if (channelCount < 1 || channelCount > 8)
    throw new ParameterError(
      'format',
      `FLAC holds 1 to 8 channels; this audio has ${channelCount}: export it as WAV.`,
    );
  if (!Number.isInteger(audio.sampleRate) || audio.sampleRate < 1 || audio.sampleRate > 655350)
    throw new ParameterError(
      'sampleRate',
      `FLAC holds whole sample rates up to 655,350 Hz; got ${audio.sampleRate} Hz.`,
    );
  const { channels } = toIntegerSamples(audio, options.bitsPerSample);
  const frames = channels[0]?.length ?? 0;
  const Flac = await flac();
  const encoder = Flac.create_libflac_encoder(
    audio.sampleRate,
    channelCount,
    options.bitsPerSample,
    options.compression ?? 5,
    frames,
    false,
    0,
  );
  if (!encoder) throw new Error('libflac could not create an encoder for these settings.');
  const chunks: Uint8Array[] = [];
  let info: StreamInfo | undefined;
  try {
    const status = Flac.init_encoder_stream(
      encoder,
      (data: Uint8Array) => void chunks.push(data.slice()),
      (metadata: StreamInfo | undefined) => void (info = metadata),
    );
    if (status !== 0) throw new Error(`libflac could not start encoding (status ${status}).`);
    const block = 1 << 16;
    for (let start = 0; start < frames; start += block) {
      const end = Math.min(frames, start + block);
      const ok = Flac.FLAC__stream_encoder_process(
        encoder,
        channels.map((c) => c.subarray(start, end)),
        end - start,
      );
      if (!ok) throw new Error('libflac stopped encoding (its state is not OK).');
    }
    if (!Flac.FLAC__stream_encoder_finish(encoder)) throw new Error('libflac could not finish.');
  } finally {
    Flac.FLAC__stream_encoder_delete(encoder);
  }
  if (info) writeStreamMd5(chunks, info.md5sum);
  return chunks;
}

/**
 * A streamed encoder writes STREAMINFO before it has seen the audio, so its MD5 is zero; the
 * finished encoder reports it and we put it in place (bytes 26-41 of the file: "fLaC", the
 * 4-byte block header, then 18 bytes of sizes and counts before the signature).
 */
function writeStreamMd5(chunks: Uint8Array[], md5: string): void {
  const offset = 4 + 4 + 18;
  let at = 0;
  for (const chunk of chunks) {
    for (let i = 0; i < 16; i++) {
      const position = offset + i - at;
      if (position >= 0 && position < chunk.length)
        chunk[position] = parseInt(md5.slice(i * 2, i * 2 + 2), 16);
    }
    at += chunk.length;
    if (at > offset + 16) break;
  }
}
