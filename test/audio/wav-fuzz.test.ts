// Mechanically corrupted variants of real files (seeded, so every run tests the same ones): each
// must decode to finite, equal-length channels no larger than the file allows, or raise
// AudioFileError. Anything else (RangeError, a hang, a huge allocation) fails the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusFile, wavSamplesDir } from '../fixtures/paths';
import { AudioFileError, decodeWav, encodeWav } from '../../src/main/audio';

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sine(frames: number, channels: number): Float32Array[] {
  return Array.from({ length: channels }, (_, c) =>
    Float32Array.from({ length: frames }, (_, i) => 0.5 * Math.sin(i * 0.05 * (c + 1))),
  );
}

// Plain Uint8Array copies: Buffer#slice would share memory, and mutations would pile up.
const read = (path: string) => new Uint8Array(readFileSync(path));
const sources: [string, Uint8Array][] = [
  ['flute (16-bit mono)', read(corpusFile('flute_acoustic_073-060-127.wav'))],
  ['piano (16-bit stereo)', read(corpusFile('long_piano_melody_44k_stereo.wav')).slice(0, 40_044)],
  [
    'float32 stereo',
    encodeWav({ sampleRate: 48000, channels: sine(2000, 2) }, { sampleFormat: 'float32' }),
  ],
  [
    '24-bit 6-channel extensible',
    encodeWav({ sampleRate: 96000, channels: sine(500, 6) }, { sampleFormat: 'pcm24' }),
  ],
  [
    'extensible float with fact and LIST',
    read(join(wavSamplesDir, 'waveformatextensible-ieeefloat-44100Hz-mono.wav')),
  ],
  ['8-bit', read(join(wavSamplesDir, 'waveformatex-8bit-11025Hz-mono.wav'))],
];

type Mutation = (bytes: Uint8Array, random: () => number) => Uint8Array;
const int = (random: () => number, below: number) => Math.floor(random() * below);
const headerSpan = (bytes: Uint8Array) => Math.min(bytes.length, 128);

const mutations: [string, number, Mutation][] = [
  [
    'truncation',
    60,
    (bytes, random) =>
      bytes.slice(0, random() < 0.5 ? int(random, headerSpan(bytes)) : int(random, bytes.length)),
  ],
  [
    'header byte flips',
    80,
    (bytes, random) => {
      const out = bytes.slice();
      for (let n = 1 + int(random, 4); n > 0; n--)
        out[int(random, headerSpan(bytes))] = int(random, 256);
      return out;
    },
  ],
  [
    'random chunk sizes',
    60,
    (bytes, random) => {
      const out = bytes.slice();
      const view = new DataView(out.buffer);
      // Size fields sit at 4 and after each chunk id; pick one of the first few by walking.
      const sizes = [4];
      for (
        let at = 12;
        at + 8 <= out.length && sizes.length < 8;
        at += 8 + view.getUint32(at + 4, true) + (view.getUint32(at + 4, true) & 1)
      )
        sizes.push(at + 4);
      const special = [
        0,
        1,
        2,
        0x7fffffff,
        0xffffffff,
        0xfffffff8,
        int(random, 2 ** 32),
        int(random, out.length * 2),
      ];
      view.setUint32(
        sizes[int(random, sizes.length)]!,
        special[int(random, special.length)]!,
        true,
      );
      return out;
    },
  ],
  [
    'zeroed regions',
    60,
    (bytes, random) => {
      const out = bytes.slice();
      const start = random() < 0.6 ? int(random, headerSpan(bytes)) : int(random, bytes.length);
      out.fill(0, start, start + 1 + int(random, 64));
      return out;
    },
  ],
  [
    'inserted or deleted header bytes',
    40,
    (bytes, random) => {
      const at = int(random, headerSpan(bytes));
      const count = 1 + int(random, 6);
      if (random() < 0.5)
        return Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + count)]);
      return Uint8Array.from([
        ...bytes.subarray(0, at),
        ...Array.from({ length: count }, () => int(random, 256)),
        ...bytes.subarray(at),
      ]);
    },
  ],
  [
    'random fields set to 0xFF',
    40,
    (bytes, random) => {
      const out = bytes.slice();
      out.fill(0xff, 16 + int(random, 40), 16 + int(random, 40) + 4);
      return out;
    },
  ],
];

test('hundreds of corrupted variants of real files decode to finite audio or raise AudioFileError', () => {
  const random = seeded(20240611);
  let decoded = 0;
  let rejected = 0;
  const codes = new Set<string>();
  for (const [sourceName, source] of sources) {
    for (const [mutationName, count, mutate] of mutations) {
      for (let n = 0; n < count; n++) {
        const bytes = mutate(source, random);
        const what = `${sourceName}, ${mutationName} #${n}`;
        let result;
        try {
          result = decodeWav(bytes, 'fuzz.wav');
        } catch (error) {
          assert.ok(error instanceof AudioFileError, `${what}: threw ${String(error)}`);
          assert.ok(error.message.startsWith('fuzz.wav '), `${what}: ${error.message}`);
          codes.add(error.code);
          rejected++;
          continue;
        }
        const { audio, format } = result;
        assert.equal(audio.channels.length, format.channels, what);
        let samples = 0;
        for (const channel of audio.channels) {
          assert.equal(channel.length, format.frames, what);
          for (const v of channel) assert.ok(Number.isFinite(v), `${what}: non-finite sample`);
          samples += channel.length;
        }
        // Output is bounded by the bytes present: at most one sample per byte (8-bit).
        assert.ok(
          samples <= bytes.length,
          `${what}: ${samples} samples from ${bytes.length} bytes`,
        );
        decoded++;
      }
    }
  }
  const total = decoded + rejected;
  assert.equal(total, sources.length * mutations.reduce((n, [, count]) => n + count, 0));
  assert.ok(total >= 2000, `${total} variants`);
  // Both outcomes must be common, or the mutations are not reaching the parser.
  assert.ok(
    decoded > total * 0.2 && rejected > total * 0.2,
    `decoded ${decoded}, rejected ${rejected}`,
  );
  assert.ok(codes.size >= 5, `error codes seen: ${[...codes].join(', ')}`);
});
