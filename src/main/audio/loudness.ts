// Sample peak and integrated loudness (ITU-R BS.1770-4 / EBU R 128): K-weighted mean square in
// 400 ms blocks with 75% overlap, an absolute gate at -70 LUFS and a relative gate 10 LU below the
// absolutely gated loudness. Silence (or audio shorter than one block) measures -Infinity.
import type { Decibels, Lufs } from '../../shared/units';
import { kWeightingFilters } from './k-weighting';
import type { Biquad } from './k-weighting';
import { assertValidAudio, frameCount } from './pcm-audio';
import type { PcmAudio } from './pcm-audio';
import { channelSpeakers, loudnessWeight } from './speaker-layout';

export interface LoudnessOptions {
  /** Speaker positions (WAVE channel mask) for the channel weights; default: the usual layout for the channel count. */
  channelMask?: number;
  /** Explicit weight per channel, overriding the mask (0 leaves a channel out). */
  channelWeights?: readonly number[];
}

const absoluteGate: Lufs = -70;
const relativeGate = -10;

/** Highest absolute sample value across channels, in dBFS (-Infinity for digital silence). */
export function samplePeakDb(audio: PcmAudio): Decibels {
  let peak = 0;
  for (const channel of audio.channels) {
    for (let i = 0; i < channel.length; i++) {
      const magnitude = Math.abs(channel[i]!);
      if (magnitude > peak) peak = magnitude;
    }
  }
  return 20 * Math.log10(peak);
}

/**
 * Sum of K-weighted squares of one channel in each 100 ms segment. Segment k spans
 * [round(k fs / 10), round((k + 1) fs / 10)), so rates like 11025 Hz need no rounding of the hop.
 */
function segmentEnergies(
  samples: Float32Array,
  filters: [Biquad, Biquad],
  bounds: Float64Array,
): Float64Array {
  const [f, g] = filters;
  const energies = new Float64Array(bounds.length - 1);
  // Direct form II transposed state of the two stages.
  let s1 = 0,
    s2 = 0,
    t1 = 0,
    t2 = 0;
  for (let k = 0; k < energies.length; k++) {
    let sum = 0;
    for (let i = bounds[k]!; i < bounds[k + 1]!; i++) {
      const x = samples[i]!;
      const y = f.b0 * x + s1;
      s1 = f.b1 * x - f.a1 * y + s2;
      s2 = f.b2 * x - f.a2 * y;
      const z = g.b0 * y + t1;
      t1 = g.b1 * y - g.a1 * z + t2;
      t2 = g.b2 * y - g.a2 * z;
      sum += z * z;
    }
    energies[k] = sum;
  }
  return energies;
}

function loudnessOf(power: number): Lufs {
  return -0.691 + 10 * Math.log10(power);
}

/** Integrated (gated) loudness in LUFS; -Infinity when no block passes the gates. */
export function integratedLoudness(audio: PcmAudio, options: LoudnessOptions = {}): Lufs {
  assertValidAudio(audio);
  const { sampleRate, channels } = audio;
  const frames = frameCount(audio);
  const segments = Math.floor((frames * 10) / sampleRate + 1e-9);
  const blocks = segments - 3;
  if (blocks < 1) return -Infinity;
  const bounds = new Float64Array(segments + 1).map((_, k) =>
    Math.min(frames, Math.round((k * sampleRate) / 10)),
  );
  const speakers = channelSpeakers(channels.length, options.channelMask);
  const filters = kWeightingFilters(sampleRate);

  // Weighted mean square of each block: sum over channels of G_c x mean(z_c^2).
  const blockPower = new Float64Array(blocks);
  channels.forEach((samples, c) => {
    const weight = options.channelWeights?.[c] ?? loudnessWeight(speakers[c]);
    if (weight === 0) return;
    const energy = segmentEnergies(samples, filters, bounds);
    for (let j = 0; j < blocks; j++) {
      const sum = energy[j]! + energy[j + 1]! + energy[j + 2]! + energy[j + 3]!;
      blockPower[j]! += (weight * sum) / (bounds[j + 4]! - bounds[j]!);
    }
  });

  const gatedMean = (threshold: Lufs): number => {
    let sum = 0;
    let count = 0;
    for (const power of blockPower) {
      if (loudnessOf(power) > threshold) {
        sum += power;
        count++;
      }
    }
    return count === 0 ? 0 : sum / count;
  };
  const absoluteMean = gatedMean(absoluteGate);
  if (absoluteMean === 0) return -Infinity;
  const threshold = Math.max(absoluteGate, loudnessOf(absoluteMean) + relativeGate);
  return loudnessOf(gatedMean(threshold));
}
