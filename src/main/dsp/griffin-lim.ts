// Phase reconstruction from a magnitude spectrogram: Griffin-Lim (Griffin & Lim 1984) and fast
// Griffin-Lim (Perraudin, Balazs & Sondergaard 2013). The loop is async and yields to the event
// loop every iteration so a worker's cancel message (an AbortSignal) gets in.
import type { Samples } from '../../shared/units';
import { DspParameterError, PhaseReconstructionCancelled } from './errors';
import { seededRandom } from './random';
import { checkLength, frameCount, resolveShape, type Spectrogram, type StftShape } from './stft';
import { stftPlan } from './stft-plan';

export type PhaseMethod = 'gl' | 'fgla';

/** Where the phase starts: uniform random (seeded), all zero, or the phase of a given spectrum. */
export type InitialPhase = 'random' | 'zero' | { re: Float32Array; im: Float32Array };

export interface PhaseProgress {
  /** Iterations done so far (1 after the first). */
  iteration: number;
  /** Iterations asked for. */
  iterations: number;
  /** || |X| - |STFT(x)| ||_F / || |X| ||_F of this iteration's audio x. */
  spectralConvergence: number;
}

export interface PhaseReconstructionOptions {
  /** Output length in samples; must be one the spectrogram's frame count fits. */
  length: Samples;
  /** Iterations to run (0 gives the ISTFT of the initial phase). */
  iterations: number;
  /** 'gl': plain Griffin-Lim; 'fgla': fast Griffin-Lim with momentum. */
  method: PhaseMethod;
  /** fgla momentum alpha, 0 to 1 (default 0.99, the paper's choice). */
  momentum?: number;
  initialPhase: InitialPhase;
  /** Seed of the random initial phase (default 0). */
  seed?: number;
  /** Called after every iteration. */
  onProgress?: (progress: PhaseProgress) => void;
  /** Checked every iteration; when it fires the promise rejects with PhaseReconstructionCancelled. */
  signal?: AbortSignal;
}

export interface PhaseReconstructionResult {
  audio: Float32Array;
  /** Spectral convergence of the returned audio. */
  spectralConvergence: number;
  /** Iterations run. */
  iterations: number;
  /** Spectral convergence after each iteration (index 0 = iteration 1). */
  history: Float64Array;
}

export const DEFAULT_MOMENTUM = 0.99;

/** || target - |spec| ||_F / || target ||_F (0 when both are silent). */
export function spectralConvergence(
  target: Float32Array,
  spec: Pick<Spectrogram, 're' | 'im'>,
): number {
  if (target.length !== spec.re.length || target.length !== spec.im.length)
    throw new DspParameterError(
      'spec',
      spec.re.length,
      `Spectrogram has ${spec.re.length} cells but the target magnitude has ${target.length}.`,
    );
  let error = 0;
  let energy = 0;
  for (let i = 0; i < target.length; i++) {
    const t = target[i]!;
    const a = Math.sqrt(spec.re[i]! * spec.re[i]! + spec.im[i]! * spec.im[i]!);
    error += (t - a) * (t - a);
    energy += t * t;
  }
  if (energy === 0) return error === 0 ? 0 : Infinity;
  return Math.sqrt(error / energy);
}

