import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DspParameterError,
  magnitude,
  PhaseReconstructionCancelled,
  reconstructPhase,
  spectralConvergence,
  stft,
  type PhaseProgress,
} from '../../src/main/dsp/index';
import { loadCorpusMono } from '../fixtures/corpus-audio';

const FRAMING = { nFft: 512, hop: 128 };

function clipMagnitude(name: string, seconds = 4) {
  const { samples, sampleRate } = loadCorpusMono(name);
  const signal = samples.subarray(0, Math.min(samples.length, Math.round(seconds * sampleRate)));
  const spec = stft(signal, FRAMING);
  return { signal, spec, mag: magnitude(spec) };
}

describe('reconstructPhase', () => {
  // Four kinds of sound: speech, drums, bowed string, struck piano.
  for (const clip of [
    'speech_espeak_en-us.wav',
    'drums_groove_120bpm.wav',
    'string_acoustic_040-062-100.wav',
    'keyboard_acoustic_000-045-112.wav',
  ]) {
    test(`fast Griffin-Lim beats plain Griffin-Lim at 100 iterations on ${clip}`, async () => {
      const { signal, spec, mag } = clipMagnitude(clip);
      const common = {
        length: signal.length,
        iterations: 100,
        initialPhase: 'random',
        seed: 3,
      } as const;
      const gl = await reconstructPhase(mag, spec, { ...common, method: 'gl' });
      const fgla = await reconstructPhase(mag, spec, { ...common, method: 'fgla' });
      assert.ok(
        fgla.spectralConvergence < gl.spectralConvergence,
        `fgla ${fgla.spectralConvergence.toFixed(4)} vs gl ${gl.spectralConvergence.toFixed(4)}`,
      );
      // Both actually converge from the random start, and report honestly: the final figure is
      // the spectral convergence of the audio they return.
      assert.ok(
        gl.history[99]! < gl.history[0]! / 2,
        `gl went ${gl.history[0]} -> ${gl.history[99]}`,
      );
      const check = spectralConvergence(mag, stft(fgla.audio, FRAMING));
      assert.ok(
        Math.abs(check - fgla.spectralConvergence) < 1e-4,
        `${check} vs ${fgla.spectralConvergence}`,
      );
      assert.equal(fgla.audio.length, signal.length);
    });
  }

  test('starting from the true phase gives the signal back at once', async () => {
    const { signal, spec, mag } = clipMagnitude('flute_acoustic_073-060-127.wav', 2);
    const result = await reconstructPhase(mag, spec, {
      length: signal.length,
      iterations: 3,
      method: 'fgla',
      initialPhase: { re: spec.re, im: spec.im },
    });
    assert.ok(result.history[0]! < 1e-4, `first iteration at ${result.history[0]}`);
    let error = 0;
    let energy = 0;
    for (let i = 0; i < signal.length; i++) {
      error += (signal[i]! - result.audio[i]!) ** 2;
      energy += signal[i]! ** 2;
    }
    assert.ok(10 * Math.log10(energy / error) > 80, `SNR ${10 * Math.log10(energy / error)} dB`);
  });

  test('zero initial phase converges too', async () => {
    const { signal, spec, mag } = clipMagnitude('guitar_acoustic_024-052-127.wav', 1);
    const result = await reconstructPhase(mag, spec, {
      length: signal.length,
      iterations: 30,
      method: 'fgla',
      initialPhase: 'zero',
    });
    assert.ok(result.spectralConvergence < result.history[0]!);
  });

  test('reports progress after every iteration, in order', async () => {
    const { signal, spec, mag } = clipMagnitude('speech_espeak_en-us.wav', 1);
    const seen: PhaseProgress[] = [];
    const result = await reconstructPhase(mag, spec, {
      length: signal.length,
      iterations: 12,
      method: 'gl',
      initialPhase: 'random',
      onProgress: (p) => seen.push(p),
    });
    assert.deepEqual(
      seen.map((p) => p.iteration),
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    assert.ok(seen.every((p) => p.iterations === 12));
    assert.deepEqual(
      seen.map((p) => p.spectralConvergence),
      Array.from(result.history),
    );
  });

  test('the same seed gives the same audio; another seed does not', async () => {
    const { signal, spec, mag } = clipMagnitude('drums_groove_120bpm.wav', 1);
    const run = (seed: number) =>
      reconstructPhase(mag, spec, {
        length: signal.length,
        iterations: 5,
        method: 'gl',
        initialPhase: 'random',
        seed,
      });
    const [a, b, c] = await Promise.all([run(11), run(11), run(12)]);
    assert.deepEqual(a.audio, b.audio);
    assert.notDeepEqual(a.audio, c.audio);
  });

  test('cancelling stops within one iteration, from progress or from a timer', async () => {
    const { signal, spec, mag } = clipMagnitude('speech_espeak_en-us.wav', 2);
    const base = {
      length: signal.length,
      iterations: 10_000,
      method: 'fgla',
      initialPhase: 'random',
    } as const;

    const fromProgress = new AbortController();
    await assert.rejects(
      reconstructPhase(mag, spec, {
        ...base,
        signal: fromProgress.signal,
        onProgress: (p) => p.iteration === 3 && fromProgress.abort(),
      }),
      (e: unknown) =>
        e instanceof PhaseReconstructionCancelled &&
        e.iterationsDone === 3 &&
        e.iterationsPlanned === 10_000,
    );

    // A timer firing is how a worker's cancel message arrives: the loop must let it in.
    const fromTimer = new AbortController();
    let iterationsAtAbort = -1;
    let lastIteration = 0;
    setTimeout(() => {
      iterationsAtAbort = lastIteration;
      fromTimer.abort();
    }, 100);
    await assert.rejects(
      reconstructPhase(mag, spec, {
        ...base,
        signal: fromTimer.signal,
        onProgress: (p) => (lastIteration = p.iteration),
      }),
      (e: unknown) =>
        e instanceof PhaseReconstructionCancelled && e.iterationsDone === iterationsAtAbort,
    );
    assert.ok(iterationsAtAbort >= 0 && iterationsAtAbort < 10_000);

    const already = new AbortController();
    already.abort();
    await assert.rejects(
      reconstructPhase(mag, spec, { ...base, signal: already.signal }),
      (e: unknown) => e instanceof PhaseReconstructionCancelled && e.iterationsDone === 0,
    );
  });

  test('rejects bad inputs with a typed error naming the parameter', async () => {
    const { signal, spec, mag } = clipMagnitude('speech_espeak_en-us.wav', 1);
    const good = {
      length: signal.length,
      iterations: 2,
      method: 'gl',
      initialPhase: 'zero',
    } as const;
    const cases: Array<[string, () => Promise<unknown>]> = [
      [
        'opts.length',
        () => reconstructPhase(mag, spec, { ...good, length: signal.length + 4 * 128 }),
      ],
      ['opts.iterations', () => reconstructPhase(mag, spec, { ...good, iterations: -1 })],
      [
        'opts.momentum',
        () => reconstructPhase(mag, spec, { ...good, method: 'fgla', momentum: 1.5 }),
      ],
      [
        'magnitude',
        () =>
          reconstructPhase(
            mag.map((v, i) => (i === 777 ? NaN : v)),
            spec,
            good,
          ),
      ],
      ['spectrogram', () => reconstructPhase(mag.subarray(3), spec, good)],
      [
        'opts.initialPhase',
        () =>
          reconstructPhase(mag, spec, {
            ...good,
            initialPhase: { re: new Float32Array(3), im: new Float32Array(3) },
          }),
      ],
    ];
    for (const [parameter, call] of cases)
      await assert.rejects(
        call(),
        (e: unknown) => e instanceof DspParameterError && e.parameter === parameter,
        parameter,
      );
  });
});
