// FLAC and MP3 encoding, checked by independent decoders (@wasm-audio-decoders/flac, built from
// libFLAC's decoder; mpg123-decoder): FLAC returns exactly the integers a WAV export of the same
// depth holds (the same dither), with the stream's MD5 filled in; MP3 returns the music within
// a small delay and a codec's error; what a format cannot hold is refused by name.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FLACDecoder } from '@wasm-audio-decoders/flac';
import { MPEGDecoder } from 'mpg123-decoder';
import {
  decodeWav,
  encodeFlac,
  encodeMp3,
  encodeWav,
  readWav,
  toIntegerSamples,
  type PcmAudio,
} from '../../src/main/audio';
import { corpusFile } from '../fixtures/paths';

function joined(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

async function stereoPiano(): Promise<PcmAudio> {
  const { audio } = await readWav(corpusFile('long_piano_melody_44k_stereo.wav'));
  // Five seconds keep the test quick; the gain makes the samples fall between PCM steps.
  return {
    sampleRate: audio.sampleRate,
    channels: audio.channels.map((c) => c.slice(0, 5 * audio.sampleRate).map((v) => v * 0.9)),
  };
}

describe('FLAC', () => {
  for (const bits of [16, 24] as const) {
    test(`${bits}-bit: the decoder returns the WAV export's samples exactly`, async () => {
      const audio = await stereoPiano();
      const flac = joined(await encodeFlac(audio, { bitsPerSample: bits }));
      assert.equal(new TextDecoder().decode(flac.subarray(0, 4)), 'fLaC');
      assert.ok(
        flac.subarray(26, 42).some((b) => b !== 0),
        'STREAMINFO carries the MD5 of the audio',
      );
      const decoder = new FLACDecoder();
      await decoder.ready;
      const decoded = await decoder.decodeFile(flac);
      decoder.free();
      assert.deepEqual(decoded.errors, []);
      assert.equal(decoded.sampleRate, audio.sampleRate);
      assert.equal(decoded.bitDepth, bits);
      assert.equal(decoded.channelData.length, 2);
      const wav = decodeWav(encodeWav(audio, { sampleFormat: bits === 16 ? 'pcm16' : 'pcm24' }));
      const ints = toIntegerSamples(audio, bits);
      const scale = 2 ** (bits - 1);
      for (let c = 0; c < 2; c++) {
        const got = decoded.channelData[c]!;
        assert.equal(got.length, audio.channels[c]!.length);
        for (let i = 0; i < got.length; i++) {
          const expected = ints.channels[c]![i]!;
          // The decoder hands out integer / (2^(bits-1) - 1) as float32.
          const flacInteger = Math.round(got[i]! * (scale - 1));
          if (flacInteger !== expected || wav.audio.channels[c]![i]! * scale !== expected)
            assert.fail(`channel ${c} sample ${i}: FLAC ${flacInteger}, integer ${expected}`);
        }
      }
      assert.ok(flac.length < 0.8 * audio.channels[0]!.length * 2 * (bits / 8), 'it compresses');
    });
  }

  test('more than 8 channels is refused by name', async () => {
    const audio = {
      sampleRate: 48000,
      channels: Array.from({ length: 9 }, () => new Float32Array(10)),
    };
    await assert.rejects(
      encodeFlac(audio, { bitsPerSample: 16 }),
      /FLAC holds 1 to 8 channels; this audio has 9/,
    );
  });
});

describe('MP3', () => {
  test('320 kbit/s stereo: the decoder returns the music after the encoder delay', async () => {
    const audio = await stereoPiano();
    const mp3 = joined(encodeMp3(audio, 320));
    // 320 kbit/s for 5 s is 200 kB, give or take a frame.
    assert.ok(Math.abs(mp3.length - 200000) < 5000, `${mp3.length} bytes`);
    const decoder = new MPEGDecoder();
    await decoder.ready;
    const decoded = decoder.decode(mp3);
    decoder.free();
    assert.equal(decoded.sampleRate, 44100);
    assert.equal(decoded.channelData.length, 2);
    const source = audio.channels[0]!;
    const got = decoded.channelData[0]!;
    // Find the delay (LAME's priming plus the decoder's) by the best correlation.
    let best = { lag: 0, correlation: -1 };
    const span = 44100;
    for (let lag = 0; lag < 3000; lag++) {
      let dot = 0;
      let a2 = 0;
      let b2 = 0;
      for (let i = 22050; i < 22050 + span; i += 3) {
        const a = source[i]!;
        const b = got[i + lag] ?? 0;
        dot += a * b;
        a2 += a * a;
        b2 += b * b;
      }
      const correlation = dot / Math.sqrt(a2 * b2 + 1e-20);
      if (correlation > best.correlation) best = { lag, correlation };
    }
    assert.ok(best.lag > 500 && best.lag < 2500, `delay ${best.lag} samples`);
    assert.ok(best.correlation > 0.99, `correlation ${best.correlation}`);
    assert.ok(got.length >= source.length + best.lag - 1152, 'nothing lost at the end');
  });

  test('what MP3 cannot hold is refused by name', () => {
    const six = {
      sampleRate: 48000,
      channels: Array.from({ length: 6 }, () => new Float32Array(10)),
    };
    assert.throws(() => encodeMp3(six, 320), /MP3 holds mono or stereo; this track has 6 channels/);
    const fast = { sampleRate: 96000, channels: [new Float32Array(10)] };
    assert.throws(() => encodeMp3(fast, 320), /MP3 cannot hold 96 kHz/);
  });
});
