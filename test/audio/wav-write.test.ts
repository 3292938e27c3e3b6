// writeWav: what it writes reads back; it never overwrites an input; a failed encode leaves the
// old file in place.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusFile } from '../fixtures/paths';
import { FileWriteError, InvalidAudioError, readWav, writeWav } from '../../src/main/audio';

describe('writeWav', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'timbrefold-write-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a corpus clip written as 24-bit reads back sample for sample', async () => {
    const { audio } = await readWav(corpusFile('long_drum_bass_loop_44k_stereo.wav'));
    const path = join(dir, 'loop-24.wav');
    const report = await writeWav(path, audio, { sampleFormat: 'pcm24' });
    assert.deepEqual(report, { clippedSamples: 0, dithered: false });
    const back = await readWav(path);
    assert.equal(back.format.bitDepth, 24);
    assert.deepEqual(back.audio.channels, audio.channels);
  });

  test('refuses to overwrite a protected input', async () => {
    const input = join(dir, 'flute.wav');
    copyFileSync(corpusFile('flute_acoustic_073-060-127.wav'), input);
    const { audio } = await readWav(input);
    await assert.rejects(
      writeWav(input, audio, { sampleFormat: 'float32', protect: [input] }),
      (error: unknown) => {
        assert.ok(error instanceof FileWriteError);
        assert.equal(error.code, 'PROTECTED');
        return true;
      },
    );
    assert.deepEqual(
      readFileSync(input),
      readFileSync(corpusFile('flute_acoustic_073-060-127.wav')),
    );
  });

  test('audio with NaN is refused and the existing file stays as it was', async () => {
    const path = join(dir, 'keep.wav');
    copyFileSync(corpusFile('speech_espeak_en-us.wav'), path);
    const bad = { sampleRate: 16000, channels: [Float32Array.of(0, Number.NaN)] };
    await assert.rejects(writeWav(path, bad, { sampleFormat: 'pcm16' }), InvalidAudioError);
    assert.deepEqual(readFileSync(path), readFileSync(corpusFile('speech_espeak_en-us.wav')));
    assert.ok(!readdirSync(dir).some((f) => f.endsWith('.tmp')));
  });
});
