// Throw the phase away and rebuild the sound from its magnitude alone: the last step of every
// transfer method, offered on its own so a user can hear what phase reconstruction costs.
import { readWav, writeWav } from '../audio';
import { magnitude, reconstructPhase, stft } from '../dsp';
import { losslessSampleFormat } from './audio-convert';

export interface ResynthesisOptions {
  nFft: number;
  hop: number;
  iterations: number;
  method: 'gl' | 'fgla';
  initialPhase: 'random' | 'zero';
  seed: number;
  /** Called after each iteration of each channel. */
  onProgress?: (progress: {
    channel: number;
    iteration: number;
    spectralConvergence: number;
  }) => void;
  signal?: AbortSignal;
}

export interface ResynthesisResult {
  /** Final spectral convergence of each channel (lower is better). */
  spectralConvergence: number[];
  channels: number;
  sampleRate: number;
}

export async function resynthesizeFile(
  inputPath: string,
  outputPath: string,
  options: ResynthesisOptions,
): Promise<ResynthesisResult> {
  const { audio, format } = await readWav(inputPath);
  const rebuilt: Float32Array[] = [];
  const convergence: number[] = [];
  for (const [channel, samples] of audio.channels.entries()) {
    const spectrum = stft(samples, { nFft: options.nFft, hop: options.hop });
    const result = await reconstructPhase(magnitude(spectrum), spectrum, {
      length: samples.length,
      iterations: options.iterations,
      method: options.method,
      initialPhase: options.initialPhase,
      seed: options.seed + channel,
      ...(options.signal && { signal: options.signal }),
      onProgress: (p) => options.onProgress?.({ channel, ...p }),
    });
    rebuilt.push(result.audio);
    convergence.push(result.spectralConvergence);
  }
  await writeWav(
    outputPath,
    { sampleRate: audio.sampleRate, channels: rebuilt },
    { sampleFormat: losslessSampleFormat(format), protect: [inputPath] },
  );
  return {
    spectralConvergence: convergence,
    channels: rebuilt.length,
    sampleRate: audio.sampleRate,
  };
}
