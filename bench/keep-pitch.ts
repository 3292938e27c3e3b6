// The figures behind the shallow method's `timbre-only` preset (docs/presets.md): with a style
// clip that is one held note, how much of the result's pitch follows the content and how much sits
// on the style's note (evaluation/pitch-track.ts), beside QUALITY.md's style gain and content
// correlation, for each variant's `timbrefold transfer` flags.
//
// Environment: TIMBREFOLD_BENCH_VARIANTS (comma-separated names of VARIANTS, default all).
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWav, writeWav } from '../src/main/audio';
import {
  heldPitch,
  pitchFollowing,
  pitchTrack,
  PITCH_RATE,
} from '../src/main/evaluation/pitch-track';
import { evaluateResultFiles, loadMonoClip } from '../src/main/evaluation/quality-files';
import { corpusFile, repoRoot } from '../test/fixtures/paths';

/** Content (its first 4 s), and a style that holds one note. */
const PAIRS = [
  { content: 'long_piano_melody_44k_stereo.wav', style: 'string_acoustic_040-062-100.wav' },
  { content: 'speech_espeak_en-us.wav', style: 'flute_acoustic_073-072-100.wav' },
] as const;

const VARIANTS: Readonly<Record<string, readonly string[]>> = {
  default: ['--preset', 'default'],
  'alpha-0.1': ['--alpha', '0.1'],
  'n-fft-512': ['--n-fft', '512'],
  'n-fft-512-content-phase': ['--n-fft', '512', '--phase-start', 'content'],
  'iterations-4': ['--iterations', '4'],
  'alpha-1': ['--alpha', '1'],
  'timbre-only': ['--preset', 'timbre-only'],
  'alpha-3': ['--alpha', '3'],
  'alpha-10': ['--alpha', '10'],
};

async function pitchAt16k(path: string): Promise<Float64Array> {
  return pitchTrack((await loadMonoClip(path, PITCH_RATE)).samples);
}

export async function run(): Promise<Record<string, unknown>> {
  const wanted = process.env['TIMBREFOLD_BENCH_VARIANTS']?.split(',');
  const work = mkdtempSync(join(tmpdir(), 'timbrefold-keep-pitch-'));
  const rows = [];
  for (const pair of PAIRS) {
    const { audio } = await readWav(corpusFile(pair.content));
    const frames = 4 * audio.sampleRate;
    const content = join(work, `content-${pair.content}`);
    await writeWav(
      content,
      { sampleRate: audio.sampleRate, channels: audio.channels.map((c) => c.slice(0, frames)) },
      { sampleFormat: 'float32' },
    );
    const style = corpusFile(pair.style);
    const contentPitch = await pitchAt16k(content);
    const note = heldPitch(await pitchAt16k(style))!;
    for (const [variant, flags] of Object.entries(VARIANTS)) {
      if (wanted && !wanted.includes(variant)) continue;
      const out = join(work, `${variant}-${pair.content}`);
      const started = performance.now();
      const cli = spawnSync(
        process.execPath,
        [
          join(repoRoot, 'bin', 'timbrefold.js'),
          'transfer',
          '--content',
          content,
          '--style',
          style,
          '--out',
          out,
          ...flags,
        ],
        { stdio: ['ignore', 'ignore', 'inherit'] },
      );
      if (cli.status !== 0) throw new Error(`timbrefold transfer ${variant} failed`);
      const seconds = (performance.now() - started) / 1000;
      const [row] = (await evaluateResultFiles({ content, styles: [style], results: [out] })).rows;
      const follows = pitchFollowing(contentPitch, await pitchAt16k(out), note.midi);
      rows.push({
        pair: `${pair.content} / ${pair.style} (${note.note})`,
        variant,
        ...(row && 'error' in row
          ? { error: row.error }
          : { styleGain: row?.styleGain, contentCorrelation: row?.contentCorrelation }),
        pitchFollowsContent: follows.content,
        pitchOnStyleNote: follows.style,
        seconds,
      });
    }
  }
  return { rows };
}
