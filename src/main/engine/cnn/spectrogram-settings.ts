// How a trained network sees sound: the STFT that turns a clip into its log-magnitude image.
// A model keeps the settings it was trained with, and everything that feeds it (training,
// classification, the transfer) makes spectrograms with exactly those.
import type { Hertz, Samples } from '../../../shared/units';
import type { ArchitectureName } from './architectures';

export interface SpectrogramSettings {
  /** Rate the audio is resampled to before the STFT. */
  sampleRate: Hertz;
  nFft: Samples;
  hop: Samples;
  /** Hann window length inside each nFft frame. */
  winLength: Samples;
}

/**
 * The presets' STFTs (METHODS.md section 1): audio-VGG at the default analysis (22,050 Hz,
 * n_fft 2048, hop n_fft / 4); Verma & Smith's 16 kHz, 30 ms frames, 10 ms hop, FFT size 512.
 */
export const SPECTROGRAM_PRESETS: Readonly<
  Record<ArchitectureName, Readonly<SpectrogramSettings>>
> = {
  'audio-vgg': { sampleRate: 22050, nFft: 2048, hop: 512, winLength: 2048 },
  'verma-smith': { sampleRate: 16000, nFft: 512, hop: 160, winLength: 480 },
};

export function binsOf(settings: SpectrogramSettings): number {
  return settings.nFft / 2 + 1;
}

/** Frames that cover `seconds` of sound at these settings (at least 1). */
export function framesOf(settings: SpectrogramSettings, seconds: number): number {
  return Math.max(1, Math.round((seconds * settings.sampleRate) / settings.hop));
}

/** "16000 Hz, n_fft 512, hop 160, window 480": as a user would want it said. */
export function describeSpectrogram(s: SpectrogramSettings): string {
  return `${s.sampleRate} Hz, n_fft ${s.nFft}, hop ${s.hop}, window ${s.winLength}`;
}
