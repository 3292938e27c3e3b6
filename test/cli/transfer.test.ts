// `timbrefold transfer` as a user runs it: the real bin in a child process, real corpus clips,
// a network small enough for a test (the same code paths as the presets).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { readWav } from '../../src/main/audio';
import { transferRequestOf } from '../../src/main/cli/transfer-command';
import { corpusFile } from '../fixtures/paths';
import { runCli } from './run-cli';

const workDir = mkdtempSync(join(tmpdir(), 'timbrefold-cli-transfer-'));
const content = corpusFile('speech_espeak_en-us.wav');
const style = corpusFile('string_acoustic_040-062-100.wav');
const small = [
  '--analysis-rate',
  '8000',
  '--n-fft',
  '512',
  '--filters',
  '64',
  '--kernel-width',
  '5',
];

describe('timbrefold transfer', () => {
  test('--json: one object per progress event, then a summary with the wall time of each phase', async () => {
    const out = join(workDir, 'json.wav');
    const run = await runCli([
      'transfer',
      '--content',
      content,
      '--style',
      style,
      '--out',
      out,
      ...small,
      '--iterations',
      '5',
      '--phase-iterations',
      '4',
      '--alpha',
      '0.05',
      '--json',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const progress = lines.filter((line) => line['event'] === 'progress');
    const done = lines.at(-1)!;
    assert.equal(done['event'], 'done');
    const phases = new Set(progress.map((p) => p['phase']));
    for (const phase of ['analysis', 'optimisation', 'reconstruction', 'writing'])
      assert.ok(phases.has(phase), `a progress event in ${phase}`);
    const optimisation = progress.filter((p) => p['phase'] === 'optimisation');
    assert.deepEqual(
      optimisation.map((p) => p['iteration']),
      [1, 2, 3, 4, 5],
      'no draft preview on the command line: iterations 1 to 5',
    );
    const wall = done['wallSeconds'] as Record<string, number>;
    for (const phase of ['analysis', 'optimisation', 'reconstruction', 'total'])
      assert.ok(wall[phase]! >= 0 && wall[phase]! <= wall['total']!, `wall time of ${phase}`);
    assert.equal(done['iterations'], 5);
    assert.match(String(done['backend']), /^(wasm|cpu|tensorflow)/);
    const written = await readWav(out);
    assert.equal(written.format.sampleRate, (await readWav(content)).format.sampleRate);
    const recipe = JSON.parse(readFileSync(String(done['recipe']), 'utf8')) as {
      settings: { contentWeight: number; hop: number; filters: number };
    };
    assert.equal(recipe.settings.contentWeight, 0.05, '--alpha is the content weight');
    assert.equal(recipe.settings.hop, 128, '--n-fft without --hop keeps the quarter-window hop');
    assert.equal(recipe.settings.filters, 64);
  });

  test('bad settings: one sentence on stderr, exit 2 for a usage mistake, 1 for the input, nothing written', async () => {
    const out = join(workDir, 'refused.wav');
    const args = ['transfer', '--content', content, '--style', style, '--out', out, ...small];
    const usage = await runCli([...args, '--kernel-width', '4000']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--kernel-width must be a whole number from 1 to 255/);
    // Within the flag's range, but wider than the style clip's frames at this analysis.
    const input = await runCli([...args, '--kernel-width', '255']);
    assert.equal(input.code, 1);
    assert.match(input.stderr, /kernelWidth 255 is wider than styles\[0\]/);
    for (const run of [usage, input]) {
      assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(run.stderr.trim().split('\n').length, 1, 'one line');
    }
    assert.equal(existsSync(out), false);
  });

  test('with no inputs it runs on the bundled demo sounds and writes timbrefold-demo.wav here', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'timbrefold-cli-demo-'));
    const run = await runCli(
      ['transfer', ...small, '--iterations', '2', '--phase-iterations', '2', '--json'],
      { cwd },
    );
    assert.equal(run.code, 0, run.stderr);
    const written = await readWav(join(cwd, 'timbrefold-demo.wav'));
    assert.ok(
      written.audio.channels[0]!.some((v) => Math.abs(v) > 1e-3),
      'not silent',
    );
    const recipe = JSON.parse(readFileSync(join(cwd, 'timbrefold-demo.recipe.json'), 'utf8')) as {
      content: { path: string };
    };
    assert.match(recipe.content.path, /resources[/\\]demo[/\\]/);
  });

  test('the flags both methods share map to the same settings names', () => {
    const shallow = transferRequestOf({
      method: 'shallow',
      content,
      style: [style],
      styleWeight: [],
      backend: 'wasm',
      alpha: 2,
      beta: 3,
      seed: 7,
      start: 'noise',
      optimiser: 'adam',
      iterations: 9,
      learningRate: 0.5,
      phaseMethod: 'gl',
      phaseIterations: 11,
      phaseStart: 'content',
      channels: 'mid-side',
      windowSeconds: 12,
    });
    assert.deepEqual(shallow.settings, {
      contentWeight: 2,
      styleWeight: 3,
      seed: 7,
      start: 'noise',
      optimiser: 'adam',
      iterations: 9,
      learningRate: 0.5,
      phaseMethod: 'gl',
      phaseIterations: 11,
      phaseStart: 'content',
      channelMode: 'mid-side',
      windowSeconds: 12,
    });
    assert.deepEqual(
      transferRequestOf({
        method: 'shallow',
        content,
        style: [style],
        styleWeight: [],
        backend: 'wasm',
      }).settings,
      {},
      'flags not given leave the preset alone',
    );
  });
});
