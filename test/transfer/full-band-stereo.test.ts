// Issue 14, full band and true stereo by default: with no setting given (the default preset
// analyses at the content's own rate, channel by channel), a 44.1 kHz stereo content comes back at
// 44.1 kHz, stereo, with its channels different, and with energy above 11 kHz where the style has
// it. Before, the default's 22,050 Hz analysis cut everything above 11,025 Hz (the resampler's
// stopband, about -97 dB) and its mono analysis gave L == R.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { readWav } from '../../src/main/audio';
import { magnitude, stft } from '../../src/main/dsp';
import { runCli } from '../cli/run-cli';
import { corpusFile } from '../fixtures/paths';

const workDir = mkdtempSync(join(tmpdir(), 'timbrefold-full-band-'));

/** Fraction of a channel's spectral energy above `hz`. */
function energyAbove(samples: Float32Array, rate: number, hz: number): number {
  const spectrum = stft(samples, { nFft: 2048, hop: 512 });
  const power = magnitude(spectrum);
  const first = Math.ceil((hz / rate) * 2048);
  let above = 0;
  let total = 0;
  for (let t = 0; t < spectrum.frames; t++)
    for (let k = 0; k < spectrum.bins; k++) {
      const p = power[t * spectrum.bins + k]! ** 2;
      total += p;
      if (k >= first) above += p;
    }
  return above / total;
}

describe('full band, true stereo', () => {
  test('a 44.1 kHz stereo content comes back at 44.1 kHz, stereo, L != R, energy above 11 kHz', async () => {
    const out = join(workDir, 'piano-drums.wav');
    const run = await runCli([
      'transfer',
      '--content',
      corpusFile('long_piano_melody_44k_stereo.wav'),
      '--style',
      corpusFile('long_drum_bass_loop_44k_stereo.wav'),
      '--region',
      '0:2',
      '--out',
      out,
      '--iterations',
      '20',
      '--phase-iterations',
      '16',
      '--json',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const done = JSON.parse(run.stdout.trim().split('\n').pop()!) as {
      settings: { network: string; analysisRate: number; channelMode: string };
    };
    assert.deepEqual(
      [done.settings.network, done.settings.analysisRate, done.settings.channelMode],
      ['kernel', 0, 'per-channel'],
      'the default preset',
    );
    const { format, audio } = await readWav(out);
    assert.equal(format.sampleRate, 44100);
    assert.equal(audio.channels.length, 2);
    const [left, right] = audio.channels as [Float32Array, Float32Array];
    let difference = 0;
    let level = 0;
    for (let i = 0; i < left.length; i++) {
      difference += (left[i]! - right[i]!) ** 2;
      level += left[i]! ** 2 + right[i]! ** 2;
    }
    // Per-channel: each channel its own transfer, so L and R differ by far more than rounding.
    assert.ok(difference > 1e-3 * level, `L - R energy ${difference} of ${level}`);
    for (const channel of [left, right]) {
      const share = energyAbove(channel, 44100, 11025);
      // The 22,050 Hz analysis left ~1e-10 of the energy up there (the resampler's stopband); the
      // full-band result keeps a share of the order of the content's (~1e-3 for this piano).
      assert.ok(share > 1e-5, `energy above 11,025 Hz: ${share.toExponential(2)} of the total`);
    }
  });
});
