// From a sound file to what a trained network reads: the clip mixed to mono, resampled to the
// model's rate, and turned into a log-magnitude spectrogram S = log(1 + |X|), frames x bins.
import { mixdown, readWav, resample, type PcmAudio } from '../audio';
import { logMagnitude, magnitude, stft } from '../dsp';
import type { LogSpectrogram } from '../engine/spectrogram';
import type { SpectrogramSettings } from '../engine/cnn/spectrogram-settings';

export async function clipSpectrogram(
  path: string,
  settings: SpectrogramSettings,
): Promise<LogSpectrogram> {
  const { audio } = await readWav(path);
  return audioSpectrogram(audio, settings);
}

export async function audioSpectrogram(
  audio: PcmAudio,
  settings: SpectrogramSettings,
): Promise<LogSpectrogram> {
  const mono = audio.channels.length === 1 ? audio.channels[0]! : mixdown(audio);
  const samples =
    audio.sampleRate === settings.sampleRate
      ? mono
      : await resample(mono, audio.sampleRate, settings.sampleRate, { quality: 'medium' });
  return signalSpectrogram(samples, settings);
}

/** The spectrogram of samples already at the settings' rate. */
export function signalSpectrogram(
  samples: Float32Array,
  settings: SpectrogramSettings,
): LogSpectrogram {
  const spectrum = stft(samples, {
    nFft: settings.nFft,
    hop: settings.hop,
    winLength: settings.winLength,
  });
  return {
    frames: spectrum.frames,
    bins: spectrum.bins,
    data: logMagnitude(magnitude(spectrum)),
  };
}
