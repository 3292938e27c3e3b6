// Audio I/O figures: WAV decode/encode speed (ours and wavefile's, the library we measured and
// replaced), peak memory when decoding a 10-minute 48 kHz stereo 24-bit file (in a child process,
// so the figure is the decode's own), resampling speed and quality, loudness speed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import wavefile from 'wavefile';
import { writeFileAtomic } from '../src/main/fs/atomic-write';
import { decodeWav, encodeWav, integratedLoudness, resample } from '../src/main/audio';
import type { PcmAudio, ResampleQuality } from '../src/main/audio';

const repoRoot = resolve(fileURLToPath(import.meta.url), '..', '..');
const audioModule = join(repoRoot, 'src/main/audio/index.ts');

function music(sampleRate: number, seconds: number, channels: number): PcmAudio {
  const frames = Math.round(sampleRate * seconds);
  return {
    sampleRate,
    channels: Array.from({ length: channels }, (_, c) =>
      Float32Array.from({ length: frames }, (_, i) => {
        const t = i / sampleRate;
        return (
          0.4 * Math.sin(2 * Math.PI * 220 * (c + 1) * t) +
          0.2 * Math.sin(2 * Math.PI * 3520 * t) * Math.sin(t)
        );
      }),
    ),
  };
}

/** Median seconds of `runs` calls. */
function time(runs: number, work: () => void): number {
  const seconds: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    work();
    seconds.push((performance.now() - start) / 1000);
  }
  return seconds.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

async function timeAsync(runs: number, work: () => Promise<unknown>): Promise<number> {
  const seconds: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    await work();
    seconds.push((performance.now() - start) / 1000);
  }
  return seconds.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

const round = (x: number, digits = 1) => Number(x.toFixed(digits));

function wavefileDecode(bytes: Uint8Array): Float32Array[] {
  const reader = new wavefile.WaveFile(bytes);
  const channels = reader.getSamples(false, Float32Array) as unknown as Float32Array[];
  for (const channel of channels) for (let i = 0; i < channel.length; i++) channel[i]! /= 8388608;
  return channels;
}

function codecFigures(): Record<string, unknown> {
  const audio = music(48000, 60, 2);
  const file = encodeWav(audio, { sampleFormat: 'pcm24' });
  const megabytes = file.length / 1e6;
  const ints = audio.channels.map((c) => Int32Array.from(c, (v) => Math.round(v * 8388607)));
  return {
    file: '60 s, 48 kHz, stereo, 24-bit PCM',
    fileMB: round(megabytes),
    decodeMBps: round(megabytes / time(5, () => decodeWav(file))),
    encodeMBps: {
      pcm16Dithered: round(
        (megabytes * 2) / 3 / time(3, () => encodeWav(audio, { sampleFormat: 'pcm16' })),
      ),
      pcm24Dithered: round(megabytes / time(3, () => encodeWav(audio, { sampleFormat: 'pcm24' }))),
      float32: round(
        (megabytes * 4) / 3 / time(3, () => encodeWav(audio, { sampleFormat: 'float32' })),
      ),
    },
    wavefile: {
      decodeMBps: round(megabytes / time(1, () => wavefileDecode(file))),
      // Given integers already quantised, so this is packing alone.
      encode24MBps: round(
        megabytes /
          time(1, () => {
            const writer = new wavefile.WaveFile();
            writer.fromScratch(2, 48000, '24', ints);
            writer.toBuffer();
          }),
      ),
      encodeFloat32MBps: round(
        (megabytes * 4) /
          3 /
          time(1, () => {
            const writer = new wavefile.WaveFile();
            writer.fromScratch(2, 48000, '32f', audio.channels);
            writer.toBuffer();
          }),
      ),
    },
  };
}

/** A 10-minute 48 kHz stereo 24-bit file, written from one encoded second so the bench stays small. */
async function writeLongFile(path: string): Promise<number> {
  const second = encodeWav(music(48000, 1, 2), { sampleFormat: 'pcm24' });
  const header = second.slice(0, 44);
  const data = second.subarray(44);
  const dataBytes = data.length * 600;
  const view = new DataView(header.buffer);
  view.setUint32(4, 36 + dataBytes, true);
  view.setUint32(40, dataBytes, true);
  await writeFileAtomic(
    path,
    (function* () {
      yield header;
      for (let s = 0; s < 600; s++) yield data;
    })(),
  );
  return 44 + dataBytes;
}

