// Following the content's dynamics: a gain per frame, as an envelope follower on a mixing desk
// would set it, so that the result's loudness over time takes the content's shape (its rhythm,
// syllables and swells) while keeping the result's own timbre in every frame and its own range
// of loudness. The optimisation moves the timbre; left alone, it smooths some of the content's
// dynamics away (docs/presets.md measures both).
//
// In the terms of a short STFT: S = log(1 + |X|), a frame's level E(t) = sum over bins of S(t, f)
// (the envelope QUALITY.md's correlation reads). The target level is the result's own mean plus
// the content's deviation from its mean, scaled to the result's spread, blended with the result's
// level by `strength`; each frame gets the one gain that reaches it. It runs on the rebuilt sound
// (after phase reconstruction, which would otherwise smooth part of the gains away), as a gain
// curve through the frames' centres: memory stays a slice of 512 frames plus the gain curve.
import { stft } from '../dsp';

function meanAndSpread(values: Float64Array): [number, number] {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let variance = 0;
  for (const v of values) variance += (v - mean) ** 2;
  return [mean, Math.sqrt(variance / values.length)];
}

/** The level each frame of the result should have: see the top of the file. */
export function targetLevels(
  result: Float64Array,
  content: Float64Array,
  strength: number,
): Float64Array {
  const frames = Math.min(result.length, content.length);
  const [resultMean, resultSpread] = meanAndSpread(result.subarray(0, frames));
  const [contentMean, contentSpread] = meanAndSpread(content.subarray(0, frames));
  const target = Float64Array.from(result);
  // A content without dynamics (a constant level) has nothing to follow.
  if (!(contentSpread > 1e-9)) return target;
  const scale = resultSpread / contentSpread;
  for (let t = 0; t < frames; t++) {
    const followed = resultMean + scale * (content[t]! - contentMean);
    target[t] = Math.max(0, (1 - strength) * result[t]! + strength * followed);
  }
  return target;
}

/**
 * The gain g for one frame of log-magnitudes whose scaled level, sum of log(1 + g (e^S - 1)),
 * is `target` (Newton's method on log g; the level rises monotonically with g). A silent frame
 * keeps gain 1.
 */
export function frameGain(frame: Float32Array, target: number): number {
  let logGain = 0;
  for (let step = 0; step < 30; step++) {
    const g = Math.exp(logGain);
    let level = 0;
    let slope = 0;
    for (const s of frame) {
      const scaled = g * Math.expm1(s);
      level += Math.log1p(scaled);
      slope += scaled / (1 + scaled);
    }
    if (slope < 1e-12) return 1;
    const change = (target - level) / slope;
    // Bounded steps: from far away, the level's curve is flat on one side and steep on the other.
    logGain += Math.max(-4, Math.min(4, change));
    if (Math.abs(change) < 1e-6) break;
  }
  return Math.exp(Math.max(-30, Math.min(30, logGain)));
}

/** About 23 ms frames at any rate (1,024 samples at 44.1 kHz): short enough for syllables and hits. */
export function followFraming(rate: number): { nFft: number; hop: number } {
  const nFft = 2 ** Math.max(8, Math.min(12, Math.round(Math.log2(rate * 0.023))));
  return { nFft, hop: nFft / 4 };
}

/**
 * A frame is boosted by at most 24 dB (a near-silent frame of the result where the content is
 * loud would otherwise be raised into audible noise) and cut by at most 60 dB.
 */
const MAX_GAIN = 10 ** (24 / 20);
const MIN_GAIN = 10 ** (-60 / 20);

/** Frames analysed at once: a bounded slice of the signal, whatever its length. */
const CHUNK_FRAMES = 512;

/**
 * Calls `each` with every whole frame of `signal` (uncentred, at t * hop) as log(1 + |X|), a
 * slice of the STFT at a time.
 */
function forEachFrame(
  signal: Float32Array,
  nFft: number,
  hop: number,
  each: (frame: Float32Array, t: number) => void,
): void {
  const frames = signal.length < nFft ? 0 : 1 + Math.floor((signal.length - nFft) / hop);
  for (let first = 0; first < frames; first += CHUNK_FRAMES) {
    const count = Math.min(CHUNK_FRAMES, frames - first);
    const slice = signal.subarray(first * hop, first * hop + (count - 1) * hop + nFft);
    const spec = stft(slice, { nFft, hop, center: false });
    const frame = new Float32Array(spec.bins);
    for (let t = 0; t < count; t++) {
      for (let f = 0; f < spec.bins; f++) {
        const k = t * spec.bins + f;
        frame[f] = Math.log1p(Math.hypot(spec.re[k]!, spec.im[k]!));
      }
      each(frame, first + t);
    }
  }
}

function signalLevels(signal: Float32Array, nFft: number, hop: number): Float64Array {
  const levels: number[] = [];
  forEachFrame(signal, nFft, hop, (frame) => levels.push(frame.reduce((a, b) => a + b, 0)));
  return Float64Array.from(levels);
}

/**
 * `result` with its loudness over time moved toward the content's (same rate and length) by
 * `strength` (0: unchanged, 1: fully), written to `out`: a new signal by default, or `result`
 * itself when the caller has no further use for it (a 10-minute stream is 106 MB).
 */
export function followContentDynamics(
  result: Float32Array,
  content: Float32Array,
  strength: number,
  rate: number,
  out: Float32Array = new Float32Array(result.length),
): Float32Array {
  const { nFft, hop } = followFraming(rate);
  if (!(strength > 0) || result.length < 2 * nFft) return result;
  const levels = signalLevels(result, nFft, hop);
  const targets = targetLevels(levels, signalLevels(content, nFft, hop), strength);
  const gains = new Float64Array(levels.length);
  forEachFrame(result, nFft, hop, (frame, t) => {
    gains[t] = Math.max(MIN_GAIN, Math.min(MAX_GAIN, frameGain(frame, targets[t]!)));
  });
  // A gain curve through the frames' centres, held before the first and after the last (each
  // sample is read before it is written, so `out` may be `result`).
  const centre = (t: number) => t * hop + nFft / 2;
  for (let i = 0, t = 0; i < result.length; i++) {
    while (t + 1 < gains.length && centre(t + 1) <= i) t++;
    const from = centre(t);
    const g =
      i <= from || t + 1 >= gains.length
        ? gains[t]!
        : gains[t]! + ((gains[t + 1]! - gains[t]!) * (i - from)) / hop;
    out[i] = result[i]! * g;
  }
  return out;
}
