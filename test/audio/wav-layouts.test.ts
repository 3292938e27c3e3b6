// The reader on real files (the corpus, hound's test samples) and on every layout the issue lists,
// built byte by byte with known sample values.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir, corpusFile, wavSamplesDir } from '../fixtures/paths';
import { decodeWav, readWav, samplePeakDb } from '../../src/main/audio';
import { chunk, fmtChunk, packFloats, packInts, riffFile } from './wav-builder';

function assertSamples(actual: Float32Array, expected: number[], message: string): void {
  assert.deepEqual(Array.from(actual), expected.map(Math.fround), message);
}

describe('the shared corpus', () => {
  const manifest = JSON.parse(readFileSync(join(corpusDir, 'manifest.json'), 'utf8')) as {
    files: {
      file: string;
      sample_rate: number;
      channels: number;
      duration_s: number;
      peak_dbfs: number;
      rms_dbfs: number;
    }[];
  };
  test('every file decodes with the rate, channels, length and levels its manifest gives', async () => {
    assert.equal(manifest.files.length, 28);
    for (const entry of manifest.files) {
      const { audio, format, warnings } = await readWav(corpusFile(entry.file));
      assert.equal(format.sampleRate, entry.sample_rate, entry.file);
      assert.equal(format.channels, entry.channels, entry.file);
      assert.equal(format.bitDepth, 16, entry.file);
      assert.equal(format.frames, Math.round(entry.duration_s * entry.sample_rate), entry.file);
      assert.deepEqual(warnings, [], entry.file);
      // The manifest rounds to 0.01 dB.
      assert.ok(Math.abs(samplePeakDb(audio) - entry.peak_dbfs) <= 0.006, `${entry.file} peak`);
      let sum = 0;
      for (const channel of audio.channels) for (const v of channel) sum += v * v;
      const rms = 10 * Math.log10(sum / (audio.channels.length * format.frames));
      assert.ok(Math.abs(rms - entry.rms_dbfs) <= 0.006, `${entry.file} rms ${rms}`);
    }
  });
});

describe("hound's real-world samples", () => {
  const valid = readdirSync(wavSamplesDir).filter((f) =>
    /^(pcmwaveformat|waveformatex|waveformatextensible)-/.test(f),
  );

  test('every valid sample decodes with the channel count, rate and bit depth its name gives', () => {
    assert.equal(valid.length, 13);
    for (const file of valid) {
      const { format } = decodeWav(readFileSync(join(wavSamplesDir, file)), file);
      const rate = /(\d+)(k?)Hz/.exec(file)!;
      assert.equal(format.sampleRate, Number(rate[1]) * (rate[2] ? 1000 : 1), file);
      assert.equal(format.channels, file.includes('stereo') ? 2 : 1, file);
      const bits = file.includes('ieeefloat') ? 32 : Number(/(\d+)bit/.exec(file)![1]);
      assert.equal(format.bitDepth, bits, file);
      assert.equal(format.codec, file.includes('ieeefloat') ? 'float' : 'pcm', file);
      assert.equal(format.extensible, file.startsWith('waveformatextensible'), file);
    }
  });

  // Values as hound's own tests state them, scaled to full scale = 1.
  const expected: Record<string, number[][]> = {
    'pcmwaveformat-16bit-44100Hz-mono.wav': [[2, -3, 5, -7].map((v) => v / 2 ** 15)],
    'pcmwaveformat-16bit-44100Hz-mono-extra.wav': [[2, -3, 5, -7].map((v) => v / 2 ** 15)],
    'waveformatex-16bit-44100Hz-mono-extra.wav': [[2, -3, 5, -7].map((v) => v / 2 ** 15)],
    'waveformatex-16bit-44100Hz-stereo.wav': [
      [2, 5, 11, 17].map((v) => v / 2 ** 15),
      [-3, -7, -13, -19].map((v) => v / 2 ** 15),
    ],
    'pcmwaveformat-8bit-44100Hz-mono.wav': [[19, -53, 89, -127].map((v) => v / 128)],
    'waveformatex-8bit-11025Hz-mono.wav': [[-1, -1, -1, -1]],
    'pcmwaveformat-24bit-4byte-48kHz-stereo.wav': [
      [-96, 8_388_607].map((v) => v / 2 ** 23),
      [23_052, -8_360_672].map((v) => v / 2 ** 23),
    ],
    'waveformatextensible-24bit-4byte-48kHz-stereo.wav': [
      [-96, 8_388_607].map((v) => v / 2 ** 23),
      [23_052, -8_360_672].map((v) => v / 2 ** 23),
    ],
    'waveformatextensible-24bit-192kHz-mono.wav': [
      [-17, 4_194_319, -6_291_437, 8_355_817].map((v) => v / 2 ** 23),
    ],
    'waveformatextensible-32bit-48kHz-stereo.wav': [
      [19, 33_587_161].map((v) => v / 2 ** 31),
      [-229_373, -2_147_483_497].map((v) => v / 2 ** 31),
    ],
    'nonstandard-02.wav': [
      [19, 33_587_161].map((v) => v / 2 ** 31),
      [-229_373, -2_147_483_497].map((v) => v / 2 ** 31),
    ],
    'waveformatex-ieeefloat-44100Hz-mono.wav': [[2, 3, -16411, 1019]],
    'waveformatextensible-ieeefloat-44100Hz-mono.wav': [[2, 3, -16411, 1019]],
    'nonstandard-01.wav': [[0], [0]],
  };
  for (const [file, channels] of Object.entries(expected)) {
    test(`${file} decodes to the sample values hound expects`, () => {
      const { audio } = decodeWav(readFileSync(join(wavSamplesDir, file)), file);
      assert.equal(audio.channels.length, channels.length);
      channels.forEach((values, c) =>
        assertSamples(audio.channels[c]!, values, `${file} channel ${c + 1}`),
      );
    });
  }

  test('pop.wav (extensible 16-bit with a fact-less layout) decodes 100 samples of a rising wave', () => {
    const { audio, format } = decodeWav(readFileSync(join(wavSamplesDir, 'pop.wav')), 'pop.wav');
    assert.equal(format.frames, 100);
    assert.equal(format.channelMask, 1);
    assert.equal(audio.channels[0]![1], 0x0804 / 32768);
  });
});

