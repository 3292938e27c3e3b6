// A preview of a CNN transfer's current iterate, as the shallow pipeline makes them
// (src/main/transfer/preview.ts), at the model's own STFT (its window may be shorter than n_fft).
import type { TransferPreview } from '../../../shared/transfer';
import { inverseLogMagnitude, reconstructPhase } from '../../dsp';
import { poolBins } from '../../transfer/preview';
import type { LogSpectrogram } from '../spectrogram';
import type { SpectrogramSettings } from './spectrogram-settings';

const previewBins = 256;
const previewPhaseIterations = 8;

export async function makeCnnPreview(
  current: Float32Array,
  window: LogSpectrogram,
  stream: number,
  startFrame: number,
  analysis: SpectrogramSettings,
  seed: number,
): Promise<TransferPreview> {
  const { frames, bins } = window;
  const pooled = poolBins(current, frames, bins, previewBins);
  const { audio } = await reconstructPhase(
    inverseLogMagnitude(current),
    { frames, bins, nFft: analysis.nFft, hop: analysis.hop, winLength: analysis.winLength },
    {
      length: (frames - 1) * analysis.hop,
      iterations: previewPhaseIterations,
      method: 'fgla',
      initialPhase: 'random',
      seed: seed + 3,
    },
  );
  return {
    stream,
    startFrame,
    frames,
    bins: pooled.bins,
    logMagnitude: pooled.data,
    sampleRate: analysis.sampleRate,
    hop: analysis.hop,
    audio,
  };
}
