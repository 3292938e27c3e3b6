import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { readWav } from '../../src/main/audio';
import { corpusFile } from '../fixtures/paths';
import { runCli } from './run-cli';

const workDir = mkdtempSync(join(tmpdir(), 'timbrefold-cli-convert-'));
const sha256 = (path: string): string =>
  createHash('sha256').update(readFileSync(path)).digest('hex');

function rms(samples: Float32Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / samples.length);
}

describe('timbrefold convert', () => {
  test('resamples, re-quantises and leaves the original untouched', async () => {
    const input = corpusFile('long_piano_melody_44k_stereo.wav');
    const before = sha256(input);
    const out = join(workDir, 'piano-48k-24.wav');
    const run = await runCli(['convert', input, out, '--rate', '48000', '--bits', '24']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(sha256(input), before, 'the input file changed');
    const source = await readWav(input);
    const result = await readWav(out);
    assert.equal(result.format.sampleRate, 48000);
    assert.equal(result.format.bitDepth, 24);
    assert.equal(result.format.codec, 'pcm');
    assert.equal(result.audio.channels.length, 2);
    assert.equal(result.audio.channels[0]!.length, 12 * 48000);
    // Same level after resampling (a band-limited piano keeps its energy within 0.1 dB).
    const levelChange =
      20 * Math.log10(rms(result.audio.channels[0]!) / rms(source.audio.channels[0]!));
    assert.ok(Math.abs(levelChange) < 0.1, `level changed by ${levelChange.toFixed(3)} dB`);
  });

  test('mixes down to mono and writes 32-bit float', async () => {
    const input = corpusFile('long_drum_bass_loop_44k_stereo.wav');
    const out = join(workDir, 'loop-mono.wav');
    const run = await runCli(['convert', input, out, '--channels', '1', '--bits', '32f']);
    assert.equal(run.code, 0, run.stderr);
    const source = await readWav(input);
    const result = await readWav(out);
    assert.equal(result.format.codec, 'float');
    assert.equal(result.format.bitDepth, 32);
    assert.equal(result.audio.channels.length, 1);
    const [left, right] = source.audio.channels as [Float32Array, Float32Array];
    const mono = result.audio.channels[0]!;
    for (const i of [0, 1000, 250_000, 529_199]) {
      assert.ok(
        Math.abs(mono[i]! - (left[i]! + right[i]!) / 2) < 1e-6,
        `sample ${i} is not the mean of L and R`,
      );
    }
  });

  test('encodes mid/side that decodes back to the original stereo', async () => {
    const input = corpusFile('long_piano_melody_44k_stereo.wav');
    const out = join(workDir, 'piano-ms.wav');
    const run = await runCli(['convert', input, out, '--mid-side', '--bits', '32f']);
    assert.equal(run.code, 0, run.stderr);
    const [left, right] = (await readWav(input)).audio.channels as [Float32Array, Float32Array];
    const [mid, side] = (await readWav(out)).audio.channels as [Float32Array, Float32Array];
    let worst = 0;
    for (let i = 0; i < left.length; i++) {
      // Whatever the scaling convention, L and R are recovered from M and S by the inverse.
      const l = mid[i]! + side[i]!;
      const r = mid[i]! - side[i]!;
      worst = Math.max(worst, Math.abs(l - left[i]!), Math.abs(r - right[i]!));
    }
    assert.ok(worst < 1e-6, `mid/side round trip error ${worst}`);
  });

  test('duplicates mono into stereo', async () => {
    const out = join(workDir, 'flute-stereo.wav');
    const run = await runCli([
      'convert',
      corpusFile('flute_acoustic_073-060-127.wav'),
      out,
      '--channels',
      '2',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const result = await readWav(out);
    assert.equal(result.audio.channels.length, 2);
    assert.deepEqual(result.audio.channels[0], result.audio.channels[1]);
    assert.equal(result.format.bitDepth, 16, 'keeps the input bit depth when --bits is not given');
  });
});