/** Audio whose STFT magnitude approaches `magnitude` (frames x bins), by iterative phase retrieval. */
export async function reconstructPhase(
  magnitude: Float32Array,
  shape: StftShape,
  opts: PhaseReconstructionOptions,
): Promise<PhaseReconstructionResult> {
  const full = resolveShape(shape, magnitude);
  const { frames, center } = full;
  const { length, iterations, method } = opts;
  checkLength(length, 'opts.length');
  const expectedFrames = frameCount(length, full);
  if (expectedFrames !== frames)
    throw new DspParameterError(
      'opts.length',
      length,
      `An output of ${length} samples has ${expectedFrames} frames at hop ${full.hop}, but the magnitude has ${frames}.`,
    );
  if (!Number.isInteger(iterations) || iterations < 0)
    throw new DspParameterError(
      'opts.iterations',
      iterations,
      `Iterations must be a whole number from 0 up, got ${iterations}.`,
    );
  if (method !== 'gl' && method !== 'fgla')
    throw new DspParameterError(
      'opts.method',
      method,
      `Phase method must be 'gl' or 'fgla', got ${String(method)}.`,
    );
  const momentum = method === 'fgla' ? (opts.momentum ?? DEFAULT_MOMENTUM) : 0;
  if (!(momentum >= 0 && momentum <= 1))
    throw new DspParameterError(
      'opts.momentum',
      momentum,
      `Momentum must be from 0 to 1, got ${momentum}.`,
    );
  checkMagnitude(magnitude, full.bins);

  const plan = stftPlan(full.nFft, full.hop, full.winLength);
  const bins = full.bins;
  const cells = magnitude.length;
  // projected: the target magnitude on the rebuilt phase (t_n), kept from one iteration to the
  // next for the momentum term; it starts as the starting spectrum. The spectrum fed to the next
  // ISTFT (c_n = t_n + momentum (t_n - t_n-1)) is built a row at a time and overlap-added into
  // the next iteration's sound at once, and the rebuilt spectrum is analysed a frame at a time:
  // neither is held whole (848 MB for 10 minutes of 44.1 kHz at hop 512).
  const projected = startingSpectrum(magnitude, opts.initialPhase, opts.seed ?? 0);
  const rebuilt = { re: new Float32Array(bins), im: new Float32Array(bins) };
  const nextRow = { re: new Float32Array(bins), im: new Float32Array(bins) };
  let audio = new Float32Array(length);
  let nextAudio = new Float32Array(iterations > 0 ? length : 0);
  plan.synthesise(projected.re, projected.im, frames, center, audio);
  const history = new Float64Array(iterations);
  let energy = 0;
  for (let i = 0; i < cells; i++) energy += magnitude[i]! * magnitude[i]!;

  for (let n = 1; n <= iterations; n++) {
    if (opts.signal?.aborted) throw new PhaseReconstructionCancelled(n - 1, iterations);
    // Analyse, project and synthesise frame by frame while the row is still in cache.
    let error = 0;
    nextAudio.fill(0);
    for (let t = 0; t < frames; t++) {
      plan.analyseFrame(audio, t, center, rebuilt.re, rebuilt.im, 0);
      error += projectRow(magnitude, rebuilt, projected, nextRow, momentum, t * bins, bins);
      plan.synthesiseFrame(nextRow.re, nextRow.im, t, center, nextAudio, 0);
    }
    plan.finishSynthesis(frames, center, nextAudio);
    [audio, nextAudio] = [nextAudio, audio];
    const sc = energy > 0 ? Math.sqrt(error / energy) : error === 0 ? 0 : Infinity;
    history[n - 1] = sc;
    opts.onProgress?.({ iteration: n, iterations, spectralConvergence: sc });
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (opts.signal?.aborted) throw new PhaseReconstructionCancelled(iterations, iterations);

  // The answer is the last projection t_n (target magnitude, rebuilt phase), not the
  // momentum-pushed c_n; with no iterations it is the starting spectrum.
  plan.synthesise(projected.re, projected.im, frames, center, audio);
  // The spectral convergence of the answer, frame by frame (`energy` is the target's, above).
  let error = 0;
  for (let t = 0; t < frames; t++) {
    plan.analyseFrame(audio, t, center, rebuilt.re, rebuilt.im, 0);
    for (let k = 0; k < bins; k++) {
      const target = magnitude[t * bins + k]!;
      const a = Math.sqrt(rebuilt.re[k]! * rebuilt.re[k]! + rebuilt.im[k]! * rebuilt.im[k]!);
      error += (target - a) * (target - a);
    }
  }
  return {
    audio,
    spectralConvergence: energy === 0 ? (error === 0 ? 0 : Infinity) : Math.sqrt(error / energy),
    iterations,
    history,
  };
}

/** Magnitudes must be finite and non-negative: say where the first bad one is. */
function checkMagnitude(magnitude: Float32Array, bins: number): void {
  for (let i = 0; i < magnitude.length; i++) {
    const value = magnitude[i]!;
    if (!(value >= 0 && value < Infinity))
      throw new DspParameterError(
        'magnitude',
        value,
        `Magnitude must be finite and non-negative, got ${value} at frame ${Math.floor(i / bins)}, bin ${i % bins}.`,
      );
  }
}

function startingSpectrum(
  magnitude: Float32Array,
  initialPhase: InitialPhase,
  seed: number,
): { re: Float32Array; im: Float32Array } {
  const cells = magnitude.length;
  const re = new Float32Array(cells);
  const im = new Float32Array(cells);
  if (initialPhase === 'zero') {
    re.set(magnitude);
  } else if (initialPhase === 'random') {
    const random = seededRandom(seed);
    for (let i = 0; i < cells; i++) {
      const angle = 2 * Math.PI * random.next();
      re[i] = magnitude[i]! * Math.cos(angle);
      im[i] = magnitude[i]! * Math.sin(angle);
    }
  } else if (typeof initialPhase === 'object' && initialPhase !== null) {
    const given = initialPhase;
    if (given.re?.length !== cells || given.im?.length !== cells)
      throw new DspParameterError(
        'opts.initialPhase',
        given.re?.length,
        `The initial phase spectrum must have ${cells} cells like the magnitude, got ${given.re?.length}.`,
      );
    unitPhase(magnitude, given, { re, im });
  } else {
    throw new DspParameterError(
      'opts.initialPhase',
      initialPhase,
      `Initial phase must be 'random', 'zero' or a { re, im } spectrum, got ${String(initialPhase)}.`,
    );
  }
  return { re, im };
}

/** out = magnitude * spec / |spec| (phase 0 where spec is 0). */
function unitPhase(
  magnitude: Float32Array,
  spec: { re: Float32Array; im: Float32Array },
  out: { re: Float32Array; im: Float32Array },
): void {
  for (let i = 0; i < magnitude.length; i++) {
    const r = spec.re[i]!;
    const m = spec.im[i]!;
    const a = Math.sqrt(r * r + m * m);
    if (a > 0) {
      const scale = magnitude[i]! / a;
      out.re[i] = r * scale;
      out.im[i] = m * scale;
    } else {
      out.re[i] = magnitude[i]!;
      out.im[i] = 0;
    }
  }
}

/**
 * One frame's step (`rebuilt`: that frame's spectrum alone): t = target magnitude on the rebuilt phase (phase 0 where the rebuilt cell is
 * 0), then Perraudin's c = t + alpha (t - t_prev) (plain Griffin-Lim: alpha = 0, c = t), and
 * t_prev = t. Returns the frame's squared magnitude error, for the spectral convergence.
 */
function projectRow(
  magnitude: Float32Array,
  rebuilt: { re: Float32Array; im: Float32Array },
  projected: { re: Float32Array; im: Float32Array },
  next: { re: Float32Array; im: Float32Array },
  momentum: number,
  offset: number,
  bins: number,
): number {
  let error = 0;
  for (let i = offset; i < offset + bins; i++) {
    // rebuilt holds this frame alone.
    const r = rebuilt.re[i - offset]!;
    const m = rebuilt.im[i - offset]!;
    const a = Math.sqrt(r * r + m * m);
    const target = magnitude[i]!;
    error += (target - a) * (target - a);
    let tr = target;
    let ti = 0;
    if (a > 0) {
      const scale = target / a;
      tr = r * scale;
      ti = m * scale;
    }
    next.re[i - offset] = tr + momentum * (tr - projected.re[i]!);
    next.im[i - offset] = ti + momentum * (ti - projected.im[i]!);
    projected.re[i] = tr;
    projected.im[i] = ti;
  }
  return error;
}
