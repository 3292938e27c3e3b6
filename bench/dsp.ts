// Spectral-core figures: STFT/ISTFT speed, Griffin-Lim time per iteration, spectrogram render
// time. Figures only, never pass/fail. Each figure is the best of several runs (the dev machine
// is shared, so the minimum is the least noisy estimate of what the code costs); one core.
import { cpus, loadavg } from 'node:os';
import {
  istft,
  magnitude,
  peakMagnitude,
  reconstructPhase,
  renderSpectrogram,
  stft,
  frameOfSeconds,
} from '../src/main/dsp/index';
import { FFT_BUILD } from '../src/main/dsp/real-fft';
import { loadCorpusClip } from '../test/fixtures/corpus-audio';

/** Best wall time of `runs` calls, in ms. */
async function best(runs: number, fn: () => unknown): Promise<number> {
  let fastest = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

/** `source` repeated until it is `length` samples long. */
function tile(source: Float32Array, length: number): Float32Array {
  const out = new Float32Array(length);
  for (let at = 0; at < length; at += source.length)
    out.set(source.subarray(0, Math.min(source.length, length - at)), at);
  return out;
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

export async function run(): Promise<Record<string, unknown>> {
  const clip = loadCorpusClip('long_piano_melody_44k_stereo.wav');
  const sampleRate = clip.sampleRate;
  const seconds = 60;
  const stereo = clip.channels.map((channel) => tile(channel, seconds * sampleRate));
  const framing = { nFft: 2048, hop: 512 };

  // STFT / ISTFT: a 60 s stereo clip, both channels, n_fft 2048, hop 512.
  stereo.map((channel) => istft(stft(channel, framing), { length: channel.length })); // warm-up
  const stftMs = await best(5, () => stereo.map((channel) => stft(channel, framing)));
  const specs = stereo.map((channel) => stft(channel, framing));
  const istftMs = await best(5, () =>
    specs.map((spec) => istft(spec, { length: seconds * sampleRate })),
  );

  // Griffin-Lim: 10 s at 22.05 kHz (the piano clip halved in rate by pair averaging), 2048/512.
  const left = clip.channels[0]!;
  const halfRate = new Float32Array(Math.floor(left.length / 2));
  for (let i = 0; i < halfRate.length; i++) halfRate[i] = 0.5 * (left[2 * i]! + left[2 * i + 1]!);
  const tenSeconds = tile(halfRate, 10 * 22050);
  const glSpec = stft(tenSeconds, framing);
  const glMag = magnitude(glSpec);
  const iterations = 20;
  const glMsPerIteration: Record<string, number> = {};
  for (const method of ['gl', 'fgla'] as const) {
    const ms = await best(3, () =>
      reconstructPhase(glMag, glSpec, {
        length: tenSeconds.length,
        iterations,
        method,
        initialPhase: 'random',
      }),
    );
    glMsPerIteration[method] = round(ms / iterations, 2);
  }

  // Spectrogram picture: 1000 x 256 from the 60 s clip's left channel.
  const mag = magnitude(specs[0]!);
  const reference = peakMagnitude(mag);
  const image = { sampleRate, width: 1000, height: 256, dbRange: 80, colormap: 'magma' } as const;
  const renderMs: Record<string, number> = {};
  for (const scale of ['linear', 'log', 'mel'] as const)
    renderMs[`whole clip, ${scale}`] = round(
      await best(7, () => renderSpectrogram(mag, specs[0]!, { ...image, scale, reference })),
      2,
    );
  renderMs['whole clip, mel, reference "max" (scans the clip)'] = round(
    await best(7, () => renderSpectrogram(mag, specs[0]!, { ...image, scale: 'mel' })),
    2,
  );
  const timing = { hop: framing.hop, sampleRate };
  renderMs['10 s zoom, mel'] = round(
    await best(7, () =>
      renderSpectrogram(mag, specs[0]!, {
        ...image,
        scale: 'mel',
        reference,
        startFrame: frameOfSeconds(20, timing),
        endFrame: frameOfSeconds(30, timing),
      }),
    ),
    2,
  );

  return {
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      node: process.version,
      loadAverage1m: round(loadavg()[0]!, 2),
    },
    stft: {
      clip: '60 s, 44.1 kHz stereo (corpus piano melody tiled), n_fft 2048, hop 512, both channels',
      fft: FFT_BUILD,
      ms: round(stftMs),
      realTimeMultiple: round((seconds * 1000) / stftMs),
    },
    istft: {
      ms: round(istftMs),
      realTimeMultiple: round((seconds * 1000) / istftMs),
    },
    griffinLim: {
      clip: '10 s at 22.05 kHz, n_fft 2048, hop 512 (431 frames)',
      msPerIteration: glMsPerIteration,
    },
    spectrogramImage: {
      picture: '1000 x 256 RGBA from the 60 s clip (5169 frames x 1025 bins)',
      ms: renderMs,
    },
  };
}
