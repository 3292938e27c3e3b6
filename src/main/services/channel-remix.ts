// Changing the channel count of a clip for export or conversion.
import { ParameterError } from '../../shared/user-error';
import { mixdown, toMidSide } from '../audio';
import type { PcmAudio } from '../audio';

// ITU-R BS.775 downmix of 5.0/5.1 (WAVE order L R C LFE Ls Rs): centre and surrounds at -3 dB,
// LFE dropped. Any other layout above two channels has no standard stereo fold-down.
const minus3dB = Math.SQRT1_2;

function downmixFiveOneToStereo(channels: Float32Array[]): Float32Array[] {
  const [l, r, c, , ls, rs] = channels as [
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
  ];
  const left = new Float32Array(l.length);
  const right = new Float32Array(l.length);
  for (let i = 0; i < l.length; i++) {
    left[i] = l[i]! + minus3dB * (c[i]! + ls[i]!);
    right[i] = r[i]! + minus3dB * (c[i]! + rs[i]!);
  }
  return [left, right];
}

export function remixChannels(audio: PcmAudio, channelCount: number): PcmAudio {
  const from = audio.channels.length;
  if (channelCount === from) return audio;
  if (channelCount === 1) return { sampleRate: audio.sampleRate, channels: [mixdown(audio)] };
  if (channelCount === 2 && from === 1) {
    const mono = audio.channels[0]!;
    return { sampleRate: audio.sampleRate, channels: [mono, mono.slice()] };
  }
  if (channelCount === 2 && from === 6) {
    return { sampleRate: audio.sampleRate, channels: downmixFiveOneToStereo(audio.channels) };
  }
  throw new ParameterError(
    'channels',
    `There is no standard way to fold ${from} channels into ${channelCount}; use --channels 1 for a mono mixdown.`,
  );
}

/** Encodes a stereo clip as mid/side (channel 1 mid, channel 2 side). */
export function encodeMidSide(audio: PcmAudio): PcmAudio {
  const [left, right] = audio.channels;
  if (audio.channels.length !== 2 || !left || !right) {
    throw new ParameterError(
      'mid-side',
      `Mid/side needs a stereo clip, and this one has ${audio.channels.length} channel(s).`,
    );
  }
  const { mid, side } = toMidSide(left, right);
  return { sampleRate: audio.sampleRate, channels: [mid, side] };
}
