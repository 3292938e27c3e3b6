import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { readWav } from '../../src/main/audio';
import { corpusFile } from '../fixtures/paths';
import { runCli } from './run-cli';

const workDir = mkdtempSync(join(tmpdir(), 'timbrefold-cli-resynth-'));

describe('timbrefold resynth', () => {
  test('rebuilds a sound from its magnitude, same length and format, and reports convergence', async () => {
    const input = corpusFile('drums_groove_120bpm.wav');
    const out = join(workDir, 'drums.wav');
    const run = await runCli(['resynth', input, out, '--iters', '60', '--json']);
    assert.equal(run.code, 0, run.stderr);
    const summary = JSON.parse(run.stdout) as { spectralConvergence: number[]; iterations: number };
    assert.equal(summary.iterations, 60);
    assert.equal(summary.spectralConvergence.length, 1);
    assert.ok(
      summary.spectralConvergence[0]! < 0.15,
      `spectral convergence ${summary.spectralConvergence[0]}`,
    );
    const source = await readWav(input);
    const result = await readWav(out);
    assert.equal(result.audio.channels[0]!.length, source.audio.channels[0]!.length);
    assert.equal(result.format.sampleRate, source.format.sampleRate);
    assert.equal(result.format.bitDepth, source.format.bitDepth);
  });

  test('more iterations converge further, and fast Griffin-Lim beats plain at the same count', async () => {
    const input = corpusFile('speech_espeak_en-us.wav');
    const convergence = async (method: string, iters: number): Promise<number> => {
      const run = await runCli([
        'resynth',
        input,
        join(workDir, `speech-${method}-${iters}.wav`),
        '--iters',
        String(iters),
        '--method',
        method,
        '--json',
      ]);
      assert.equal(run.code, 0, run.stderr);
      return (JSON.parse(run.stdout) as { spectralConvergence: number[] }).spectralConvergence[0]!;
    };
    const gl10 = await convergence('gl', 10);
    const gl40 = await convergence('gl', 40);
    const fgla40 = await convergence('fgla', 40);
    assert.ok(gl40 < gl10, `gl: 40 iterations (${gl40}) no better than 10 (${gl10})`);
    assert.ok(fgla40 < gl40, `fgla (${fgla40}) no better than gl (${gl40}) at 40 iterations`);
  });

  test('stereo input keeps both channels; each gets its own convergence figure', async () => {
    const out = join(workDir, 'loop.wav');
    const run = await runCli([
      'resynth',
      corpusFile('long_drum_bass_loop_44k_stereo.wav'),
      out,
      '--iters',
      '5',
      '--phase',
      'zero',
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /channel 1: 0\.\d+ \(-?\d+\.\d dB\), channel 2: 0\.\d+/);
    assert.equal((await readWav(out)).audio.channels.length, 2);
    assert.ok(existsSync(out));
  });
});
