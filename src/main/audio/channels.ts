// Channel tools: mono mixdown, splitting a clip into mono clips, and mid/side coding.
import { InvalidAudioError } from './errors';
import { assertValidAudio } from './pcm-audio';
import type { PcmAudio } from './pcm-audio';

/** The mean of all channels: identical channels mix to themselves, and the mix never clips. */
export function mixdown(audio: PcmAudio): Float32Array {
  assertValidAudio(audio);
  const [first, ...rest] = audio.channels as [Float32Array, ...Float32Array[]];
  if (rest.length === 0) return first.slice();
  const sum = new Float64Array(first);
  for (const channel of rest) for (let i = 0; i < sum.length; i++) sum[i]! += channel[i]!;
  const out = new Float32Array(sum.length);
  const scale = 1 / audio.channels.length;
  for (let i = 0; i < out.length; i++) out[i] = sum[i]! * scale;
  return out;
}

/** One mono clip per channel. The clips share the sample arrays with `audio` (no copy). */
export function splitChannels(audio: PcmAudio): PcmAudio[] {
  assertValidAudio(audio);
  return audio.channels.map((channel) => ({ sampleRate: audio.sampleRate, channels: [channel] }));
}

function checkPair(a: Float32Array, b: Float32Array, names: string): void {
  if (a.length !== b.length) {
    throw new InvalidAudioError(
      `${names} must be the same length; got ${a.length} and ${b.length} samples.`,
    );
  }
}

/**
 * Mid = (L + R) / 2, side = (L - R) / 2. With fromMidSide the round trip is exact whenever the
 * samples lie on a 24-bit grid or coarser (anything decoded from 8-24-bit PCM): then mid and side
 * need at most 24 significant bits and Float32 holds them exactly. For arbitrary floats the error
 * is within one Float32 step of the louder channel.
 */
export function toMidSide(
  left: Float32Array,
  right: Float32Array,
): { mid: Float32Array; side: Float32Array } {
  checkPair(left, right, 'Left and right');
  const mid = new Float32Array(left.length);
  const side = new Float32Array(left.length);
  for (let i = 0; i < left.length; i++) {
    mid[i] = (left[i]! + right[i]!) / 2;
    side[i] = (left[i]! - right[i]!) / 2;
  }
  return { mid, side };
}

/** Left = mid + side, right = mid - side (the inverse of toMidSide). */
export function fromMidSide(
  mid: Float32Array,
  side: Float32Array,
): { left: Float32Array; right: Float32Array } {
  checkPair(mid, side, 'Mid and side');
  const left = new Float32Array(mid.length);
  const right = new Float32Array(mid.length);
  for (let i = 0; i < mid.length; i++) {
    left[i] = mid[i]! + side[i]!;
    right[i] = mid[i]! - side[i]!;
  }
  return { left, right };
}
