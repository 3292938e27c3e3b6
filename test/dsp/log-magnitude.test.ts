import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inverseLogMagnitude, logMagnitude, magnitude, stft } from '../../src/main/dsp/index';
import { loadCorpusMono } from '../fixtures/corpus-audio';

describe('log-magnitude', () => {
  test('expm1 undoes log1p on a corpus spectrogram', () => {
    const { samples } = loadCorpusMono('keyboard_acoustic_000-069-127.wav');
    const mag = magnitude(stft(samples, { nFft: 1024 }));
    const logMag = logMagnitude(mag);
    const back = inverseLogMagnitude(logMag);
    let worst = 0;
    for (let i = 0; i < mag.length; i++)
      worst = Math.max(worst, Math.abs(back[i]! - mag[i]!) / (mag[i]! + 1));
    assert.ok(worst < 1e-6, `worst relative error ${worst}`);
  });

  test('is log(1 + |X|): 0 stays 0, e - 1 becomes 1, and the order is kept', () => {
    const logMag = logMagnitude(Float32Array.from([0, Math.E - 1, 10, 1000]));
    assert.equal(logMag[0], 0);
    assert.ok(Math.abs(logMag[1]! - 1) < 1e-6);
    assert.ok(logMag[1]! < logMag[2]! && logMag[2]! < logMag[3]!);
    assert.ok(Math.abs(logMag[3]! - Math.log(1001)) < 1e-5);
  });

  test('a log-magnitude pushed below zero by an optimiser comes back as magnitude 0', () => {
    assert.deepEqual(
      Array.from(inverseLogMagnitude(Float32Array.from([-0.5, -1e-9, 0]))),
      [0, 0, 0],
    );
  });
});
