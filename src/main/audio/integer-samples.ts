// Float samples to the signed integers a lossless or lossy encoder takes, at 16 or 24 bits, with
// the WAV encoder's TPDF dither (in frame order, same seed), so a FLAC export holds exactly the
// samples a WAV export of the same bit depth would.
import { TpdfDither } from './dither';
import { assertValidAudio } from './pcm-audio';
import type { PcmAudio } from './pcm-audio';

export interface IntegerSamples {
  /** One array per channel, each value within the bit depth's range. */
  channels: Int32Array<ArrayBuffer>[];
  /** Samples beyond full scale that were clipped. */
  clippedSamples: number;
}

export function toIntegerSamples(
  audio: PcmAudio,
  bits: 16 | 24,
  options: { dither?: boolean; seed?: number } = {},
): IntegerSamples {
  assertValidAudio(audio);
  const scale = 2 ** (bits - 1);
  const high = scale - 1;
  const low = -scale;
  const count = audio.channels.length;
  const frames = audio.channels[0]?.length ?? 0;
  const onGrid = audio.channels.every((channel) =>
    channel.every((v) => v * scale === Math.floor(v * scale)),
  );
  const dither = (options.dither ?? true) && !onGrid ? new TpdfDither(options.seed) : undefined;
  const channels = audio.channels.map(() => new Int32Array(frames));
  const block = 1 << 16;
  const noise = new Float64Array(block * count);
  let clipped = 0;
  for (let start = 0; start < frames; start += block) {
    const end = Math.min(frames, start + block);
    const used = noise.subarray(0, (end - start) * count);
    if (dither) dither.fill(used);
    for (let c = 0; c < count; c++) {
      const source = audio.channels[c]!;
      const out = channels[c]!;
      for (let i = start, k = c; i < end; i++, k += count) {
        let q = Math.floor(source[i]! * scale + used[k]! + 0.5);
        if (q > high || q < low) {
          clipped++;
          q = q > high ? high : low;
        }
        out[i] = q;
      }
    }
  }
  return { channels, clippedSamples: clipped };
}
