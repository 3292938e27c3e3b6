// Audio to MP3 bytes with LAME's JavaScript port (@breezystack/lamejs): constant bit rate, mono
// or stereo, at the rates MPEG audio defines. The encoder adds about 1,100 samples of silence at
// the start (LAME's priming), so an MP3 does not line up sample-exactly in a DAW: WAV and FLAC do.
import { Mp3Encoder } from '@breezystack/lamejs';
import type { Mp3Bitrate } from '../../shared/ipc-export';
import { ParameterError } from '../../shared/user-error';
import { toIntegerSamples } from './integer-samples';
import type { PcmAudio } from './pcm-audio';

/** MPEG-1, -2 and -2.5 layer III rates. */
export const MP3_SAMPLE_RATES = [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000];

export function mp3Problem(channels: number, sampleRate: number): string | null {
  if (channels < 1 || channels > 2)
    return `MP3 holds mono or stereo; this track has ${channels} channels: export it as WAV or FLAC.`;
  if (!MP3_SAMPLE_RATES.includes(sampleRate))
    return `MP3 cannot hold ${sampleRate / 1000} kHz; choose 44.1 or 48 kHz (or export as WAV or FLAC).`;
  return null;
}

export function encodeMp3(audio: PcmAudio, kbps: Mp3Bitrate): Uint8Array[] {
  const problem = mp3Problem(audio.channels.length, audio.sampleRate);
  if (problem) throw new ParameterError('format', problem);
  // The MPEG-2 rates take at most 160 kbit/s.
  const rate = audio.sampleRate < 32000 ? Math.min(kbps, 160) : kbps;
  const { channels } = toIntegerSamples(audio, 16);
  const pcm = channels.map((c) => Int16Array.from(c));
  const encoder = new Mp3Encoder(pcm.length, audio.sampleRate, rate);
  const chunks: Uint8Array[] = [];
  // A multiple of the 1,152-sample frame, so the encoder's buffer never grows.
  const block = 1152 * 64;
  const frames = pcm[0]!.length;
  for (let start = 0; start < frames; start += block) {
    const end = Math.min(frames, start + block);
    const left = pcm[0]!.subarray(start, end);
    const right = pcm[1]?.subarray(start, end);
    const bytes = right ? encoder.encodeBuffer(left, right) : encoder.encodeBuffer(left);
    if (bytes.length > 0) chunks.push(bytes.slice());
  }
  const tail = encoder.flush();
  if (tail.length > 0) chunks.push(tail.slice());
  return chunks;
}
