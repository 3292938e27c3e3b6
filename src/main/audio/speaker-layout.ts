// Speaker positions of WAV channels (the WAVE_FORMAT_EXTENSIBLE channel mask), used to write a
// sensible mask and to weight channels for loudness (ITU-R BS.1770-4, table 3).

// Bit i of the mask is speakers[i]; channels take the set bits in ascending order.
// prettier-ignore
const speakers = [
  'FL', 'FR', 'FC', 'LFE', 'BL', 'BR', 'FLC', 'FRC', 'BC', 'SL', 'SR',
  'TC', 'TFL', 'TFC', 'TFR', 'TBL', 'TBC', 'TBR',
] as const;

export type Speaker = (typeof speakers)[number];

// Mono, stereo, L R C, quad, 5.0, 5.1, 6.1, 7.1: the layouts players assume for these counts.
const defaultMasks: readonly number[] = [0, 0x4, 0x3, 0x7, 0x33, 0x37, 0x3f, 0x13f, 0x63f];

/** The usual channel mask for a channel count; 0 (no positions) above 8 channels. */
export function defaultChannelMask(channels: number): number {
  return defaultMasks[channels] ?? 0;
}

/** The speaker of each channel; undefined where the mask assigns none. */
export function channelSpeakers(
  channels: number,
  mask = defaultChannelMask(channels),
): (Speaker | undefined)[] {
  const assigned = speakers.filter((_, bit) => (mask & (1 << bit)) !== 0);
  return Array.from({ length: channels }, (_, index) => assigned[index]);
}

/** BS.1770-4 channel weight: 0 for LFE, 1.41 for surrounds (side and back), 1.0 otherwise. */
export function loudnessWeight(speaker: Speaker | undefined): number {
  switch (speaker) {
    case 'LFE':
      return 0;
    case 'BL':
    case 'BR':
    case 'SL':
    case 'SR':
      return 1.41;
    default:
      return 1.0;
  }
}
