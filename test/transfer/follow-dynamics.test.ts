// Following the content's dynamics (issue 14): a result whose timbre is the style's but whose
// loudness over time is flat takes the content's envelope (QUALITY.md's correlation) while its
// timbre stays the style's; 0 changes nothing; each frame's gain reaches its target and is capped.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  contentCorrelation,
  envelope,
  logSpectrogram,
  styleGain,
  timbreProfile,
} from '../../src/main/evaluation/quality-metrics';
import {
  followContentDynamics,
  frameGain,
  targetLevels,
} from '../../src/main/transfer/follow-dynamics';
import { loadCorpusMono } from '../fixtures/corpus-audio';

const content = loadCorpusMono('drums_groove_120bpm.wav');
const RATE = content.sampleRate;
const LENGTH = 4 * RATE;
const drums = content.samples.subarray(0, LENGTH);
/** A held flute note, tiled to the drums' length: the style's timbre, with no dynamics. */
const flute = (() => {
  const note = loadCorpusMono('flute_acoustic_073-072-100.wav').samples;
  const body = note.subarray(Math.round(0.5 * RATE), Math.round(2.5 * RATE));
  const out = new Float32Array(LENGTH);
  for (let i = 0; i < LENGTH; i++) out[i] = body[i % body.length]!;
  return out;
})();

const correlation = (result: Float32Array): number =>
  contentCorrelation(envelope(logSpectrogram(drums)), envelope(logSpectrogram(result)), {
    content: 'drums',
    result: 'result',
  });
const gain = (result: Float32Array): number =>
  styleGain(
    timbreProfile(logSpectrogram(drums)),
    timbreProfile(logSpectrogram(flute)),
    timbreProfile(logSpectrogram(result)),
  );

describe('following the content’s dynamics', () => {
  test('a flat result takes the content’s envelope and keeps its own timbre', (t) => {
    const before = correlation(flute);
    const half = followContentDynamics(flute, drums, 0.5, RATE);
    const full = followContentDynamics(flute, drums, 1, RATE);
    const [corrHalf, corrFull] = [correlation(half), correlation(full)];
    const [gainHalf, gainFull] = [gain(half), gain(full)];
    t.diagnostic(
      `correlation ${before.toFixed(3)} -> ${corrHalf.toFixed(3)} (0.5) -> ${corrFull.toFixed(3)} (1); ` +
        `style gain 1 -> ${gainHalf.toFixed(3)} -> ${gainFull.toFixed(3)}`,
    );
    // A held note against a drum groove: next to no correlation to begin with.
    assert.ok(before < 0.3, `before: ${before}`);
    assert.ok(corrHalf > before + 0.3 && corrFull > corrHalf, `${corrHalf}, ${corrFull}`);
    // QUALITY.md reads the envelope with its own STFT (2,048 / 512): fully followed, the
    // result's envelope is the content's but for that framing and the capped gains.
    assert.ok(corrFull > 0.85, `fully followed: ${corrFull}`);
    // The flute's own tone in every frame: it stays far nearer the flute than the drums.
    assert.ok(gainFull > 0.7, `style gain ${gainFull}`);
    assert.equal(followContentDynamics(flute, drums, 0, RATE), flute, '0 leaves it as it is');
  });

  test('a frame’s gain reaches the level asked for', () => {
    const frame = Float32Array.from({ length: 257 }, (_, i) => Math.abs(Math.sin(i * 0.37)) * 3);
    const level = (g: number) => frame.reduce((sum, s) => sum + Math.log1p(g * Math.expm1(s)), 0);
    for (const target of [1, 50, level(1), 400, 2000]) {
      const g = frameGain(frame, target);
      assert.ok(Math.abs(level(g) - target) < 1e-6 * Math.max(1, target), `${target}: ${level(g)}`);
    }
    assert.equal(frameGain(new Float32Array(257), 10), 1, 'a silent frame stays as it is');
  });

  test('a near-silent result is raised by at most 24 dB, however loud the content', () => {
    const quiet = flute.map((x) => x * 1e-5);
    const raised = followContentDynamics(quiet, drums, 1, RATE);
    let ratio = 0;
    for (let i = 0; i < quiet.length; i++)
      if (Math.abs(quiet[i]!) > 1e-9) ratio = Math.max(ratio, Math.abs(raised[i]! / quiet[i]!));
    assert.ok(ratio <= 10 ** (24 / 20) + 1e-6, `raised ${(20 * Math.log10(ratio)).toFixed(1)} dB`);
  });

  test('a content without dynamics has none to give', () => {
    const result = Float64Array.from([3, 5, 4, 8]);
    assert.deepEqual(targetLevels(result, Float64Array.from([2, 2, 2, 2]), 1), result);
    // Follows the content's shape at the result's mean and spread.
    const followed = targetLevels(result, Float64Array.from([1, 2, 3, 4]), 1);
    const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
    assert.ok(Math.abs(mean(followed) - mean(result)) < 1e-9);
    assert.ok(followed[0]! < followed[1]! && followed[2]! < followed[3]!);
  });
});
