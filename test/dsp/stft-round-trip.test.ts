import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { istft, stft } from '../../src/main/dsp/index';
import { loadCorpusMono } from '../fixtures/corpus-audio';

/** 10 log10(signal energy / error energy) over samples from..to. */
function snrDb(
  reference: Float32Array,
  estimate: Float32Array,
  from = 0,
  to = reference.length,
): number {
  let signal = 0;
  let error = 0;
  for (let i = from; i < to; i++) {
    signal += reference[i]! ** 2;
    error += (reference[i]! - estimate[i]!) ** 2;
  }
  return 10 * Math.log10(signal / error);
}

const CLIPS = [
  'speech_espeak_en-us.wav',
  'drums_groove_120bpm.wav',
  'keyboard_acoustic_000-096-100.wav',
  'string_acoustic_040-055-064.wav',
  'long_drum_bass_loop_44k_stereo.wav',
];

describe('ISTFT(STFT(x)) gives x back', () => {
  for (const clip of CLIPS) {
    test(`${clip}: >= 100 dB SNR for n_fft 256..8192 at hops n/2, n/4, n/8 and an odd one`, () => {
      const { samples } = loadCorpusMono(clip);
      for (let nFft = 256; nFft <= 8192; nFft *= 2) {
        for (const hop of [nFft / 2, nFft / 4, nFft / 8, Math.round(nFft * 0.3) + 1]) {
          const back = istft(stft(samples, { nFft, hop }), { length: samples.length });
          const snr = snrDb(samples, back);
          assert.ok(snr >= 100, `${clip} n_fft ${nFft} hop ${hop}: ${snr.toFixed(1)} dB`);
        }
      }
    });
  }

  test('with a window shorter than the frame (Verma & Smith preset: 30 ms Hann in 512, 10 ms hop)', () => {
    const { samples } = loadCorpusMono('speech_espeak_en-us.wav');
    const spec = stft(samples, { nFft: 512, winLength: 480, hop: 160 });
    const snr = snrDb(samples, istft(spec, { length: samples.length }));
    assert.ok(snr >= 100, `${snr.toFixed(1)} dB`);
  });

  test('uncentred frames give back every sample two frames away from the ends', () => {
    const { samples } = loadCorpusMono('guitar_acoustic_024-052-127.wav');
    for (const hop of [512, 1400]) {
      const spec = stft(samples, { nFft: 2048, hop, center: false });
      const back = istft(spec, { length: samples.length });
      const end = (spec.frames - 1) * hop; // the last frame's start
      const snr = snrDb(samples, back, 2048, end);
      assert.ok(snr >= 100, `hop ${hop}: ${snr.toFixed(1)} dB`);
    }
  });
});
