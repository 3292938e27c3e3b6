// Every kind of bad input gets an AudioFileError with the right code and a sentence naming the
// file; never a crash, a hang, or an allocation sized from a lying header.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { wavSamplesDir } from '../fixtures/paths';
import { AudioFileError, decodeWav } from '../../src/main/audio';
import type { AudioFileErrorCode } from '../../src/main/audio';
import { chunk, fmtChunk, packFloats, packInts, riffFile } from './wav-builder';

/** Decodes `bytes`, asserts an AudioFileError with `code` that names the file, returns its message. */
function rejectionOf(bytes: Uint8Array, code: AudioFileErrorCode, name: string): string {
  try {
    decodeWav(bytes, name);
  } catch (error) {
    assert.ok(error instanceof AudioFileError, `expected AudioFileError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.equal(error.path, name);
    assert.ok(error.message.includes(name), `message names the file: ${error.message}`);
    return error.message;
  }
  assert.fail(`expected ${code}, but the file decoded`);
}

function expectError(bytes: Uint8Array, code: AudioFileErrorCode, message?: RegExp | string): void {
  const actual = rejectionOf(bytes, code, 'flute.wav');
  if (typeof message === 'string') assert.equal(actual, message);
  else if (message) assert.match(actual, message);
}

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const withTail = (head: Uint8Array, length = 64) => {
  const out = new Uint8Array(Math.max(length, head.length));
  out.set(head);
  return out;
};
const fmt16 = fmtChunk({ tag: 1, channels: 1, sampleRate: 44100, bits: 16 });
const someSamples = chunk('data', packInts([[1], [2], [3], [4]], 2));

describe('files that are not WAV', () => {
  test('a FLAC file named .wav', () =>
    expectError(withTail(ascii('fLaC')), 'NOT_WAV', /is a FLAC file, not a WAV/));
  test('an MP3 with an ID3 tag named .wav', () =>
    expectError(
      withTail(ascii('ID3\x04')),
      'NOT_WAV',
      'flute.wav is an MP3 file, not a WAV: convert it first or import it in the app.',
    ));
  test('an MP3 starting with a frame sync', () =>
    expectError(withTail(Uint8Array.of(0xff, 0xfb, 0x90, 0x64)), 'NOT_WAV', /an MP3 file/));
  test('an AAC (ADTS) stream', () =>
    expectError(withTail(Uint8Array.of(0xff, 0xf1, 0x50, 0x80)), 'NOT_WAV', /an AAC file/));
  test('an Ogg file', () => expectError(withTail(ascii('OggS')), 'NOT_WAV', /Ogg/));
  test('an AIFF file', () => expectError(withTail(ascii('FORM\0\0\0\x20AIFF')), 'NOT_WAV', /AIFF/));
  test('an M4A file', () => expectError(withTail(ascii('\0\0\0\x20ftypM4A ')), 'NOT_WAV', /MP4/));
  test('a text file', () =>
    expectError(
      withTail(ascii('hello, this is not audio')),
      'NOT_WAV',
      /does not start with a RIFF\/WAVE header/,
    ));
  test('a RIFF file that is not WAVE (AVI)', () =>
    expectError(riffFile([someSamples], { form: 'AVI ' }), 'NOT_WAV', /type "AVI "/));
  test('a big-endian RIFX file', () =>
    expectError(riffFile([fmt16, someSamples], { magic: 'RIFX' }), 'UNSUPPORTED_LAYOUT', /RIFX/));
});

describe('truncated and empty files', () => {
  const whole = riffFile([fmt16, someSamples]);
  test('0 bytes', () => expectError(new Uint8Array(0), 'EMPTY', /is empty \(0 bytes\)/));
  test('cut inside the magic', () => expectError(whole.subarray(0, 2), 'TRUNCATED'));
  test('cut inside the RIFF header', () => expectError(whole.subarray(0, 8), 'TRUNCATED'));
  test('the RIFF header alone', () => expectError(whole.subarray(0, 12), 'TRUNCATED'));
  test('cut inside the fmt chunk', () =>
    expectError(whole.subarray(0, 30), 'TRUNCATED', /format header/));
  test('cut before the data chunk', () =>
    expectError(whole.subarray(0, 36), 'TRUNCATED', /before its audio data/));
  test('a data chunk of size 0', () =>
    expectError(riffFile([fmt16, chunk('data', new Uint8Array(0))]), 'EMPTY', /no audio samples/));
  test('no data chunk at all', () =>
    expectError(riffFile([fmt16, chunk('LIST', new Uint8Array(8))]), 'EMPTY', /no data chunk/));
  test('less than one frame of data', () =>
    expectError(
      riffFile([
        fmtChunk({ tag: 1, channels: 2, sampleRate: 44100, bits: 24 }),
        chunk('data', new Uint8Array(5)),
      ]),
      'EMPTY',
    ));
  test('no fmt chunk', () => expectError(riffFile([someSamples]), 'CORRUPT', /no format header/));
});

describe('codecs and layouts that cannot be decoded', () => {
  const codec = (tag: number) =>
    riffFile([
      fmtChunk({ tag, channels: 1, sampleRate: 44100, bits: 4, blockAlign: 256 }),
      someSamples,
    ]);
  test('MP3 inside a WAV (tag 0x55)', () =>
    expectError(codec(0x55), 'UNSUPPORTED_CODEC', /holds MP3 audio \(format tag 0x0055\)/));
  test('Microsoft ADPCM (tag 0x2)', () =>
    expectError(codec(0x2), 'UNSUPPORTED_CODEC', /Microsoft ADPCM/));
  test('IMA ADPCM (tag 0x11)', () => expectError(codec(0x11), 'UNSUPPORTED_CODEC', /IMA ADPCM/));
  test('an unknown tag', () =>
    expectError(codec(0x1234), 'UNSUPPORTED_CODEC', /unknown codec \(format tag 0x1234\)/));
  test('MP3 as an extensible sub-format', () =>
    expectError(
      riffFile([
        fmtChunk({
          tag: 0xfffe,
          channels: 1,
          sampleRate: 44100,
          bits: 16,
          extensible: { validBits: 16, channelMask: 4, subFormat: 0x55 },
        }),
        someSamples,
      ]),
      'UNSUPPORTED_CODEC',
      /MP3/,
    ));
  test('an extensible sub-format GUID that is not a known family', () => {
    const fmt = fmtChunk({
      tag: 0xfffe,
      channels: 1,
      sampleRate: 44100,
      bits: 16,
      extensible: { validBits: 16, channelMask: 4, subFormat: 1 },
    });
    fmt.data[30] = 0x42;
    expectError(riffFile([fmt, someSamples]), 'UNSUPPORTED_CODEC', /unknown sample format/);
  });
  const layout = (spec: Partial<Parameters<typeof fmtChunk>[0]>) =>
    riffFile([
      fmtChunk({ tag: 1, channels: 1, sampleRate: 44100, bits: 16, ...spec }),
      someSamples,
    ]);
  test('0 channels', () =>
    expectError(layout({ channels: 0, blockAlign: 2 }), 'CORRUPT', /0 channels/));
  test('100 channels', () =>
    expectError(layout({ channels: 100 }), 'UNSUPPORTED_LAYOUT', /100 channels/));
  test('a sample rate of 0 Hz', () => expectError(layout({ sampleRate: 0 }), 'CORRUPT', /0 Hz/));
  test('a sample rate of 5 Hz', () =>
    expectError(layout({ sampleRate: 5 }), 'UNSUPPORTED_LAYOUT', /5 Hz/));
  test('0 bits per sample', () =>
    expectError(layout({ bits: 0, blockAlign: 0 }), 'CORRUPT', /0 bits/));
  test('48-bit PCM', () => expectError(layout({ bits: 48 }), 'UNSUPPORTED_LAYOUT', /48-bit PCM/));
  test('16-bit float', () =>
    expectError(layout({ tag: 3, bits: 16 }), 'UNSUPPORTED_LAYOUT', /floating-point/));
  test('a 12-byte fmt chunk', () =>
    expectError(
      riffFile([chunk('fmt ', fmt16.data.subarray(0, 12)), someSamples]),
      'CORRUPT',
      /12 bytes/,
    ));
  test('an extensible fmt chunk of 18 bytes', () => {
    const short = fmtChunk({ tag: 0xfffe, channels: 1, sampleRate: 44100, bits: 16, cbSize: true });
    expectError(riffFile([short, someSamples]), 'CORRUPT', /instead of 40/);
  });
  test('a fmt chunk whose size runs past the end of the file', () =>
    expectError(riffFile([chunk('fmt ', fmt16.data, { declaredSize: 0xfffffff0 })]), 'TRUNCATED'));
});

describe('samples that are not numbers', () => {
  const float32 = fmtChunk({ tag: 3, channels: 2, sampleRate: 1000, bits: 32 });
  test('NaN in a 32-bit float file, located by channel and time', () =>
    expectError(
      riffFile([
        float32,
        chunk(
          'data',
          packFloats(
            [
              [0, 0],
              [0, 0],
              [0, NaN],
              [NaN, 0],
            ],
            4,
          ),
        ),
      ]),
      'NON_FINITE',
      /2 samples .* channel 2 at 0\.002 s/,
    ));
  test('infinity in a 32-bit float file', () =>
    expectError(
      riffFile([float32, chunk('data', packFloats([[Infinity, 0]], 4))]),
      'NON_FINITE',
      /channel 1 at 0\.000 s/,
    ));
  test('a 64-bit float beyond the 32-bit range', () =>
    expectError(
      riffFile([
        fmtChunk({ tag: 3, channels: 1, sampleRate: 1000, bits: 64 }),
        chunk('data', packFloats([[1e300]], 8)),
      ]),
      'NON_FINITE',
    ));
});

describe('lying headers', () => {
  test('a data chunk declaring 4 GB in a 64-byte file decodes what is there', () => {
    const bytes = riffFile([
      fmt16,
      chunk('data', packInts([[1], [2], [3], [4], [5]], 2), { declaredSize: 0xffffffff }),
    ]);
    const { format, warnings } = decodeWav(bytes, 'flute.wav');
    assert.equal(format.frames, 5);
    assert.match(warnings[0]!, /declares 4294967295 bytes of audio but only 10 are present/);
  });
  test('a file of 100,000 empty chunks is walked to the end without a hang', () => {
    const empties = Array.from({ length: 100_000 }, () => chunk('JUNK', new Uint8Array(0)));
    expectError(riffFile([fmt16, ...empties]), 'EMPTY');
  });
});

describe("the fuzzing crashers from hound's samples", () => {
  const expected: Record<string, AudioFileErrorCode> = {
    'crash-24728523ef4be15c838293b676f6853e73723bf4.wav': 'TRUNCATED',
    'crash-b8447179832529c48f9c6bf17feab6337bbc78ea.wav': 'TRUNCATED',
    'crash-cbd757427cea12bd8a21f86cd8cf74d98ce56bee.wav': 'TRUNCATED',
    'crash-e5471f5b58397287b509db7d026e95f1724454f5.wav': 'CORRUPT',
    'crash-e879de4eb4d206c59e21f0e01def16457af80fdc.wav': 'TRUNCATED',
    'oom-48ae4cd061ff8578ad3f23dc87624bd365cf5216.wav': 'TRUNCATED',
  };
  test('all of them are covered', () =>
    assert.deepEqual(
      readdirSync(wavSamplesDir)
        .filter((f) => /^(crash|oom)-/.test(f))
        .sort(),
      Object.keys(expected).sort(),
    ));
  for (const [file, code] of Object.entries(expected)) {
    test(`${file} gets a clear AudioFileError (${code})`, () => {
      const message = rejectionOf(readFileSync(join(wavSamplesDir, file)), code, file);
      assert.ok(message.length < 200, message);
    });
  }
});
