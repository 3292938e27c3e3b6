// The mean and standard deviation of training spectrograms: a trained network reads its input
// standardised by them. Shared by every trainer (classifier, generator, CycleGAN) and the
// distinctness check. The floor keeps a near-silent set from being scaled up a thousandfold.
import type { LogSpectrogram } from '../engine/spectrogram';

/** Mean and standard deviation of the spectrogram values (float64 sums). */
export function spectrogramStatistics(spectrograms: readonly LogSpectrogram[]): {
  mean: number;
  std: number;
} {
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (const { data } of spectrograms)
    for (let i = 0; i < data.length; i++) {
      sum += data[i]!;
      sumSq += data[i]! * data[i]!;
      n++;
    }
  const mean = sum / Math.max(1, n);
  return { mean, std: Math.sqrt(Math.max(sumSq / Math.max(1, n) - mean * mean, 1e-6)) };
}
