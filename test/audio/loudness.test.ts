// Loudness (ITU-R BS.1770-4) against known answers: the standard's own filter coefficients, the
// 997 Hz calibration, EBU Tech 3341 test signals synthesised here, channel weights, silence.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusFile } from '../fixtures/paths';
import { integratedLoudness, readWav, samplePeakDb } from '../../src/main/audio';
import type { PcmAudio } from '../../src/main/audio';
import { kWeightingFilters } from '../../src/main/audio/k-weighting';

function tone(frequency: number, sampleRate: number, seconds: number, dbfs: number): Float32Array {
  const amplitude = 10 ** (dbfs / 20);
  return Float32Array.from(
    { length: Math.round(seconds * sampleRate) },
    (_, i) => amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate),
  );
}

function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const stereo = (x: Float32Array, sampleRate: number): PcmAudio => ({
  sampleRate,
  channels: [x, x.slice()],
});

function assertNear(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what}: ${actual.toFixed(3)}, expected ${expected} ± ${tolerance}`,
  );
}

describe('K-weighting', () => {
  test('at 48 kHz the coefficients are those printed in BS.1770-4', () => {
    const [shelf, highPass] = kWeightingFilters(48000);
    const printed = [
      [shelf.b0, 1.53512485958697],
      [shelf.b1, -2.69169618940638],
      [shelf.b2, 1.19839281085285],
      [shelf.a1, -1.69065929318241],
      [shelf.a2, 0.73248077421585],
      [highPass.b0, 1],
      [highPass.b1, -2],
      [highPass.b2, 1],
      [highPass.a1, -1.99004745483398],
      [highPass.a2, 0.99007225036621],
    ];
    for (const [ours, theirs] of printed)
      assert.ok(Math.abs(ours! - theirs!) < 1e-12, `${ours} vs ${theirs}`);
  });
});

describe('integrated loudness', () => {
  const rates = [8000, 16000, 22050, 44100, 48000, 96000, 192000];

  test('a 997 Hz 0 dBFS sine in one channel of a stereo file reads -3.01 LUFS at every rate', () => {
    for (const sampleRate of rates) {
      const x = tone(997, sampleRate, 5, 0);
      assertNear(
        integratedLoudness({ sampleRate, channels: [x, new Float32Array(x.length)] }),
        -3.01,
        0.05,
        `${sampleRate} Hz`,
      );
    }
  });

  test('the same sine in both channels reads 0 LUFS', () => {
    for (const sampleRate of rates)
      assertNear(
        integratedLoudness(stereo(tone(997, sampleRate, 5, 0), sampleRate)),
        0,
        0.05,
        `${sampleRate} Hz`,
      );
  });

  test('EBU Tech 3341 case 1: 1 kHz at -23 dBFS in both channels reads -23.0 LUFS', () => {
    for (const sampleRate of [44100, 48000, 96000])
      assertNear(
        integratedLoudness(stereo(tone(1000, sampleRate, 20, -23), sampleRate)),
        -23,
        0.1,
        `${sampleRate} Hz`,
      );
  });

  test('EBU Tech 3341 case 2: 1 kHz at -33 dBFS reads -33.0 LUFS', () => {
    assertNear(integratedLoudness(stereo(tone(1000, 48000, 20, -33), 48000)), -33, 0.1, 'case 2');
  });

  test('EBU Tech 3341 case 3: the relative gate removes -36 dBFS passages around -23 dBFS', () => {
    const x = concat(
      tone(1000, 48000, 10, -36),
      tone(1000, 48000, 60, -23),
      tone(1000, 48000, 10, -36),
    );
    assertNear(integratedLoudness(stereo(x, 48000)), -23, 0.1, 'case 3');
  });

  test('EBU Tech 3341 case 4: the absolute gate removes -72 dBFS passages', () => {
    const quiet = tone(1000, 48000, 10, -72);
    const x = concat(
      quiet,
      tone(1000, 48000, 10, -36),
      tone(1000, 48000, 60, -23),
      tone(1000, 48000, 10, -36),
      quiet,
    );
    assertNear(integratedLoudness(stereo(x, 48000)), -23, 0.1, 'case 4');
  });

  test('EBU Tech 3341 case 5: -26, -20, -26 dBFS passages read -23.0 LUFS', () => {
    const x = concat(
      tone(1000, 48000, 20, -26),
      tone(1000, 48000, 20.1, -20),
      tone(1000, 48000, 20, -26),
    );
    assertNear(integratedLoudness(stereo(x, 48000)), -23, 0.1, 'case 5');
  });

  test('surround channels weigh 1.41, the LFE nothing (5.1 in WAVE order)', () => {
    const x = tone(1000, 48000, 5, -23);
    const silent = new Float32Array(x.length);
    const only = (index: number) =>
      integratedLoudness({
        sampleRate: 48000,
        channels: Array.from({ length: 6 }, (_, c) => (c === index ? x : silent)),
      });
    const front = only(0);
    assertNear(only(2) - front, 0, 0.001, 'centre');
    assertNear(only(4) - front, 10 * Math.log10(1.41), 0.001, 'left surround');
    assert.equal(only(3), -Infinity, 'LFE alone');
  });

  test('silence, and clips shorter than one 400 ms block, read -Infinity without throwing', () => {
    assert.equal(integratedLoudness(stereo(new Float32Array(48000), 48000)), -Infinity);
    assert.equal(integratedLoudness(stereo(tone(1000, 48000, 0.39, 0), 48000)), -Infinity);
    assert.equal(
      integratedLoudness(stereo(tone(1000, 48000, 5, -80), 48000)),
      -Infinity,
      'below the absolute gate',
    );
  });

  test('the corpus: a louder velocity of the same note reads louder', async () => {
    const soft = (await readWav(corpusFile('flute_acoustic_073-067-050.wav'))).audio;
    const loud = (await readWav(corpusFile('flute_acoustic_073-060-127.wav'))).audio;
    const [a, b] = [integratedLoudness(soft), integratedLoudness(loud)];
    assert.ok(Number.isFinite(a) && Number.isFinite(b) && b - a > 10, `${a} vs ${b}`);
  });
});

describe('sample peak', () => {
  test('reads the largest magnitude in dBFS, -Infinity for silence', () => {
    assert.equal(
      samplePeakDb({
        sampleRate: 8000,
        channels: [Float32Array.of(0.25, -0.5), Float32Array.of(0.1, 0)],
      }),
      20 * Math.log10(0.5),
    );
    assert.equal(samplePeakDb({ sampleRate: 8000, channels: [new Float32Array(4)] }), -Infinity);
  });
});
