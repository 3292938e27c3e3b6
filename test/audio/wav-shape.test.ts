// A WAV's length, rate and channels from its headers alone (issue 10: memory is checked before
// clips are decoded) agree with the decoder on every real-world layout and corpus clip; anything
// it cannot read plainly is left to the decoder, and a pipe is never opened.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { readWav } from '../../src/main/audio';
import { peekWavShape } from '../../src/main/audio/wav-shape';
import { corpusDir, wavSamplesDir } from '../fixtures/paths';
import { chunk, fmtChunk, riffFile } from './wav-builder';

const dir = mkdtempSync(join(tmpdir(), 'timbrefold-wav-shape-'));

describe('a WAV’s shape from its headers', () => {
  test('agrees with the decoder on every file it can decode', async () => {
    const files = [
      ...readdirSync(wavSamplesDir).map((f) => join(wavSamplesDir, f)),
      ...readdirSync(corpusDir)
        .filter((f) => f.endsWith('.wav'))
        .slice(0, 12)
        .map((f) => join(corpusDir, f)),
    ].filter((f) => f.endsWith('.wav'));
    let compared = 0;
    for (const file of files) {
      const decoded = await readWav(file).catch(() => undefined);
      const shape = await peekWavShape(file);
      if (!decoded || !shape) continue;
      compared++;
      assert.deepEqual(
        shape,
        {
          frames: decoded.audio.channels[0]!.length,
          sampleRate: decoded.audio.sampleRate,
          channels: decoded.audio.channels.length,
        },
        file,
      );
    }
    assert.ok(compared >= 25, `${compared} files compared`);
  });

  test('a file cut short counts the frames it holds, not the ones it declares', async () => {
    const data = new Uint8Array(4000);
    const path = join(dir, 'cut.wav');
    writeFileSync(
      path,
      riffFile([
        fmtChunk({ tag: 1, channels: 2, sampleRate: 8000, bits: 16 }),
        chunk('data', data, { declaredSize: 4_000_000 }),
      ]),
    );
    assert.deepEqual(await peekWavShape(path), { frames: 1000, sampleRate: 8000, channels: 2 });
  });

  test('what it cannot read plainly is left to the decoder; a pipe is not opened', async () => {
    const text = join(dir, 'notes.wav');
    writeFileSync(text, 'not audio at all');
    const fifo = join(dir, 'pipe.wav');
    execFileSync('mkfifo', [fifo]);
    for (const path of [text, fifo, join(dir, 'missing.wav'), dir])
      assert.equal(await peekWavShape(path), undefined, path);
  });
});
