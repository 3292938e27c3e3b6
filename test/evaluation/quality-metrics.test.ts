// QUALITY.md's metrics against an independent direct-DFT computation (reference.ts) and against
// synthetic cases whose answers are known.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EvaluationError } from '../../src/main/evaluation/errors';
import {
  contentCorrelation,
  envelope,
  logSpectrogram,
  magnitudeSpectrogram,
  meanProfile,
  QUALITY_FRAMING,
  spectralConvergence,
  styleGain,
  timbreProfile,
} from '../../src/main/evaluation/quality-metrics';
import {
  euclidean,
  HOP,
  N_FFT,
  referenceEnvelope,
  referenceMagnitude,
  referencePearson,
  referenceProfile,
  testSignal,
} from './reference';

const RATE = 16000;
// Four frames that fit entirely, and 300 samples that belong to none.
const LENGTH = N_FFT + 3 * HOP + 300;
const signal = testSignal(LENGTH, RATE, [
  { hz: 440, gain: 0.5 },
  { hz: 1320, gain: 0.2 },
  { hz: 3100, gain: 0.05 },
]);
const reference = referenceMagnitude(signal);

function maxRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  assert.equal(actual.length, expected.length, 'lengths differ');
  let scale = 0;
  let error = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]!));
    error = Math.max(error, Math.abs(actual[i]! - expected[i]!));
  }
  return error / scale;
}

function assertEvaluationError(fn: () => unknown, code: string, message: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(
      error instanceof EvaluationError,
      `expected an EvaluationError, got ${String(error)}`,
    );
    assert.equal(error.code, code);
    assert.equal(error.userFacing, true);
    assert.match(error.message, message);
    return true;
  });
}

describe('magnitude spectrogram, timbre profile and envelope', () => {
  test('the framing is QUALITY.md’s: n_fft 2048, hop 512, only frames that fit entirely', () => {
    assert.deepEqual(QUALITY_FRAMING, { nFft: 2048, hop: 512, center: false });
    const m = magnitudeSpectrogram(signal);
    assert.equal(m.frames, 4);
    assert.equal(m.bins, 1025);
    assert.equal(magnitudeSpectrogram(signal.subarray(0, N_FFT)).frames, 1);
    assert.equal(magnitudeSpectrogram(signal.subarray(0, N_FFT + HOP - 1)).frames, 1);
  });

  test('M matches a direct DFT with a periodic Hann window', () => {
    const error = maxRelativeError(magnitudeSpectrogram(signal).data, reference.data);
    assert.ok(error < 1e-5, `largest error ${error} of the peak magnitude`);
  });

  test('L and E match the reference computed from the direct DFT', () => {
    const spec = logSpectrogram(signal);
    const profileError = maxRelativeError(timbreProfile(spec), referenceProfile(reference));
    const envelopeError = maxRelativeError(envelope(spec), referenceEnvelope(reference));
    assert.ok(profileError < 1e-5, `L: largest error ${profileError} of its peak`);
    assert.ok(envelopeError < 1e-5, `E: largest error ${envelopeError} of its peak`);
  });

  test('a clip shorter than one frame, or with a NaN, is refused with its name', () => {
    assertEvaluationError(
      () => magnitudeSpectrogram(signal.subarray(0, N_FFT - 1), 'short.wav'),
      'TOO_SHORT',
      /^short\.wav is too short to measure: 2047 samples .* takes 2048\.$/,
    );
    const broken = signal.slice();
    broken[1000] = NaN;
    assertEvaluationError(
      () => magnitudeSpectrogram(broken, 'nan.wav'),
      'NOT_FINITE',
      /^nan\.wav has a sample that is not a finite number \(at sample 1000\)/,
    );
  });
});

describe('style gain', () => {
  const profile = (...values: number[]) => Float64Array.from(values);
  const content = profile(0, 0, 1);
  const style = profile(2, 0, 1);

  test('1 at the style, 0 at the content, in between on the way, negative past it', () => {
    assert.equal(styleGain(content, style, style), 1);
    assert.equal(styleGain(content, style, content), 0);
    assert.equal(styleGain(content, style, profile(1, 0, 1)), 0.5);
    assert.equal(styleGain(content, style, profile(-2, 0, 1)), -1);
    // |.| is the Euclidean norm: a step sideways counts as much as a step back.
    assert.equal(styleGain(content, style, profile(2, 2, 1)), 0);
  });

  test('several styles stand for the mean of their profiles', () => {
    const styles = [profile(2, 0, 1), profile(4, 2, 3)];
    assert.deepEqual(meanProfile(styles), profile(3, 1, 2));
    const result = profile(1, 1, 1);
    const expected = 1 - euclidean(result, [3, 1, 2]) / euclidean(content, [3, 1, 2]);
    assert.equal(styleGain(content, styles, result), expected);
    assert.equal(styleGain(content, styles, profile(3, 1, 2)), 1);
  });

  test('on real spectra: the formula of QUALITY.md, from the reference profiles', () => {
    const other = testSignal(LENGTH, RATE, [{ hz: 200, gain: 0.3 }], 7);
    const result = testSignal(
      LENGTH,
      RATE,
      [
        { hz: 440, gain: 0.3 },
        { hz: 200, gain: 0.2 },
      ],
      9,
    );
    const [lc, ls, lr] = [signal, other, result].map((x) => timbreProfile(logSpectrogram(x)));
    const [rc, rs, rr] = [signal, other, result].map((x) =>
      referenceProfile(referenceMagnitude(x)),
    );
    const expected = 1 - euclidean(rr!, rs!) / euclidean(rc!, rs!);
    const gain = styleGain(lc!, ls!, lr!);
    assert.ok(Math.abs(gain - expected) < 1e-5, `gain ${gain}, reference ${expected}`);
  });

  test('a content equal to the style makes the gain undefined: refused', () => {
    assertEvaluationError(
      () => styleGain(content, content.slice(), style),
      'CONTENT_IS_STYLE',
      /same timbre profile, so the style gain is undefined/,
    );
    assertEvaluationError(
      () => styleGain(content, [profile(-1, 0, 1), profile(1, 0, 1)], style),
      'CONTENT_IS_STYLE',
      /undefined/,
    );
  });

  test('a NaN in a profile is refused, not returned', () => {
    assertEvaluationError(
      () => styleGain(content, style, profile(NaN, 0, 1)),
      'UNDEFINED',
      /finite/,
    );
  });
});

