// Transfer benchmarks (issue 3): the default preset on a 10 s clip (time to the first audible
// preview and to the finished WAV), a 3-minute stereo song at the default preset (time and peak
// memory), a 10-minute stereo song's peak memory (issue 14), and the PyTorch peer side by side
// where Debian's python3-torch is installed.
// Issue 14: QUALITY.md's style gain and content correlation, and the seconds a user waits, on
// several 4 s corpus pairs for each variant of the shallow method (`quality`, bench/quality.ts);
// `TIMBREFOLD_BENCH_QUALITY_ONLY=1` runs only that part.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TransferRequest } from '../src/shared/transfer';
import { readWav, writeWav, type PcmAudio } from '../src/main/audio';
import { corpusFile, repoRoot, sharedDir } from '../test/fixtures/paths';
import { qualityFigures } from './quality';

const round = (value: number | undefined, digits = 2): number | null =>
  value === undefined ? null : Number(value.toFixed(digits));

function runChild(request: TransferRequest): Record<string, unknown> {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'bench/transfer-child.ts'), JSON.stringify(request)],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
    },
  );
  if (child.status !== 0) throw new Error(`transfer bench child failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

/** The first `seconds` of a clip, tiled when the clip is shorter. */
async function clipOf(path: string, seconds: number): Promise<PcmAudio> {
  const { audio } = await readWav(path);
  const length = Math.round(seconds * audio.sampleRate);
  return {
    sampleRate: audio.sampleRate,
    channels: audio.channels.map((channel) => {
      const out = new Float32Array(length);
      for (let i = 0; i < length; i += channel.length)
        out.set(channel.subarray(0, Math.min(channel.length, length - i)), i);
      return out;
    }),
  };
}

function summary(run: Record<string, unknown>): Record<string, unknown> {
  const result = run['result'] as {
    wallSeconds: Record<string, number>;
    iterations: number;
    backend: string;
  };
  return {
    workerStartSeconds: round(run['workerStartSeconds'] as number),
    firstIterationSeconds: round(run['firstIterationSeconds'] as number | undefined),
    firstAudiblePreviewSeconds: round(run['firstPreviewSeconds'] as number | undefined),
    finishedWavSeconds: round(run['finishedSeconds'] as number),
    phaseSeconds: Object.fromEntries(
      Object.entries(result.wallSeconds).map(([k, v]) => [k, round(v)]),
    ),
    iterations: result.iterations,
    backend: result.backend,
    peakRssMiB: round(run['maxRssMiB'] as number, 0),
  };
}

function peerFigures(content: string, style: string, dir: string): Record<string, unknown> {
  const script = join(sharedDir, 'peer', 'ulyanov_torch.py');
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import torch, scipy, soundfile'], {
    encoding: 'utf8',
  });
  if (!existsSync(script) || probe.status !== 0) {
    return {
      skipped:
        'Debian python3-torch, python3-scipy and python3-soundfile are needed to run the peer',
    };
  }
  // A few iterations are enough for a per-iteration figure; the peer's own JSON has its timings.
  const run = spawnSync(
    '/usr/bin/python3',
    [script, content, style, join(dir, 'peer.wav'), '--iters', '10', '--gl-iters', '20', '--quiet'],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
    },
  );
  if (run.status !== 0) return { failed: run.stderr.slice(-500) };
  const report = JSON.parse(run.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
  return { preset: 'ulyanov, 10 L-BFGS-B iterations, 20 Griffin-Lim iterations', report };
}

export async function run(): Promise<Record<string, unknown>> {
  if (process.env['TIMBREFOLD_BENCH_QUALITY_ONLY'] === '1')
    return { quality: await qualityFigures() };
  const dir = mkdtempSync(join(tmpdir(), 'timbrefold-bench-transfer-'));
  const content10 = join(dir, 'content-10s.wav');
  const style = corpusFile('long_drum_bass_loop_44k_stereo.wav');
  await writeWav(content10, await clipOf(corpusFile('long_piano_melody_44k_stereo.wav'), 10), {
    sampleFormat: 'float32',
  });
  const song = join(dir, 'song-3min.wav');
  await writeWav(song, await clipOf(corpusFile('long_piano_melody_44k_stereo.wav'), 180), {
    sampleFormat: 'pcm16',
  });
  const longSong = join(dir, 'song-10min.wav');
  await writeWav(longSong, await clipOf(corpusFile('long_piano_melody_44k_stereo.wav'), 600), {
    sampleFormat: 'pcm16',
  });

  const base: Pick<TransferRequest, 'method' | 'styles' | 'backend'> = {
    method: 'shallow',
    styles: [{ path: style, weight: 1 }],
    backend: 'auto',
  };
  const default10 = runChild({
    ...base,
    preset: 'default',
    settings: {},
    content: content10,
    output: join(dir, 'default-10s.wav'),
    previewEvery: 10,
  });
  const song3min = runChild({
    ...base,
    preset: 'default',
    settings: {},
    content: song,
    output: join(dir, 'song.wav'),
    previewEvery: 0,
  });
  // Memory only: what a window holds does not depend on the iterations, so 2 per window keep this
  // run to minutes; the whole song is still analysed, optimised window by window, rebuilt and
  // written.
  const song10min = runChild({
    ...base,
    preset: 'default',
    settings: { iterations: 2 },
    content: longSong,
    output: join(dir, 'song-10min-out.wav'),
    previewEvery: 0,
  });
  return {
    defaultPreset10s: {
      clip: '10 s of the demo piano (44.1 kHz stereo), style: the drum-bass loop',
      ...summary(default10),
    },
    defaultPreset3MinuteSong: { clip: '180 s, 44.1 kHz stereo, 16-bit', ...summary(song3min) },
    defaultPreset10MinuteSongMemory: {
      clip: '600 s, 44.1 kHz stereo, 16-bit; 2 iterations per window (for memory, not time)',
      ...summary(song10min),
    },
    peer: peerFigures(content10, style, dir),
    quality: await qualityFigures(),
  };
}
