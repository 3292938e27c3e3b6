import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeAudioFile } from '../../src/main/services/audio-info';
import { corpusManifest } from '../fixtures/corpus-manifest';
import { corpusFile } from '../fixtures/paths';
import { runCli } from './run-cli';

describe('timbrefold info', () => {
  test('agrees with the corpus manifest (measured by sox) on every corpus file', async () => {
    for (const entry of corpusManifest()) {
      const info = await describeAudioFile(corpusFile(entry.file));
      assert.equal(info.sampleRate, entry.sample_rate, entry.file);
      assert.equal(info.channels, entry.channels, entry.file);
      assert.equal(info.bitDepth, 16, entry.file);
      assert.ok(Math.abs(info.durationSeconds - entry.duration_s) < 1e-6, entry.file);
      const peak = info.samplePeakDbfs;
      assert.ok(
        Math.abs(peak - entry.peak_dbfs) < 0.06,
        `${entry.file}: peak ${peak} vs sox ${entry.peak_dbfs}`,
      );
      const loudness = info.integratedLoudnessLufs;
      assert.ok(
        loudness < peak && loudness > -70,
        `${entry.file}: loudness ${loudness} LUFS is implausible`,
      );
    }
  });

  test('--json prints one object with every field', async () => {
    const run = await runCli(['info', '--json', corpusFile('flute_acoustic_073-060-127.wav')]);
    assert.equal(run.code, 0, run.stderr);
    const info = JSON.parse(run.stdout) as Record<string, unknown>;
    for (const key of [
      'format',
      'channels',
      'sampleRate',
      'bitDepth',
      'durationSeconds',
      'samplePeakDbfs',
      'integratedLoudnessLufs',
    ]) {
      assert.ok(key in info, `--json lacks ${key}`);
    }
    assert.equal(info['format'], 'WAV PCM');
  });

  test('prints a readable table', async () => {
    const run = await runCli(['info', corpusFile('long_piano_melody_44k_stereo.wav')]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Sample rate\s+44100 Hz$/m);
    assert.match(run.stdout, /^Channels\s+2$/m);
    assert.match(run.stdout, /^Duration\s+12\.000 s/m);
    assert.match(run.stdout, /^Loudness\s+-\d+\.\d LUFS$/m);
  });
});
