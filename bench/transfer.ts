// Transfer benchmarks (issue 3): the default preset on a 10 s clip (time to the first audible
// preview and to the finished WAV), a 3-minute stereo song at the default preset (time and peak
// memory), a 10-minute stereo song's peak memory (issue 14), and the PyTorch peer side by side
// where Debian's python3-torch is installed.
// Issue 14: QUALITY.md's style gain and content correlation, and the seconds a user waits, on
// several 4 s corpus pairs for each variant of the shallow method (`quality`, bench/quality.ts);
// `TIMBREFOLD_BENCH_QUALITY_ONLY=1` runs only that part; TIMBREFOLD_BENCH_TRANSFER_PARTS picks
// others (comma-separated: 10s, 10s-thread, song3, song10, peer, quality; default all). The runs
// go through the job runner as the app does, each job in a process of its own; `10s-thread` runs
// the 10 s clip in a worker thread, as the command line does, to compare the two.
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

function runChild(
  request: TransferRequest,
  host: 'process' | 'thread' = 'process',
): Record<string, unknown> {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'bench/transfer-child.ts'), JSON.stringify(request)],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
      env: { ...process.env, TIMBREFOLD_BENCH_JOB_HOST: host },
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
    jobHost: run['jobHost'],
    peakRssMiB: round(run['maxRssMiB'] as number, 0),
    runnerPeakRssMiB: round(run['runnerRssMiB'] as number, 0),
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
  const parts = (process.env['TIMBREFOLD_BENCH_TRANSFER_PARTS'] ?? '10s,song3,song10,peer,quality')
    .split(',')
    .map((p) => p.trim());
  const figures: Record<string, unknown> = {};
  const tenSeconds = (host: 'process' | 'thread') => ({
    clip: '10 s of the demo piano (44.1 kHz stereo), style: the drum-bass loop',
    ...summary(
      runChild(
        {
          ...base,
          preset: 'default',
          settings: {},
          content: content10,
          output: join(dir, `default-10s-${host}.wav`),
          previewEvery: 10,
        },
        host,
      ),
    ),
  });
  if (parts.includes('10s')) figures['defaultPreset10s'] = tenSeconds('process');
  if (parts.includes('10s-thread')) figures['defaultPreset10sInThread'] = tenSeconds('thread');
  if (parts.includes('song3'))
    figures['defaultPreset3MinuteSong'] = {
      clip: '180 s, 44.1 kHz stereo, 16-bit',
      ...summary(
        runChild({
          ...base,
          preset: 'default',
          settings: {},
          content: song,
          output: join(dir, 'song.wav'),
          previewEvery: 0,
        }),
      ),
    };
  // Memory only: what a window holds does not depend on the iterations, so 2 per window keep this
  // run to minutes; the whole song is still analysed, optimised window by window, rebuilt and
  // written.
  if (parts.includes('song10'))
    figures['defaultPreset10MinuteSongMemory'] = {
      clip: '600 s, 44.1 kHz stereo, 16-bit; 2 iterations per window (for memory, not time)',
      ...summary(
        runChild({
          ...base,
          preset: 'default',
          settings: { iterations: 2 },
          content: longSong,
          output: join(dir, 'song-10min-out.wav'),
          previewEvery: 0,
        }),
      ),
    };
  if (parts.includes('peer')) figures['peer'] = peerFigures(content10, style, dir);
  if (parts.includes('quality')) figures['quality'] = await qualityFigures();
  return figures;
}
