// Encoder and decoder together, at every output format, 8-192 kHz and 1-8 channels; the corpus
// survives a 16-bit round trip byte for byte; wavefile (an independent reader) agrees.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import wavefile from 'wavefile';
import { corpusFile } from '../fixtures/paths';
import { ParameterError } from '../../src/shared/user-error';
import { InvalidAudioError, decodeWav, encodeWav, encodeWavChunks } from '../../src/main/audio';
import type { EncodeReport, PcmAudio, WavSampleFormat } from '../../src/main/audio';

function noiseAudio(
  sampleRate: number,
  channels: number,
  frames: number,
  seed: number,
  level = 0.9,
): PcmAudio {
  let state = seed;
  const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  return {
    sampleRate,
    channels: Array.from({ length: channels }, () =>
      Float32Array.from({ length: frames }, () => next() * level),
    ),
  };
}

function fmtField(bytes: Uint8Array, offset: number, size: 2 | 4): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return size === 2 ? view.getUint16(offset, true) : view.getUint32(offset, true);
}

const lsb = { pcm16: 2 ** -15, pcm24: 2 ** -23 } as const;

describe('round trips', () => {
  test('float32 is exact at 8-192 kHz with 1-8 channels, values beyond full scale included', () => {
    for (const sampleRate of [8000, 11025, 22050, 44100, 48000, 96000, 192000]) {
      for (let channels = 1; channels <= 8; channels++) {
        const audio = noiseAudio(sampleRate, channels, 257, sampleRate + channels, 4);
        const { audio: back, format } = decodeWav(encodeWav(audio, { sampleFormat: 'float32' }));
        assert.equal(format.sampleRate, sampleRate);
        assert.equal(format.channels, channels);
        assert.equal(format.codec, 'float');
        assert.equal(format.extensible, channels > 2);
        back.channels.forEach((c, i) =>
          assert.deepEqual(c, audio.channels[i], `${sampleRate} Hz, ${channels} ch`),
        );
      }
    }
  });

  for (const sampleFormat of ['pcm16', 'pcm24'] as const) {
    test(`${sampleFormat} without dither is within half a step at 8-192 kHz with 1-8 channels`, () => {
      for (const sampleRate of [8000, 44100, 192000]) {
        for (let channels = 1; channels <= 8; channels++) {
          const audio = noiseAudio(sampleRate, channels, 301, channels * 7);
          const { audio: back, format } = decodeWav(
            encodeWav(audio, { sampleFormat, dither: false }),
          );
          assert.equal(format.bitDepth, sampleFormat === 'pcm16' ? 16 : 24);
          assert.equal(format.channels, channels);
          for (let c = 0; c < channels; c++) {
            for (let i = 0; i < 301; i++) {
              const error = Math.abs(back.channels[c]![i]! - audio.channels[c]![i]!);
              assert.ok(
                error <= lsb[sampleFormat] / 2 + 1e-12,
                `${sampleRate} Hz ch ${c}: error ${error / lsb[sampleFormat]} LSB`,
              );
            }
          }
        }
      }
    });
  }

  test('a 16-bit corpus file saved as 16-bit is byte-identical (no dither is added to exact samples)', () => {
    for (const name of ['flute_acoustic_073-060-127.wav', 'long_drum_bass_loop_44k_stereo.wav']) {
      const original = new Uint8Array(readFileSync(corpusFile(name)));
      const report: EncodeReport = { clippedSamples: 0, dithered: true };
      const again = encodeWav(decodeWav(original).audio, { sampleFormat: 'pcm16' }, report);
      assert.equal(report.dithered, false);
      // Both files are plain 44-byte-header PCM: the whole file must match.
      assert.deepEqual(again, original, name);
    }
  });

  test('16-bit audio widened to 24-bit keeps every sample exactly', () => {
    const { audio } = decodeWav(
      new Uint8Array(readFileSync(corpusFile('speech_espeak_en-us.wav'))),
    );
    const back = decodeWav(encodeWav(audio, { sampleFormat: 'pcm24' })).audio;
    assert.deepEqual(back.channels[0], audio.channels[0]);
  });

  test('samples beyond full scale are clipped to the extreme codes and counted', () => {
    const audio = { sampleRate: 48000, channels: [Float32Array.of(1.5, -1.5, 1, -1, 0.5)] };
    const report: EncodeReport = { clippedSamples: 0, dithered: false };
    const back = decodeWav(encodeWav(audio, { sampleFormat: 'pcm16', dither: false }, report)).audio
      .channels[0]!;
    assert.deepEqual(Array.from(back), [32767 / 32768, -1, 32767 / 32768, -1, 0.5]);
    assert.equal(report.clippedSamples, 3); // 1.5, -1.5, and +1.0 (32768, one above the top code)
  });

  test('an odd number of data bytes gets a pad byte and still decodes', () => {
    const audio = noiseAudio(44100, 1, 3, 5);
    const bytes = encodeWav(audio, { sampleFormat: 'pcm24' });
    assert.equal(bytes.length, 44 + 9 + 1);
    assert.equal(fmtField(bytes, 4, 4), bytes.length - 8);
    assert.equal(decodeWav(bytes).format.frames, 3);
  });
});

