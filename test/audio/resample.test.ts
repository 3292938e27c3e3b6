// Resampling quality as the issue states it, plus exact lengths, time alignment, long inputs at
// awkward rates (which the library's own chunking gets wrong) and real material from the corpus.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusFile } from '../fixtures/paths';
import { ParameterError } from '../../src/shared/user-error';
import { readWav, resample, resampleAudio, resampledLength } from '../../src/main/audio';

function sine(frequency: number, sampleRate: number, frames: number, amplitude = 1): Float32Array {
  return Float32Array.from(
    { length: frames },
    (_, i) => amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate),
  );
}

/** SNR of `actual` against `reference` over [edge, length - edge), in dB. */
function snrDb(actual: Float32Array, reference: Float32Array, edge: number): number {
  assert.equal(actual.length, reference.length);
  let signal = 0;
  let noise = 0;
  for (let i = edge; i < reference.length - edge; i++) {
    signal += reference[i]! ** 2;
    noise += (actual[i]! - reference[i]!) ** 2;
  }
  return 10 * Math.log10(signal / noise);
}

function rms(x: Float32Array, edge: number): number {
  let sum = 0;
  for (let i = edge; i < x.length - edge; i++) sum += x[i]! ** 2;
  return Math.sqrt(sum / (x.length - 2 * edge));
}

describe('resample', () => {
  test('a full-scale 1 kHz sine taken 44.1 -> 22.05 -> 44.1 kHz keeps at least 90 dB SNR', async () => {
    const original = sine(1000, 44100, 44100 * 2, 1);
    const back = await resample(await resample(original, 44100, 22050), 22050, 44100);
    const snr = snrDb(back, original, 4410);
    assert.ok(snr >= 90, `SNR ${snr.toFixed(1)} dB`);
  });

  test('a 15 kHz sine taken 48 -> 22.05 kHz leaves its alias at least 80 dB down', async () => {
    const input = sine(15000, 48000, 48000 * 2, 1);
    const output = await resample(input, 48000, 22050);
    // 15 kHz is above the new Nyquist (11.025 kHz): everything left is alias (at 7.05 kHz).
    const down = 20 * Math.log10(rms(input, 4800) / rms(output, 2205));
    assert.ok(down >= 80, `alias ${down.toFixed(1)} dB down`);
  });

  test('the output is time-aligned with the input: 48 -> 44.1 kHz matches the ideal sine', async () => {
    const output = await resample(sine(1000, 48000, 48000), 48000, 44100);
    const snr = snrDb(output, sine(1000, 44100, 44100), 4410);
    assert.ok(snr >= 90, `SNR against the ideal 44.1 kHz sine ${snr.toFixed(1)} dB`);
  });

  test('output length is round(n x to / from) for any rates and lengths', async () => {
    const pairs = [
      [44100, 22050],
      [22050, 44100],
      [48000, 44100],
      [8000, 192000],
      [192000, 8000],
      [11025, 16000],
      [16000, 22050],
    ];
    for (const [from, to] of pairs) {
      for (const frames of [0, 1, 2, 7, 1000, 12_345]) {
        const output = await resample(sine(440, from!, frames, 0.5), from!, to!);
        assert.equal(
          output.length,
          resampledLength(frames, from!, to!),
          `${frames} frames ${from} -> ${to}`,
        );
        assert.equal(output.length, Math.round((frames * to!) / from!));
      }
    }
  });

  test("a long clip at 11025 Hz (beyond the library's own chunking) keeps its length and its end", async () => {
    const frames = 11025 * 100; // 1.1 million samples
    const output = await resample(sine(1000, 11025, frames, 0.5), 11025, 22050);
    assert.equal(output.length, frames * 2);
    const tail = output.subarray(output.length - 22050 * 2, output.length - 2205);
    const ideal = Float32Array.from(
      tail,
      (_, i) => 0.5 * Math.sin((2 * Math.PI * 1000 * (output.length - 22050 * 2 + i)) / 22050),
    );
    assert.ok(snrDb(tail, ideal, 0) >= 90, 'the last seconds are intact and aligned');
  });

  test('a subarray view resamples like a copy of it', async () => {
    const whole = sine(300, 44100, 10_000, 0.7);
    const view = whole.subarray(3001, 9000);
    assert.deepEqual(
      await resample(view, 44100, 32000),
      await resample(view.slice(), 44100, 32000),
    );
  });

  test('the same rate returns an equal copy', async () => {
    const input = sine(300, 44100, 100);
    const output = await resample(input, 44100, 44100);
    assert.deepEqual(output, input);
    assert.notEqual(output, input);
  });

  test('unusable rates are refused with ParameterError', async () => {
    for (const [from, to] of [
      [44100, 0],
      [44100, Number.NaN],
      [0, 44100],
      [44100, 10_000_000],
      [1000, 768_000],
    ]) {
      await assert.rejects(
        resample(new Float32Array(10), from!, to!),
        ParameterError,
        `${from} -> ${to}`,
      );
    }
  });
});

describe('resampleAudio on the corpus', () => {
  test('a 16 kHz flute taken to 44.1 kHz and back is nearly unchanged', async () => {
    const { audio } = await readWav(corpusFile('flute_acoustic_073-072-100.wav'));
    const up = await resampleAudio(audio, 44100);
    assert.equal(up.sampleRate, 44100);
    assert.equal(up.channels[0]!.length, 4 * 44100);
    const back = await resampleAudio(up, 16000);
    const snr = snrDb(back.channels[0]!, audio.channels[0]!, 1600);
    assert.ok(snr >= 70, `SNR ${snr.toFixed(1)} dB`);
  });

  test('a 44.1 kHz stereo clip taken to 22.05 kHz keeps both channels, each band-limited but alike', async () => {
    const { audio } = await readWav(corpusFile('long_piano_melody_44k_stereo.wav'));
    const down = await resampleAudio(audio, 22050);
    assert.equal(down.channels.length, 2);
    assert.equal(down.channels[1]!.length, 12 * 22050);
    // Every other output sample sits on an input instant; piano energy lies far below 11 kHz.
    const left = down.channels[0]!;
    const aligned = Float32Array.from(left, (_, i) => audio.channels[0]![2 * i]!);
    assert.ok(snrDb(left, aligned, 2205) >= 30);
  });
});
