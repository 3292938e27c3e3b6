// Fixed-length crops of the clips' spectrograms, the examples the classifier trains on. Crops
// are taken where the clip sounds (a release tail far below the clip's loudest part teaches
// nothing), and training crops get a random start and a random gain every epoch: a level
// change leaves pitch and timbre as they are, and small data sets need the variety.
import type { LogSpectrogram } from '../engine/spectrogram';
import type { SeededRandom } from '../dsp/random';

/** Crops whose energy is further than this below the clip's loudest crop are left out. */
export const QUIET_CROP_DB = -30;

export interface Crop {
  clip: number;
  start: number;
  /** Level change applied to the crop's magnitudes, in dB (0: none). */
  gainDb: number;
}

/**
 * Start frames of crops that are not far quieter than the clip's loudest crop. A clip shorter
 * than a crop has one start, 0, and is padded with silence.
 */
export function loudStarts(spectrogram: LogSpectrogram, cropFrames: number): number[] {
  const { frames, bins, data } = spectrogram;
  if (frames <= cropFrames) return [0];
  const energy = new Float64Array(frames + 1);
  for (let t = 0; t < frames; t++) {
    let e = 0;
    for (let k = 0; k < bins; k++) {
      const m = Math.expm1(data[t * bins + k]!);
      e += m * m;
    }
    energy[t + 1] = energy[t]! + e;
  }
  const count = frames - cropFrames + 1;
  let loudest = 0;
  for (let s = 0; s < count; s++) loudest = Math.max(loudest, energy[s + cropFrames]! - energy[s]!);
  const floor = loudest * 10 ** (QUIET_CROP_DB / 10);
  const starts: number[] = [];
  for (let s = 0; s < count; s++) if (energy[s + cropFrames]! - energy[s]! >= floor) starts.push(s);
  return starts;
}

/** Up to `count` starts spread evenly over the loud ones (the evaluation's fixed crops). */
export function evenStarts(starts: readonly number[], count: number): number[] {
  if (starts.length <= count) return [...starts];
  return Array.from(
    { length: count },
    (_, i) => starts[Math.round((i * (starts.length - 1)) / Math.max(1, count - 1))]!,
  );
}

/** `perClip` random crops of each clip, each at a random gain in [minGainDb, maxGainDb]. */
export function randomCrops(
  clips: readonly number[],
  starts: readonly (readonly number[])[],
  perClip: number,
  gainRangeDb: readonly [number, number],
  random: SeededRandom,
): Crop[] {
  const crops: Crop[] = [];
  for (const clip of clips) {
    const options = starts[clip]!;
    for (let i = 0; i < perClip; i++)
      crops.push({
        clip,
        start: options[Math.floor(random.next() * options.length)]!,
        gainDb: gainRangeDb[0] + (gainRangeDb[1] - gainRangeDb[0]) * random.next(),
      });
  }
  // Shuffled, so that a batch mixes classes.
  for (let i = crops.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [crops[i], crops[j]] = [crops[j]!, crops[i]!];
  }
  return crops;
}

/** The crops as one batch [n, cropFrames, bins, 1], silence-padded where a clip is short. */
export function fillBatch(
  spectrograms: readonly LogSpectrogram[],
  crops: readonly Crop[],
  cropFrames: number,
): Float32Array {
  const bins = spectrograms[0]!.bins;
  const out = new Float32Array(crops.length * cropFrames * bins);
  crops.forEach((crop, n) => {
    const spec = spectrograms[crop.clip]!;
    const frames = Math.min(cropFrames, spec.frames - crop.start);
    const source = spec.data.subarray(crop.start * bins, (crop.start + frames) * bins);
    const target = out.subarray(n * cropFrames * bins);
    if (crop.gainDb === 0) target.set(source);
    else {
      const gain = 10 ** (crop.gainDb / 20);
      for (let i = 0; i < source.length; i++) target[i] = Math.log1p(gain * Math.expm1(source[i]!));
    }
  });
  return out;
}
