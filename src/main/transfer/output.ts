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
