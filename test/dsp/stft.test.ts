import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DspParameterError,
  frameCount,
  hannWindow,
  istft,
  magnitude,
  resolveFraming,
  stft,
} from '../../src/main/dsp/index';
import { loadCorpusMono } from '../fixtures/corpus-audio';

function sine(length: number, cyclesPerSample: number, amplitude: number): Float32Array {
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = amplitude * Math.sin(2 * Math.PI * cyclesPerSample * i);
  return out;
}

describe('stft', () => {
  test('a bin-centred sine peaks in its bin with magnitude amplitude * n / 4', () => {
    for (const nFft of [256, 1024, 4096]) {
      const bin = nFft / 16 + 3;
      const amplitude = 0.5;
      const spec = stft(sine(nFft * 8, bin / nFft, amplitude), { nFft });
      const mag = magnitude(spec);
      const t = Math.floor(spec.frames / 2); // a frame away from the padded edges
      const row = mag.subarray(t * spec.bins, (t + 1) * spec.bins);
      const peak = row.indexOf(Math.max(...row));
      assert.equal(peak, bin, `n_fft ${nFft}: peak in bin ${peak}, expected ${bin}`);
      const expected = (amplitude * nFft) / 4; // sum of a periodic Hann is n/2, a sine splits it in two
      assert.ok(
        Math.abs(row[bin]! - expected) < 1e-4 * expected,
        `peak ${row[bin]} vs ${expected}`,
      );
      // Hann leaks exactly half the peak into each neighbour and nothing further out.
      assert.ok(Math.abs(row[bin - 1]! - expected / 2) < 1e-4 * expected);
      assert.ok(row[bin + 3]! < 1e-4 * expected, `bin + 3 holds ${row[bin + 3]}`);
    }
  });

  test('each frame keeps its windowed energy (Parseval) on a corpus clip', () => {
    const { samples } = loadCorpusMono('speech_espeak_en-us.wav');
    const nFft = 1024;
    const hop = 256;
    const spec = stft(samples, { nFft, hop });
    const window = hannWindow(nFft);
    for (const t of [4, 40, 100, 180]) {
      let timeEnergy = 0;
      for (let i = 0; i < nFft; i++)
        timeEnergy += (samples[t * hop - nFft / 2 + i]! * window[i]!) ** 2;
      let spectralEnergy = 0;
      for (let k = 0; k < spec.bins; k++) {
        const power = spec.re[t * spec.bins + k]! ** 2 + spec.im[t * spec.bins + k]! ** 2;
        spectralEnergy += k === 0 || k === nFft / 2 ? power : 2 * power; // one-sided spectrum
      }
      spectralEnergy /= nFft;
      assert.ok(timeEnergy > 1e-6, `frame ${t} should not be silent`);
      assert.ok(
        Math.abs(spectralEnergy - timeEnergy) < 1e-5 * timeEnergy,
        `frame ${t}: spectral ${spectralEnergy} vs time ${timeEnergy}`,
      );
    }
  });

  test('matches a direct DFT of a reflect-padded first frame', () => {
    const { samples } = loadCorpusMono('drums_groove_120bpm.wav');
    const signal = samples.subarray(0, 4000);
    const nFft = 256;
    const spec = stft(signal, { nFft, hop: 64 });
    const window = hannWindow(nFft);
    // Frame 0 is centred on sample 0: samples -128..127, the negative ones mirrored (x[-i] = x[i]).
    const frame = Array.from(
      { length: nFft },
      (_, i) => signal[Math.abs(i - nFft / 2)]! * window[i]!,
    );
    let worst = 0;
    let scale = 0;
    for (let k = 0; k < spec.bins; k++) {
      let re = 0;
      let im = 0;
      for (let i = 0; i < nFft; i++) {
        re += frame[i]! * Math.cos((2 * Math.PI * k * i) / nFft);
        im -= frame[i]! * Math.sin((2 * Math.PI * k * i) / nFft);
      }
      worst = Math.max(worst, Math.abs(re - spec.re[k]!), Math.abs(im - spec.im[k]!));
      scale = Math.max(scale, Math.hypot(re, im));
    }
    assert.ok(scale > 1e-3, 'first frame should not be silent');
    assert.ok(worst < 1e-5 * scale, `largest difference ${worst} of ${scale}`);
  });

  test('frame counts follow librosa/torch: 1 + floor(length / hop) when centred', () => {
    const signal = new Float32Array(10_000);
    assert.equal(stft(signal, { nFft: 1024, hop: 256 }).frames, 1 + Math.floor(10_000 / 256));
    assert.equal(stft(signal, { nFft: 1024 }).hop, 256, 'default hop is n_fft / 4');
    assert.equal(
      stft(signal, { nFft: 1024, hop: 256, center: false }).frames,
      1 + Math.floor((10_000 - 1024) / 256),
    );
    assert.equal(frameCount(5, resolveFraming({ nFft: 256 })), 1);
  });

  test('signals shorter than half a frame still reflect-pad without error', () => {
    const signal = Float32Array.from([0.5, -0.25, 0.125]);
    const spec = stft(signal, { nFft: 256, hop: 64 });
    assert.equal(spec.frames, 1);
    const back = istft(spec, { length: 3 });
    assert.ok(
      back.every((v, i) => Math.abs(v - signal[i]!) < 1e-6),
      `got ${Array.from(back)}`,
    );
  });

  test('rejects n_fft outside 256..8192 or not a power of two', () => {
    const signal = new Float32Array(50_000);
    for (const nFft of [128, 1000, 16384, 2048.5])
      assert.throws(
        () => stft(signal, { nFft }),
        (e: unknown) => e instanceof DspParameterError && e.parameter === 'nFft',
      );
  });

  test('rejects hops the overlap-add cannot undo, with a message naming the hop', () => {
    const signal = new Float32Array(50_000);
    for (const hop of [1025, 2048, 4096, 0, 10.5]) {
      assert.throws(
        () => stft(signal, { nFft: 2048, hop }),
        (e: unknown) =>
          e instanceof DspParameterError &&
          e.parameter === 'hop' &&
          e.message.includes(String(hop)),
        `hop ${hop} should be rejected`,
      );
    }
    // Uncentred frames accept hops past n/2 while the window sum stays well above zero...
    assert.equal(stft(signal, { nFft: 2048, hop: 1400, center: false }).hop, 1400);
    // ...but not once samples between windows are almost unseen.
    assert.throws(() => stft(signal, { nFft: 2048, hop: 1900, center: false }), DspParameterError);
  });

  test('rejects an empty signal and an uncentred signal shorter than a frame', () => {
    assert.throws(() => stft(new Float32Array(0), { nFft: 256 }), DspParameterError);
    assert.throws(
      () => stft(new Float32Array(100), { nFft: 256, center: false }),
      DspParameterError,
    );
  });
});

