// Spectrograms for the engine's tests and benchmark, made here (wavefile + fft.js) so that the
// engine is tested on its own: S = log1p(|STFT|), Hann window, centred reflect-padded frames,
// frames x bins, as METHODS.md section 1 and the peer make them.
import { readFileSync } from 'node:fs';
import FFT from 'fft.js';
import wavefile from 'wavefile';
import type { LogSpectrogram } from '../../src/main/engine';
import { corpusFile } from '../fixtures/paths';

/** A corpus clip mixed to mono, float64 in [-1, 1]. */
export function corpusMono(name: string): { sampleRate: number; samples: Float64Array } {
  const wav = new wavefile.WaveFile(readFileSync(corpusFile(name)));
  const fmt = wav.fmt as {
    numChannels: number;
    sampleRate: number;
    audioFormat: number;
    bitsPerSample: number;
  };
  // The corpus is 16-bit PCM: scaling the integers is ~10x faster than toBitDepth('32f').
  const pcm16 = fmt.audioFormat === 1 && fmt.bitsPerSample === 16;
  if (!pcm16) wav.toBitDepth('32f');
  const scale = pcm16 ? 1 / 32768 : 1;
  const raw = wav.getSamples(false, Float64Array) as unknown as Float64Array | Float64Array[];
  const channels = fmt.numChannels > 1 ? (raw as Float64Array[]) : [raw as Float64Array];
  const length = channels[0]!.length;
  const samples = new Float64Array(length);
  for (const channel of channels)
    for (let i = 0; i < length; i++) samples[i]! += (scale * channel[i]!) / channels.length;
  return { sampleRate: fmt.sampleRate, samples };
}

/** Halves the sample rate (pairwise mean, a crude but adequate low-pass for test material). */
export function halveRate(samples: Float64Array): Float64Array {
  const out = new Float64Array(Math.floor(samples.length / 2));
  for (let i = 0; i < out.length; i++) out[i] = 0.5 * (samples[2 * i]! + samples[2 * i + 1]!);
  return out;
}

export interface StftSettings {
  nFft: number;
  hop: number;
  /** First frame to keep (default 0). */
  firstFrame?: number;
  /** Frames to keep (default: all). */
  frames?: number;
}

/** log1p(|STFT|) of a signal, frames x bins. */
export function logSpectrogram(signal: Float64Array, settings: StftSettings): LogSpectrogram {
  const { nFft, hop } = settings;
  const bins = nFft / 2 + 1;
  const pad = nFft / 2;
  const reflect = (i: number): number => {
    const n = signal.length;
    let j = i;
    while (j < 0 || j >= n) j = j < 0 ? -j : 2 * (n - 1) - j;
    return signal[j]!;
  };
  const total = 1 + Math.floor(signal.length / hop);
  const first = settings.firstFrame ?? 0;
  const frames = Math.min(settings.frames ?? total - first, total - first);
  const fft = new FFT(nFft);
  const input = new Array<number>(nFft).fill(0);
  const out = fft.createComplexArray() as number[];
  const data = new Float32Array(frames * bins);
  for (let f = 0; f < frames; f++) {
    const start = (first + f) * hop - pad;
    for (let i = 0; i < nFft; i++) {
      const window = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / nFft);
      input[i] = window * reflect(start + i);
    }
    fft.realTransform(out, input);
    for (let k = 0; k < bins; k++) {
      const re = out[2 * k]!;
      const im = out[2 * k + 1]!;
      data[f * bins + k] = Math.log1p(Math.hypot(re, im));
    }
  }
  return { frames, bins, data };
}

/** A small log-spectrogram of a corpus clip: `bins` = nFft / 2 + 1, hop = nFft / 2. */
export function smallCorpusSpectrogram(
  name: string,
  nFft: number,
  frames: number,
  firstFrame = 8,
): LogSpectrogram {
  return logSpectrogram(corpusMono(name).samples, { nFft, hop: nFft / 2, firstFrame, frames });
}

/** The ulyanov benchmark's input: 10 s at 22,050 Hz, n_fft 2048, hop 512 (1025 x 431). */
export function tenSecondSpectrogram(name: string): LogSpectrogram {
  const { sampleRate, samples } = corpusMono(name);
  const at22k = sampleRate === 44100 ? halveRate(samples) : samples;
  return logSpectrogram(at22k.subarray(0, 10 * 22050), { nFft: 2048, hop: 512 });
}

/** Seeded uniform values in [low, high) (a small LCG: enough for test inputs). */
export function testNoise(length: number, seed: number, low = 0, high = 1): Float32Array {
  const out = new Float32Array(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = low + ((high - low) * state) / 4294967296;
  }
  return out;
}
