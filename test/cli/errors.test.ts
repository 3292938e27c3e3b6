import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { corpusFile, wavSamplesDir } from '../fixtures/paths';
import { runCli } from './run-cli';

const workDir = mkdtempSync(join(tmpdir(), 'timbrefold-cli-errors-'));

/** A user's mistake: one sentence on stderr, no stack trace, nothing on stdout. */
function assertOneSentence(stderr: string): void {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, `expected one line, got:\n${stderr}`);
  assert.match(lines[0]!, /^timbrefold: \S.+[.)]$/);
  assert.doesNotMatch(stderr, /\bat .+:\d+:\d+/, 'no stack trace');
}

describe('timbrefold errors', () => {
  test('a missing file', async () => {
    const run = await runCli(['info', join(workDir, 'nope.wav')]);
    assert.equal(run.code, 1);
    assertOneSentence(run.stderr);
    assert.match(run.stderr, /nope\.wav/);
  });

  test('a fuzz crasher is refused with a clear sentence and no output file', async () => {
    const out = join(workDir, 'crash.png');
    const run = await runCli([
      'spectrogram',
      join(wavSamplesDir, 'crash-24728523ef4be15c838293b676f6853e73723bf4.wav'),
      out,
    ]);
    assert.equal(run.code, 1);
    assertOneSentence(run.stderr);
    assert.equal(existsSync(out), false);
  });

  test('an absurd parameter names the option and exits 2', async () => {
    const run = await runCli([
      'resynth',
      corpusFile('speech_espeak_en-us.wav'),
      join(workDir, 'x.wav'),
      '--n-fft',
      '1000',
    ]);
    assert.equal(run.code, 2);
    assertOneSentence(run.stderr);
    assert.match(run.stderr, /--n-fft/);
    assert.equal(existsSync(join(workDir, 'x.wav')), false);
  });

  test('an unknown command is a usage error', async () => {
    const run = await runCli(['frobnicate']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /unknown command 'frobnicate'/);
  });

  test('the input is never the output', async () => {
    const input = corpusFile('speech_espeak_en-us.wav');
    const run = await runCli(['convert', input, input, '--bits', '24']);
    assert.equal(run.code, 1);
    assertOneSentence(run.stderr);
    assert.match(run.stderr, /overwrite/);
  });

  test('--help lists every command', async () => {
    const run = await runCli(['--help']);
    assert.equal(run.code, 0);
    for (const command of ['info', 'convert', 'spectrogram', 'resynth'])
      assert.match(run.stdout, new RegExp(`\\b${command}\\b`));
  });
});
