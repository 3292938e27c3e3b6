// From the engine's streams back to the user's format: channel layout, rate and a safe level.
import type { ChannelMode } from '../../shared/transfer';
import type { Decibels, Hertz } from '../../shared/units';
import { fromMidSide, resample, type PcmAudio } from '../audio';

/** Streams (mono, per channel, or mid and side) back to the content's channel count. */
export function streamsToChannels(
  streams: Float32Array[],
  mode: ChannelMode,
  channelCount: number,
): Float32Array[] {
  if (streams.length === 1)
    return Array.from({ length: channelCount }, (_, i) =>
      i === 0 ? streams[0]! : streams[0]!.slice(),
    );
  if (mode === 'mid-side') {
    const { left, right } = fromMidSide(streams[0]!, streams[1]!);
    return [left, right];
  }
  return streams;
}

export async function toOutputRate(
  channels: Float32Array[],
  from: Hertz,
  to: Hertz,
  length: number,
): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (const channel of channels) {
    const resampled = from === to ? channel : await resample(channel, from, to);
    // Rate conversion rounds lengths; the result always has exactly the content's length.
    const exact = new Float32Array(length);
    exact.set(resampled.subarray(0, length));
    out.push(exact);
  }
  return out;
}

/** Ceiling for a result's sample peak: -1 dBFS leaves room for inter-sample peaks in a DAW. */
const peakCeiling = 10 ** (-1 / 20);

/** Scales a result down when its peak would clip; returns the gain applied, in dB (0 when none). */
export function limitPeak(audio: PcmAudio): Decibels {
  let peak = 0;
  for (const channel of audio.channels) for (const s of channel) peak = Math.max(peak, Math.abs(s));
  if (peak <= peakCeiling) return 0;
  const gain = peakCeiling / peak;
  for (const channel of audio.channels)
    for (let i = 0; i < channel.length; i++) channel[i]! *= gain;
  return 20 * Math.log10(gain);
}

/** Length of the fades at a region's cut edges: short enough to keep an attack, long enough to hide the cut. */
export const regionFadeSeconds = 0.01;

/** Raised-cosine fades at the start and/or end, where a region cut the content mid-sound. */
export function fadeCutEdges(audio: PcmAudio, fadeIn: boolean, fadeOut: boolean): void {
  const fade = Math.round(regionFadeSeconds * audio.sampleRate);
  for (const channel of audio.channels) {
    const n = Math.min(fade, Math.floor(channel.length / 2));
    for (let i = 0; i < n; i++) {
      const gain = 0.5 - 0.5 * Math.cos((Math.PI * (i + 0.5)) / n);
      if (fadeIn) channel[i]! *= gain;
      if (fadeOut) channel[channel.length - 1 - i]! *= gain;
    }
  }
}
