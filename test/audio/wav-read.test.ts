// Reading from disk: file-system problems become AudioFileError with a sentence to act on.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusFile } from '../fixtures/paths';
import { AudioFileError, readWav } from '../../src/main/audio';
import type { AudioFileErrorCode } from '../../src/main/audio';
import { fileSystemReadError } from '../../src/main/audio/wav-read';

async function expectReadError(
  path: string,
  code: AudioFileErrorCode,
  message: RegExp,
  options = {},
): Promise<void> {
  await assert.rejects(readWav(path, options), (error: unknown) => {
    assert.ok(error instanceof AudioFileError, String(error));
    assert.equal(error.code, code, error.message);
    assert.equal(error.path, path);
    assert.match(error.message, message);
    return true;
  });
}

describe('readWav', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'timbrefold-read-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('reads a corpus file', async () => {
    const { audio, format } = await readWav(corpusFile('long_piano_melody_44k_stereo.wav'));
    assert.equal(format.sampleRate, 44100);
    assert.equal(audio.channels.length, 2);
    assert.equal(audio.channels[0]!.length, 529_200);
  });

  test('a missing file', () =>
    expectReadError(
      join(dir, 'flute.wav'),
      'NOT_FOUND',
      /^flute\.wav was not found \(no file at .*flute\.wav\)\.$/,
    ));
  test('a path through a file', () =>
    expectReadError(
      join(corpusFile('speech_espeak_en-us.wav'), 'x.wav'),
      'NOT_FOUND',
      /x\.wav was not found/,
    ));
  test('a folder', () => {
    mkdirSync(join(dir, 'takes.wav'));
    return expectReadError(
      join(dir, 'takes.wav'),
      'NOT_A_FILE',
      /^takes\.wav is a folder, not a WAV file\.$/,
    );
  });
  test('a device that would stream forever', () =>
    expectReadError('/dev/zero', 'NOT_A_FILE', /not a regular file/));
  test('a named pipe', () => {
    const fifo = join(dir, 'pipe.wav');
    execFileSync('mkfifo', [fifo]);
    return expectReadError(fifo, 'NOT_A_FILE', /not a regular file/);
  });
  test('a symlink loop', () => {
    symlinkSync(join(dir, 'b.wav'), join(dir, 'a.wav'));
    symlinkSync(join(dir, 'a.wav'), join(dir, 'b.wav'));
    return expectReadError(join(dir, 'a.wav'), 'NOT_FOUND', /loop/);
  });
  test('a file over the size limit', () => {
    const path = join(dir, 'long.wav');
    copyFileSync(corpusFile('flute_acoustic_073-060-127.wav'), path);
    return expectReadError(path, 'TOO_LARGE', /^long\.wav is 0\.1 MB, more than the 0\.1 MB/, {
      maxBytes: 100_000,
    });
  });
  test('an MP3 named .wav, read from disk, names the file', () => {
    const path = join(dir, 'flute.wav');
    writeFileSync(path, Buffer.from('ID3\x04\0\0\0\0\0\0 some mp3 bytes'));
    return expectReadError(path, 'NOT_WAV', /^flute\.wav is an MP3 file, not a WAV/);
  });

  test('an unreadable file (chmod 000) is refused, unless we run as root, who may read anything', async () => {
    const path = join(dir, 'locked.wav');
    copyFileSync(corpusFile('flute_acoustic_073-060-127.wav'), path);
    chmodSync(path, 0o000);
    if (process.getuid?.() === 0) {
      const { format } = await readWav(path);
      assert.equal(format.frames, 64000);
    } else {
      await expectReadError(path, 'PERMISSION_DENIED', /cannot be read: permission denied/);
    }
  });

  test('permission and I/O errors from the system map to their codes', () => {
    const systemError = (code: string) =>
      Object.assign(new Error(`${code}: open`), { code, syscall: 'open' });
    const cases: [string, AudioFileErrorCode, RegExp][] = [
      ['EACCES', 'PERMISSION_DENIED', /^a\.wav cannot be read: permission denied/],
      ['EPERM', 'PERMISSION_DENIED', /permission denied/],
      ['EIO', 'READ_FAILED', /^a\.wav could not be read \(EIO\)\.$/],
      ['ENAMETOOLONG', 'NOT_FOUND', /too long/],
      ['EISDIR', 'NOT_A_FILE', /folder/],
    ];
    for (const [errno, code, message] of cases) {
      const mapped = fileSystemReadError(systemError(errno), '/x/a.wav');
      assert.ok(mapped instanceof AudioFileError);
      assert.equal(mapped.code, code);
      assert.match(mapped.message, message);
    }
    const ours = new AudioFileError('TOO_LARGE', '/x/a.wav', 'a.wav is too large.');
    assert.equal(
      fileSystemReadError(ours, '/x/a.wav'),
      ours,
      'our own errors pass through unchanged',
    );
  });
});
