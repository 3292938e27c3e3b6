// Channel tools on real material and on values chosen to expose rounding.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusFile } from '../fixtures/paths';
import {
  InvalidAudioError,
  fromMidSide,
  mixdown,
  readWav,
  splitChannels,
  toMidSide,
} from '../../src/main/audio';

describe('mid/side', () => {
  test('round-trips the corpus stereo clips exactly', async () => {
    for (const name of ['long_piano_melody_44k_stereo.wav', 'long_drum_bass_loop_44k_stereo.wav']) {
      const { audio } = await readWav(corpusFile(name));
      const [left, right] = audio.channels as [Float32Array, Float32Array];
      const { mid, side } = toMidSide(left, right);
      const back = fromMidSide(mid, side);
      assert.deepEqual(back.left, left, name);
      assert.deepEqual(back.right, right, name);
    }
  });

  test('round-trips any 24-bit samples exactly, extremes included', () => {
    let state = 12345;
    const next24 = () =>
      ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) % 2 ** 24) - 2 ** 23;
    const extremes = [-(2 ** 23), 2 ** 23 - 1, 1, -1, 0];
    const left = Float32Array.from(
      { length: 100_000 },
      (_, i) => (extremes[i] ?? next24()) / 2 ** 23,
    );
    const right = Float32Array.from(
      { length: 100_000 },
      (_, i) => (extremes[4 - i] ?? next24()) / 2 ** 23,
    );
    const { mid, side } = toMidSide(left, right);
    const back = fromMidSide(mid, side);
    assert.deepEqual(back.left, left);
    assert.deepEqual(back.right, right);
  });

  test('arbitrary floats come back within 1.5 Float32 steps of the louder channel', () => {
    const left = Float32Array.from({ length: 10_000 }, (_, i) => Math.sin(i) * 10 ** ((i % 7) - 5));
    const right = Float32Array.from(
      { length: 10_000 },
      (_, i) => Math.cos(i * 1.3) * 10 ** ((i % 5) - 3),
    );
    const back = fromMidSide(
      ...(Object.values(toMidSide(left, right)) as [Float32Array, Float32Array]),
    );
    for (let i = 0; i < left.length; i++) {
      const louder = Math.max(Math.abs(left[i]!), Math.abs(right[i]!));
      const step = 2 ** (Math.floor(Math.log2(louder)) - 23);
      assert.ok(Math.abs(back.left[i]! - left[i]!) <= 1.5 * step, `left ${i}`);
      assert.ok(Math.abs(back.right[i]! - right[i]!) <= 1.5 * step, `right ${i}`);
    }
  });

  test('a centred source is all mid, a side-only one all side', () => {
    const x = Float32Array.of(0.5, -0.25, 0.125);
    assert.deepEqual(toMidSide(x, x), { mid: x, side: new Float32Array(3) });
    assert.deepEqual(
      toMidSide(
        x,
        x.map((v) => -v),
      ),
      { mid: new Float32Array(3), side: x },
    );
  });

  test('channels of different lengths are refused', () => {
    assert.throws(() => toMidSide(new Float32Array(2), new Float32Array(3)), InvalidAudioError);
    assert.throws(() => fromMidSide(new Float32Array(2), new Float32Array(3)), InvalidAudioError);
  });
});

describe('mixdown and split', () => {
  test('mixdown averages the channels', () => {
    const audio = {
      sampleRate: 8000,
      channels: [
        Float32Array.of(1, 0.5, -1),
        Float32Array.of(1, -0.5, 0),
        Float32Array.of(1, 0, 0.25),
      ],
    };
    assert.deepEqual(mixdown(audio), Float32Array.of(1, 0, -0.25));
  });

  test('a mono clip mixes down to a copy of itself, a stereo clip of identical channels to that channel', async () => {
    const { audio } = await readWav(corpusFile('flute_acoustic_073-060-127.wav'));
    const mono = mixdown(audio);
    assert.deepEqual(mono, audio.channels[0]);
    assert.notEqual(mono, audio.channels[0]);
    assert.deepEqual(mixdown({ sampleRate: 16000, channels: [mono, mono.slice()] }), mono);
  });

  test('splitting a stereo clip gives two mono clips at the same rate', async () => {
    const { audio } = await readWav(corpusFile('long_drum_bass_loop_44k_stereo.wav'));
    const parts = splitChannels(audio);
    assert.equal(parts.length, 2);
    parts.forEach((part, c) => {
      assert.equal(part.sampleRate, 44100);
      assert.equal(part.channels.length, 1);
      assert.equal(part.channels[0], audio.channels[c]);
    });
    assert.throws(
      () =>
        splitChannels({ sampleRate: 8000, channels: [new Float32Array(2), new Float32Array(1)] }),
      InvalidAudioError,
    );
  });
});
