// Issue 14's figures: QUALITY.md's style gain and content-envelope correlation, and the seconds a
// user waits (the `timbrefold transfer` process, start to finished WAV), on several 4 s corpus
// content/style pairs, for each variant of the shallow method, and the PyTorch peer (`ulyanov`,
// 300 L-BFGS-B iterations from noise, 500 Griffin-Lim iterations) where Debian's python3-torch is
// installed. The pairs were fixed before measuring (one per content family of the corpus, styles
// from other families); nothing was tuned on them.
//
// Environment: TIMBREFOLD_BENCH_VARIANTS (comma-separated names of VARIANTS below, default all),
// TIMBREFOLD_BENCH_PAIRS (how many of PAIRS, default all), TIMBREFOLD_BENCH_PEER_PAIRS (how many
// pairs the peer runs, default all: about 100 s each on 2 cores; `ulyanov` takes longer).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMonoClip } from '../src/main/evaluation/quality-files';
import { measureResult, qualityReference } from '../src/main/evaluation/result-quality';
import { writeWav } from '../src/main/audio';
import { corpusFile, repoRoot, sharedDir } from '../test/fixtures/paths';

/** Content, style: 4 s each (the drum groove's first 4 s). */
export const PAIRS: readonly [string, string][] = [
  ['speech_espeak_en-us.wav', 'string_acoustic_040-062-100.wav'],
  ['keyboard_acoustic_000-045-112.wav', 'flute_acoustic_073-067-050.wav'],
  ['guitar_acoustic_024-059-080.wav', 'string_acoustic_040-069-080.wav'],
  ['drums_groove_120bpm.wav', 'flute_acoustic_073-079-064.wav'],
  ['string_acoustic_040-076-127.wav', 'guitar_acoustic_024-047-064.wav'],
];

/**
 * Each variant's `timbrefold transfer` flags. `default` is the preset as it is (issue 14: the kernel
 * form at the content's rate, channel by channel, 50 iterations); the others change one thing of it,
 * or are the finite default before issue 14, or the reference's own settings.
 */
export const VARIANTS: Readonly<Record<string, readonly string[]>> = {
  default: ['--preset', 'default'],
  'kernel-20': ['--iterations', '20'],
  'kernel-100': ['--iterations', '100'],
  // The band the default had before: 22,050 Hz analysis (these contents are 16 kHz, so this
  // upsamples; it shows what the analysis rate alone changes).
  'kernel-22050': ['--analysis-rate', '22050'],
  // Seed 004's frequency envelope term on top of the kernel style term.
  'kernel-frequency-0.1': ['--frequency-weight', '0.1'],
  // Following the content's dynamics after phase reconstruction: not at all, and fully.
  'follow-0': ['--follow-dynamics', '0'],
  'follow-1': ['--follow-dynamics', '1'],
  'before-issue-14': [
    '--network',
    'finite',
    '--analysis-rate',
    '22050',
    '--channels',
    'mono',
    '--iterations',
    '12',
    '--window-seconds',
    '10',
    '--follow-dynamics',
    '0',
  ],
  ulyanov: ['--preset', 'ulyanov'],
};

const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

interface Row {
  styleGain: number;
  contentCorrelation: number;
  seconds: number;
}

function timed(command: string, args: string[]): number {
  const started = performance.now();
  const run = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 2 ** 26 });
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${run.stderr}`);
  return (performance.now() - started) / 1000;
}

function mean(rows: readonly Row[]): Row {
  const m = (key: keyof Row) => round(rows.reduce((s, r) => s + r[key], 0) / rows.length);
  return {
    styleGain: m('styleGain'),
    contentCorrelation: m('contentCorrelation'),
    seconds: round(rows.reduce((s, r) => s + r.seconds, 0) / rows.length, 1),
  };
}

export async function qualityFigures(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'timbrefold-bench-quality-'));
  const wanted = process.env['TIMBREFOLD_BENCH_VARIANTS']?.split(',') ?? Object.keys(VARIANTS);
  const pairs = PAIRS.slice(0, Number(process.env['TIMBREFOLD_BENCH_PAIRS'] ?? PAIRS.length));
  const peerPairs = Number(process.env['TIMBREFOLD_BENCH_PEER_PAIRS'] ?? pairs.length);
  const peerScript = join(sharedDir, 'peer', 'ulyanov_torch.py');
  const peerReady =
    existsSync(peerScript) &&
    spawnSync('/usr/bin/python3', ['-c', 'import torch, scipy, soundfile']).status === 0;
  const rows: Record<string, Row[]> = {};
  const perPair: Record<string, unknown>[] = [];
  for (const [i, [contentName, styleName]] of pairs.entries()) {
    // 4 s of each, written as WAVs so that every tool reads the same samples.
    const content = join(dir, `content-${i}.wav`);
    const style = join(dir, `style-${i}.wav`);
    for (const [from, to] of [
      [contentName, content],
      [styleName, style],
    ] as const) {
      const clip = await loadMonoClip(corpusFile(from));
      const length = Math.min(clip.samples.length, Math.round(4 * clip.sampleRate));
      await writeWav(
        to,
        { sampleRate: clip.sampleRate, channels: [clip.samples.slice(0, length)] },
        { sampleFormat: 'float32' },
      );
    }
    const reference = qualityReference(await loadMonoClip(content), [await loadMonoClip(style)]);
    const measure = async (path: string, seconds: number): Promise<Row> => {
      const q = measureResult(
        reference,
        await loadMonoClip(path, (await loadMonoClip(content)).sampleRate),
      );
      return {
        styleGain: round(q.styleGain),
        contentCorrelation: round(q.contentCorrelation),
        seconds: round(seconds, 1),
      };
    };
    const pair: Record<string, unknown> = { content: contentName, style: styleName };
    for (const name of wanted) {
      const flags = VARIANTS[name];
      if (!flags) throw new Error(`unknown variant ${name}`);
      const out = join(dir, `${name}-${i}.wav`);
      const seconds = timed(process.execPath, [
        join(repoRoot, 'bin', 'timbrefold.js'),
        'transfer',
        '--content',
        content,
        '--style',
        style,
        '--out',
        out,
        ...flags,
        '--json',
      ]);
      const row = await measure(out, seconds);
      (rows[name] ??= []).push(row);
      pair[name] = row;
      process.stderr.write(`quality: pair ${i} ${name} ${JSON.stringify(row)}\n`);
    }
    if (peerReady && i < peerPairs) {
      const out = join(dir, `peer-${i}.wav`);
      const seconds = timed('/usr/bin/python3', [peerScript, content, style, out, '--quiet']);
      const row = await measure(out, seconds);
      (rows['peer'] ??= []).push(row);
      pair['peer'] = row;
      process.stderr.write(`quality: pair ${i} peer ${JSON.stringify(row)}\n`);
    }
    perPair.push(pair);
  }
  return {
    what: 'QUALITY.md style gain and content correlation, seconds per 4 s pair (process wall time)',
    peer: peerReady ? `ran on the first ${peerPairs} pairs` : 'skipped: python3-torch missing',
    means: Object.fromEntries(Object.entries(rows).map(([name, r]) => [name, mean(r)])),
    perPair,
  };
}