describe('content-envelope correlation', () => {
  const e = Float64Array.from([3, 5, 4, 9, 1, 7, 2]);

  test('1 for the same envelope, scaled or shifted; -1 when inverted', () => {
    assert.equal(contentCorrelation(e, e), 1);
    assert.ok(
      Math.abs(
        contentCorrelation(
          e,
          e.map((v) => 2.5 * v + 40),
        ) - 1,
      ) < 1e-12,
    );
    assert.ok(
      Math.abs(
        contentCorrelation(
          e,
          e.map((v) => 10 - v),
        ) + 1,
      ) < 1e-12,
    );
  });

  test('Pearson over the common frames, as the textbook formula gives it', () => {
    const result = Float64Array.from([1, 2, 2, 8, 3, 5, 3, 100, -50]);
    const expected = referencePearson(e, result.subarray(0, e.length));
    assert.ok(Math.abs(contentCorrelation(e, result) - expected) < 1e-12);
    assert.ok(Math.abs(contentCorrelation(result, e) - expected) < 1e-12);
  });

  test('on real spectra it matches the reference envelopes’ correlation', () => {
    const result = testSignal(LENGTH + 2 * HOP, RATE, [{ hz: 300, gain: 0.4 }], 3);
    const expected = referencePearson(
      referenceEnvelope(reference),
      referenceEnvelope(referenceMagnitude(result)),
    );
    const r = contentCorrelation(
      envelope(logSpectrogram(signal)),
      envelope(logSpectrogram(result)),
    );
    assert.ok(Math.abs(r - expected) < 1e-4, `r ${r}, reference ${expected}`);
  });

  test('fewer than two common frames, or a constant envelope, is refused with the clip’s name', () => {
    const labels = { content: 'content.wav', result: 'result.wav' };
    assertEvaluationError(
      () => contentCorrelation(e, Float64Array.of(4), labels),
      'TOO_SHORT',
      /^result\.wav has 1 analysis frame, and a correlation needs at least 2/,
    );
    assertEvaluationError(
      () => contentCorrelation(e, new Float64Array(7).fill(12), labels),
      'CONSTANT_ENVELOPE',
      /^result\.wav keeps the same level in every analysis frame/,
    );
  });
});

describe('spectral convergence', () => {
  const target = magnitudeSpectrogram(signal);

  test('0 for the sound the magnitude came from; |M - 2M| / |2M| = 0.5 for twice the magnitude', () => {
    assert.ok(spectralConvergence(signal, target) < 1e-7);
    const doubled = { ...target, data: target.data.map((v) => 2 * v) };
    assert.ok(Math.abs(spectralConvergence(signal, doubled) - 0.5) < 1e-6);
  });

  test('matches the Frobenius ratio from the direct DFT', () => {
    const y = testSignal(
      LENGTH,
      RATE,
      [
        { hz: 440, gain: 0.45 },
        { hz: 1320, gain: 0.25 },
      ],
      5,
    );
    const my = referenceMagnitude(y).data;
    const expected =
      euclidean(my, reference.data) / euclidean(reference.data, new Float64Array(my.length));
    const sc = spectralConvergence(y, target);
    assert.ok(Math.abs(sc - expected) < 1e-5, `SC ${sc}, reference ${expected}`);
  });

  test('a different length or a silent magnitude is refused', () => {
    assertEvaluationError(
      () => spectralConvergence(signal.subarray(0, N_FFT + HOP), target, 'rebuilt.wav'),
      'SHAPE_MISMATCH',
      /^rebuilt\.wav makes 2 analysis frames, and the magnitude asked for has 4/,
    );
    assertEvaluationError(
      () => spectralConvergence(signal, { ...target, data: new Float32Array(target.data.length) }),
      'SILENT',
      /undefined/,
    );
  });
});