function child(script: string): Record<string, number> {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`bench child failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as Record<string, number>;
}

async function memoryFigures(dir: string): Promise<Record<string, unknown>> {
  const path = join(dir, 'ten-minutes.wav');
  const bytes = await writeLongFile(path);
  const report =
    'console.log(JSON.stringify({ maxRssMiB: process.resourceUsage().maxRSS / 1024, ...extra }))';
  const baseline = child(
    `const m = await import(${JSON.stringify(audioModule)}); const extra = {}; ${report}`,
  );
  const ours = child(`
    const { readWav } = await import(${JSON.stringify(audioModule)});
    const start = performance.now();
    const { format } = await readWav(${JSON.stringify(path)});
    const extra = { seconds: (performance.now() - start) / 1000, frames: format.frames };
    ${report}`);
  const theirs = child(`
    const { default: wavefile } = await import('wavefile');
    const { readFileSync } = await import('node:fs');
    const start = performance.now();
    const reader = new wavefile.WaveFile(readFileSync(${JSON.stringify(path)}));
    const channels = reader.getSamples(false, Float32Array);
    for (const c of channels) for (let i = 0; i < c.length; i++) c[i] /= 8388608;
    const extra = { seconds: (performance.now() - start) / 1000, frames: channels[0].length };
    ${report}`);
  const outputMiB = (ours.frames! * 2 * 4) / 2 ** 20;
  return {
    file: '10 min, 48 kHz, stereo, 24-bit PCM',
    fileMiB: round(bytes / 2 ** 20),
    float32OutputMiB: round(outputMiB),
    nodeBaselineMaxRssMiB: round(baseline.maxRssMiB!),
    readWavMaxRssMiB: round(ours.maxRssMiB!),
    readWavSeconds: round(ours.seconds!, 2),
    readWavMBps: round(bytes / 1e6 / ours.seconds!),
    wavefileMaxRssMiB: round(theirs.maxRssMiB!),
    wavefileSeconds: round(theirs.seconds!, 2),
  };
}

async function resampleFigures(): Promise<Record<string, unknown>> {
  const speed: Record<string, number> = {};
  const pairs: [number, number][] = [
    [44100, 22050],
    [48000, 44100],
    [22050, 44100],
    [16000, 22050],
  ];
  for (const quality of ['best', 'fast'] as ResampleQuality[]) {
    for (const [from, to] of pairs) {
      const input = music(from, 30, 1).channels[0]!;
      const seconds = await timeAsync(3, () => resample(input, from, to, { quality }));
      speed[`${quality} ${from}->${to}`] = round(30 / seconds);
    }
  }
  const sine = (f: number, rate: number, n: number) =>
    Float32Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * f * i) / rate));
  const original = sine(1000, 44100, 88200);
  const back = await resample(await resample(original, 44100, 22050), 22050, 44100);
  let signal = 0;
  let noise = 0;
  for (let i = 4410; i < original.length - 4410; i++) {
    signal += original[i]! ** 2;
    noise += (back[i]! - original[i]!) ** 2;
  }
  const alias = await resample(sine(15000, 48000, 96000), 48000, 22050);
  let aliasPower = 0;
  for (let i = 2205; i < alias.length - 2205; i++) aliasPower += alias[i]! ** 2;
  aliasPower /= alias.length - 4410;
  return {
    realTimeFactorMono: speed,
    roundTrip1kHz44to22to44SnrDb: round(10 * Math.log10(signal / noise)),
    alias15kHz48to22DbDown: round(10 * Math.log10(0.5 / aliasPower)),
  };
}

function loudnessFigures(): Record<string, unknown> {
  const audio = music(48000, 60, 2);
  return {
    integratedLoudnessRealTimeFactorStereo48k: round(60 / time(3, () => integratedLoudness(audio))),
  };
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'timbrefold-bench-audio-'));
  try {
    return {
      codec: codecFigures(),
      memory: await memoryFigures(dir),
      resample: await resampleFigures(),
      loudness: loudnessFigures(),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
