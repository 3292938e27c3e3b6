// Evaluation figures (issue 12): the time QUALITY.md's metrics take on a 60 s clip, each step
// and the whole file-to-numbers path; then seed 000's protocol reproduced at small scale
// (evaluation-report.ts, which writes docs/evaluation.md). Figures only, never pass/fail. Each is the best of several
// runs (the dev machine is shared, so the minimum is the least noisy estimate); one core.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { mixdown, resample, writeWav, type PcmAudio } from '../src/main/audio';
import { evaluateResultFiles } from '../src/main/evaluation/quality-files';
import {
  contentCorrelation,
  envelope,
  logSpectrogram,
  magnitudeSpectrogram,
  spectralConvergence,
  styleGain,
  timbreProfile,
} from '../src/main/evaluation/quality-metrics';
import { measureResult, qualityReference } from '../src/main/evaluation/result-quality';
import { loadCorpusClip } from '../test/fixtures/corpus-audio';
import { reproduce } from './evaluation-report';

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

/** Every channel of `clip` repeated until it is `length` samples long. */
function tile(clip: PcmAudio, length: number): PcmAudio {
  const channels = clip.channels.map((source) => {
    const out = new Float32Array(length);
    for (let at = 0; at < length; at += source.length)
      out.set(source.subarray(0, Math.min(source.length, length - at)), at);
    return out;
  });
  return { sampleRate: clip.sampleRate, channels };
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

export async function run(): Promise<Record<string, unknown>> {
  const seconds = 60;
  const piano = loadCorpusClip('long_piano_melody_44k_stereo.wav');
  const rate = piano.sampleRate;
  const content = tile(piano, seconds * rate);
  const style = tile(loadCorpusClip('long_drum_bass_loop_44k_stereo.wav'), seconds * rate);
  // A stand-in result: the content with some of the style mixed in.
  const result: PcmAudio = {
    sampleRate: rate,
    channels: content.channels.map((c, ch) =>
      c.map((v, i) => 0.7 * v + 0.3 * style.channels[ch]![i]!),
    ),
  };
  const [c, s, r] = [content, style, result].map((clip) => mixdown(clip)) as [
    Float32Array,
    Float32Array,
    Float32Array,
  ];

  magnitudeSpectrogram(c); // warm-up
  const magnitudeMs = await best(5, () => magnitudeSpectrogram(c));
  const logSpecMs = await best(5, () => logSpectrogram(c));
  const spec = logSpectrogram(c);
  const profileMs = await best(5, () => timbreProfile(spec));
  const envelopeMs = await best(5, () => envelope(spec));
  const [lc, ls, lr] = [c, s, r].map((x) => timbreProfile(logSpectrogram(x))) as [
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const gainMs = await best(5, () => styleGain(lc, ls, lr));
  const ec = envelope(spec);
  const er = envelope(logSpectrogram(r));
  const correlationMs = await best(5, () => contentCorrelation(ec, er));
  const referenceMs = await best(3, () =>
    qualityReference({ label: 'content', samples: c }, [{ label: 'style', samples: s }]),
  );
  const reference = qualityReference({ label: 'content', samples: c }, [
    { label: 'style', samples: s },
  ]);
  const measureMs = await best(3, () => measureResult(reference, { label: 'result', samples: r }));
  const target = magnitudeSpectrogram(c);
  const convergenceMs = await best(3, () => spectralConvergence(r, target));
  const resampleMs = await best(2, () => resample(r, rate, 22050));

  // From files: 60 s stereo WAVs (16-bit), read, mixed, measured; the result once more at 48 kHz.
  const dir = mkdtempSync(join(tmpdir(), 'timbrefold-bench-evaluation-'));
  try {
    const path = (name: string) => join(dir, name);
    await writeWav(path('content.wav'), content, { sampleFormat: 'pcm16' });
    await writeWav(path('style.wav'), style, { sampleFormat: 'pcm16' });
    await writeWav(path('result.wav'), result, { sampleFormat: 'pcm16' });
    const at48k: PcmAudio = {
      sampleRate: 48000,
      channels: await Promise.all(result.channels.map((ch) => resample(ch, rate, 48000))),
    };
    await writeWav(path('result-48k.wav'), at48k, { sampleFormat: 'pcm16' });
    const files = (results: string[]) =>
      evaluateResultFiles({ content: path('content.wav'), styles: [path('style.wav')], results });
    const oneResultMs = await best(3, () => files([path('result.wav')]));
    const fourResultsMs = await best(2, () => files(Array(4).fill(path('result.wav')) as string[]));
    const mixedRateMs = await best(2, () => files([path('result-48k.wav')]));
    const report = await files([path('result.wav')]);

    return {
      machine: {
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: cpus().length,
        node: process.version,
        loadAverage1m: round(loadavg()[0]!, 2),
      },
      clip: `${seconds} s, 44.1 kHz (corpus piano melody tiled, mono mix), n_fft 2048, hop 512, ${spec.frames} frames x ${spec.bins} bins`,
      ms: {
        magnitudeSpectrogram: round(magnitudeMs),
        logSpectrogram: round(logSpecMs),
        timbreProfile: round(profileMs),
        envelope: round(envelopeMs),
        styleGain: round(gainMs, 3),
        contentCorrelation: round(correlationMs, 3),
        spectralConvergence: round(convergenceMs),
        'qualityReference (content + one style)': round(referenceMs),
        'measureResult (one result)': round(measureMs),
        'resample 44.1 -> 22.05 kHz (best sinc, mono)': round(resampleMs),
      },
      realTimeMultiple: {
        'measureResult (one result)': round((seconds * 1000) / measureMs),
      },
      files: {
        what: `evaluateResultFiles on ${seconds} s 44.1 kHz stereo 16-bit WAVs: read, mix to mono, measure`,
        'one result ms': round(oneResultMs),
        'four results ms': round(fourResultsMs),
        'one 48 kHz result (resampled to 44.1 kHz) ms': round(mixedRateMs),
      },
      figures: report.rows[0],
      // Seed 000's protocol at small scale: writes docs/evaluation.md and its t-SNE picture.
      reproduction: await reproduce(),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