describe('istft', () => {
  test('gives exactly the requested length: cut, or zero past the last frame', () => {
    const { samples } = loadCorpusMono('flute_acoustic_073-072-100.wav');
    const spec = stft(samples, { nFft: 512 });
    const shorter = istft(spec, { length: 1000 });
    assert.equal(shorter.length, 1000);
    const longer = istft(spec, { length: samples.length + 5000 });
    assert.equal(longer.length, samples.length + 5000);
    // The last frame reaches n_fft/2 past its centre; beyond that nothing was analysed.
    const reach = (spec.frames - 1) * spec.hop + spec.nFft / 2;
    assert.ok(longer.subarray(reach).every((v) => v === 0));
  });

  test('rejects a spectrogram whose arrays do not fit its shape, or a bad length', () => {
    const spec = stft(new Float32Array(4096).fill(0.1), { nFft: 256 });
    assert.throws(
      () => istft({ ...spec, re: spec.re.subarray(1) }, { length: 4096 }),
      DspParameterError,
    );
    assert.throws(() => istft({ ...spec, bins: 100 }, { length: 4096 }), DspParameterError);
    assert.throws(() => istft(spec, { length: 0 }), DspParameterError);
    assert.throws(() => istft(spec, { length: 12.5 }), DspParameterError);
  });
});