describe('headers', () => {
  const cases: [WavSampleFormat, number, number, number][] = [
    // format, channels, tag, fmt size
    ['pcm16', 1, 1, 16],
    ['pcm24', 2, 1, 16],
    ['float32', 2, 3, 18],
    ['pcm16', 6, 0xfffe, 40],
    ['float32', 8, 0xfffe, 40],
  ];
  for (const [sampleFormat, channels, tag, fmtSize] of cases) {
    test(`${sampleFormat} with ${channels} channel(s) is written with format tag 0x${tag.toString(16)}`, () => {
      const bytes = encodeWav(noiseAudio(48000, channels, 10, 1), { sampleFormat });
      assert.equal(fmtField(bytes, 16, 4), fmtSize);
      assert.equal(fmtField(bytes, 20, 2), tag);
      if (tag === 0xfffe) {
        assert.equal(fmtField(bytes, 40, 4), channels === 6 ? 0x3f : 0x63f, 'channel mask');
        assert.equal(bytes[44], sampleFormat === 'float32' ? 3 : 1, 'sub-format');
      }
      if (sampleFormat === 'float32')
        assert.equal(String.fromCharCode(...bytes.subarray(20 + fmtSize, 24 + fmtSize)), 'fact');
    });
  }

  test('a given channel mask is written and read back', () => {
    const bytes = encodeWav(noiseAudio(48000, 2, 10, 1), {
      sampleFormat: 'pcm16',
      channelMask: 0x600,
    });
    assert.equal(decodeWav(bytes).format.channelMask, 0x600);
  });
});

describe('an independent reader (wavefile) agrees', () => {
  for (const [sampleFormat, channels] of [
    ['pcm16', 2],
    ['pcm24', 2],
    ['pcm16', 6],
    ['float32', 2],
  ] as const) {
    test(`${sampleFormat}, ${channels} channels`, () => {
      const audio = noiseAudio(44100, channels, 500, 3);
      const bytes = encodeWav(audio, { sampleFormat, dither: false });
      const reader = new wavefile.WaveFile(bytes);
      const fmt = reader.fmt as { numChannels: number; sampleRate: number };
      assert.equal(fmt.numChannels, channels);
      assert.equal(fmt.sampleRate, 44100);
      const theirs = reader.getSamples(false, Float64Array) as unknown as Float64Array[];
      const scale = sampleFormat === 'float32' ? 1 : sampleFormat === 'pcm16' ? 2 ** 15 : 2 ** 23;
      const ours = decodeWav(bytes).audio;
      for (let c = 0; c < channels; c++) {
        for (let i = 0; i < 500; i++)
          assert.equal(theirs[c]![i]! / scale, ours.channels[c]![i]!, `channel ${c} sample ${i}`);
      }
    });
  }
});

describe('encoder behaviour', () => {
  test('the same seed gives the same bytes, another seed other dither', () => {
    const audio = noiseAudio(44100, 2, 1000, 9);
    const a = encodeWav(audio, { sampleFormat: 'pcm16', seed: 1 });
    assert.deepEqual(encodeWav(audio, { sampleFormat: 'pcm16', seed: 1 }), a);
    assert.notDeepEqual(encodeWav(audio, { sampleFormat: 'pcm16', seed: 2 }), a);
  });

  test('streamed blocks are at most about 1 MiB and add up to the whole file', () => {
    const audio = noiseAudio(48000, 2, 48000 * 4, 4);
    const blocks = [...encodeWavChunks(audio, { sampleFormat: 'pcm24' })];
    assert.ok(blocks.length > 2);
    for (const block of blocks) assert.ok(block.length <= 1 << 20);
    assert.deepEqual(
      Buffer.concat(blocks),
      Buffer.from(encodeWav(audio, { sampleFormat: 'pcm24' })),
    );
  });

  test('NaN, unequal channels and unknown formats are refused before anything is produced', () => {
    assert.throws(
      () =>
        encodeWav(
          { sampleRate: 8000, channels: [Float32Array.of(0, NaN)] },
          { sampleFormat: 'pcm16' },
        ),
      InvalidAudioError,
    );
    assert.throws(
      () =>
        encodeWav(
          { sampleRate: 8000, channels: [new Float32Array(3), new Float32Array(2)] },
          { sampleFormat: 'float32' },
        ),
      InvalidAudioError,
    );
    assert.throws(
      () =>
        encodeWav(
          { sampleRate: 44100.5, channels: [new Float32Array(3)] },
          { sampleFormat: 'float32' },
        ),
      InvalidAudioError,
    );
    assert.throws(
      () =>
        encodeWav(
          { sampleRate: 8000, channels: [new Float32Array(3)] },
          { sampleFormat: 'pcm8' as WavSampleFormat },
        ),
      ParameterError,
    );
  });
});
