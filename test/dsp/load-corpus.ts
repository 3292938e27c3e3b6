// Loads a corpus WAV as float channels with wavefile, until src/main/audio's decoder lands.
import { readFileSync } from 'node:fs';
import wavefile from 'wavefile';
import { corpusFile } from '../fixtures/paths';

export interface CorpusClip {
  sampleRate: number;
  /** One Float32Array per channel, samples in [-1, 1]. */
  channels: Float32Array[];
}

export function loadCorpusClip(name: string): CorpusClip {
  const wav = new wavefile.WaveFile(readFileSync(corpusFile(name)));
  const { sampleRate } = wav.fmt as { sampleRate: number };
  const is16Bit = wav.bitDepth === '16';
  // wavefile's toBitDepth('32f') takes ~2 s on a 12 s stereo file; for 16-bit PCM the same
  // scaling (positive / 32767, negative / 32768, as its intToFloat_ does) costs ~60 ms.
  if (!is16Bit) wav.toBitDepth('32f');
  const raw = wav.getSamples(false, Float32Array) as unknown as Float32Array | Float32Array[];
  const channels = Array.isArray(raw) ? raw : [raw];
  if (is16Bit)
    for (const channel of channels)
      for (let i = 0; i < channel.length; i++)
        channel[i] = channel[i]! / (channel[i]! > 0 ? 32767 : 32768);
  return { sampleRate, channels };
}

/** The first (or only) channel of a corpus clip. */
export function loadCorpusMono(name: string): { sampleRate: number; samples: Float32Array } {
  const clip = loadCorpusClip(name);
  return { sampleRate: clip.sampleRate, samples: clip.channels[0]! };
}