describe('layouts built byte by byte', () => {
  const rows = [
    [0, 1],
    [1, -1],
    [-1, 0],
  ];
  const cases: {
    name: string;
    fmt: Parameters<typeof fmtChunk>[0];
    data: Uint8Array;
    expected: number[][];
  }[] = [
    {
      name: '8-bit unsigned PCM',
      fmt: { tag: 1, channels: 2, sampleRate: 8000, bits: 8 },
      data: packInts(
        [
          [0, 127],
          [-128, 64],
          [-1, 1],
        ],
        1,
        true,
      ),
      expected: [
        [0, -1, -1 / 128],
        [127 / 128, 0.5, 1 / 128],
      ],
    },
    {
      name: '16-bit PCM',
      fmt: { tag: 1, channels: 2, sampleRate: 44100, bits: 16 },
      data: packInts(
        [
          [32767, -32768],
          [1, -1],
          [0, 16384],
        ],
        2,
      ),
      expected: [
        [32767 / 32768, 1 / 32768, 0],
        [-1, -1 / 32768, 0.5],
      ],
    },
    {
      name: '24-bit PCM',
      fmt: { tag: 1, channels: 2, sampleRate: 96000, bits: 24 },
      data: packInts(
        [
          [8388607, -8388608],
          [1, -1],
          [0, 4194304],
        ],
        3,
      ),
      expected: [
        [8388607 / 8388608, 1 / 8388608, 0],
        [-1, -1 / 8388608, 0.5],
      ],
    },
    {
      name: '32-bit integer PCM',
      fmt: { tag: 1, channels: 2, sampleRate: 192000, bits: 32 },
      data: packInts(
        [
          [2 ** 31 - 1, -(2 ** 31)],
          [2 ** 8, -(2 ** 8)],
          [0, 2 ** 30],
        ],
        4,
      ),
      expected: [
        [1, 2 ** -23, 0],
        [-1, -(2 ** -23), 0.5],
      ],
    },
    {
      name: '32-bit float (WAVEFORMATEX)',
      fmt: { tag: 3, channels: 2, sampleRate: 48000, bits: 32, cbSize: true },
      data: packFloats(
        [
          [0.25, -0.5],
          [1.5, -2],
          [0, 1e-7],
        ],
        4,
      ),
      expected: [
        [0.25, 1.5, 0],
        [-0.5, -2, 1e-7],
      ],
    },
    {
      name: '64-bit float',
      fmt: { tag: 3, channels: 2, sampleRate: 22050, bits: 64 },
      data: packFloats(
        [
          [0.1, -0.3],
          [0.7, -1],
          [0, 1 / 3],
        ],
        8,
      ),
      expected: [
        [0.1, 0.7, 0],
        [-0.3, -1, 1 / 3],
      ],
    },
    {
      name: 'extensible 20-bit audio in 24-bit containers (valid bits at the top)',
      fmt: {
        tag: 0xfffe,
        channels: 2,
        sampleRate: 48000,
        bits: 24,
        extensible: { validBits: 20, channelMask: 3, subFormat: 1 },
      },
      data: packInts(
        [
          [0x7ffff0, -0x800000],
          [0x10, -0x10],
          [0, 0x400000],
        ],
        3,
      ),
      expected: [
        [0x7ffff0 / 2 ** 23, 0x10 / 2 ** 23, 0],
        [-1, -0x10 / 2 ** 23, 0.5],
      ],
    },
    {
      name: 'extensible 24-bit audio in 32-bit containers (valid bits at the top, as the spec says)',
      fmt: {
        tag: 0xfffe,
        channels: 2,
        sampleRate: 48000,
        bits: 32,
        extensible: { validBits: 24, channelMask: 3, subFormat: 1 },
      },
      data: packInts(
        rows.map((r) => r.map((v) => v * 2 ** 30)),
        4,
      ),
      expected: [
        [0, 0.5, -0.5],
        [0.5, -0.5, 0],
      ],
    },
    {
      name: 'extensible 64-bit float',
      fmt: {
        tag: 0xfffe,
        channels: 1,
        sampleRate: 44100,
        bits: 64,
        extensible: { validBits: 64, channelMask: 4, subFormat: 3 },
      },
      data: packFloats([[0.5], [-0.25]], 8),
      expected: [[0.5, -0.25]],
    },
  ];
  for (const c of cases) {
    test(`${c.name} decodes to the values written`, () => {
      const { audio, format, warnings } = decodeWav(
        riffFile([fmtChunk(c.fmt), chunk('data', c.data)]),
        'x.wav',
      );
      assert.equal(format.sampleRate, c.fmt.sampleRate);
      // Float values beyond ±1 are kept, with the one warning that says so.
      const overFullScale = c.expected.flat().some((v) => Math.abs(v) > 1);
      assert.deepEqual(
        warnings.map((w) => w.replace(/ peaks at .*/, ' peaks above full scale')),
        overFullScale ? ['x.wav peaks above full scale'] : [],
      );
      c.expected.forEach((values, ch) =>
        assertSamples(audio.channels[ch]!, values, `channel ${ch + 1}`),
      );
    });
  }

  test('1 to 8 channels at 8 to 192 kHz decode to the right channel', () => {
    for (const sampleRate of [
      8000, 11025, 16000, 22050, 32000, 44100, 48000, 88200, 96000, 176400, 192000,
    ]) {
      for (let channels = 1; channels <= 8; channels++) {
        // Channel c holds the value 1000 (c + 1) + frame.
        const frames = Array.from({ length: 5 }, (_, i) =>
          Array.from({ length: channels }, (_, c) => 1000 * (c + 1) + i),
        );
        const fmt =
          channels > 2
            ? fmtChunk({
                tag: 0xfffe,
                channels,
                sampleRate,
                bits: 16,
                extensible: { validBits: 16, channelMask: 0, subFormat: 1 },
              })
            : fmtChunk({ tag: 1, channels, sampleRate, bits: 16 });
        const { audio, format } = decodeWav(riffFile([fmt, chunk('data', packInts(frames, 2))]));
        assert.equal(format.sampleRate, sampleRate);
        assert.equal(audio.channels.length, channels);
        audio.channels.forEach((samples, c) =>
          assertSamples(
            samples,
            [0, 1, 2, 3, 4].map((i) => (1000 * (c + 1) + i) / 32768),
            `${sampleRate} Hz channel ${c + 1}`,
          ),
        );
      }
    }
  });

  const fmt16 = fmtChunk({ tag: 1, channels: 1, sampleRate: 44100, bits: 16 });
  const data16 = chunk('data', packInts([[100], [-200], [300]], 2));
  const expected16 = [100, -200, 300].map((v) => v / 32768);
  const odd = (id: string, length: number) => chunk(id, new Uint8Array(length).fill(0x41));

  const chunkLayouts: [string, Uint8Array, RegExp?][] = [
    [
      'LIST, bext and JUNK chunks around fmt',
      riffFile([odd('JUNK', 28), odd('bext', 602), fmt16, odd('LIST', 26), data16]),
    ],
    ['an odd-sized chunk followed by its pad byte', riffFile([fmt16, odd('note', 5), data16])],
    [
      'an odd-sized chunk without its pad byte',
      riffFile([fmt16, chunk('note', new Uint8Array(5).fill(0x41), { noPad: true }), data16]),
      /pad byte/,
    ],
    ['the data chunk before the fmt chunk', riffFile([data16, fmt16])],
    [
      'an ID3 trailer after the RIFF end',
      (() => {
        const wav = riffFile([fmt16, data16]);
        const out = new Uint8Array(wav.length + 20);
        out.set(wav);
        out.set([0x49, 0x44, 0x33, 0x04], wav.length);
        return out;
      })(),
    ],
    [
      'a data size that is not a whole number of frames',
      riffFile([
        fmt16,
        chunk('data', Uint8Array.from([...packInts([[100], [-200], [300]], 2), 0x7f])),
      ]),
      /do not make a whole frame/,
    ],
    [
      'a data chunk that claims more bytes than the file has',
      riffFile([
        fmt16,
        chunk('data', packInts([[100], [-200], [300]], 2), { declaredSize: 1_000_000 }),
      ]),
      /declares 1000000 bytes/,
    ],
    [
      'a data chunk of declared size 0 from an unfinished recording',
      riffFile([fmt16, chunk('data', packInts([[100], [-200], [300]], 2), { declaredSize: 0 })]),
      /not finished/,
    ],
  ];
  for (const [name, bytes, warning] of chunkLayouts) {
    test(`a file with ${name} decodes${warning ? ' with a warning' : ''}`, () => {
      const { audio, warnings } = decodeWav(bytes, 'x.wav');
      assertSamples(audio.channels[0]!, expected16, name);
      if (warning)
        assert.ok(
          warnings.some((w) => warning.test(w)),
          `warnings: ${warnings.join(' | ')}`,
        );
      else assert.deepEqual(warnings, []);
    });
  }

  test('an RF64 file takes its data size from the ds64 chunk', () => {
    const ds64 = new Uint8Array(28);
    const view = new DataView(ds64.buffer);
    view.setBigUint64(8, 6n, true); // data size
    view.setBigUint64(16, 3n, true); // sample count
    const bytes = riffFile(
      [
        chunk('ds64', ds64),
        fmt16,
        chunk('data', packInts([[100], [-200], [300], [400]], 2), { declaredSize: 0xffffffff }),
      ],
      {
        magic: 'RF64',
        riffSize: 0xffffffff,
      },
    );
    const { audio, format } = decodeWav(bytes);
    assert.equal(format.container, 'RF64');
    assertSamples(audio.channels[0]!, expected16, 'RF64 data');
  });

  test('24-bit audio written in the low bits of 32-bit slots is recognised and reported', () => {
    const fmt = fmtChunk({
      tag: 0xfffe,
      channels: 1,
      sampleRate: 48000,
      bits: 32,
      extensible: { validBits: 24, channelMask: 4, subFormat: 1 },
    });
    const { audio, warnings } = decodeWav(
      riffFile([
        fmt,
        chunk(
          'data',
          packInts([[-96], [4194304], [8388607]], 4).map((b, i) => (i % 4 === 3 ? 0 : b)),
        ),
      ]),
    );
    assertSamples(audio.channels[0]!, [-96 / 2 ** 23, 0.5, 8388607 / 2 ** 23], 'low-aligned');
    assert.ok(warnings.some((w) => /low bits/.test(w)));
  });
});
