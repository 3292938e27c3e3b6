// Kernel-loss benchmark (issue 14, lever 1): seconds per loss-and-gradient evaluation of the
// infinite-width kernel objective (src/main/methods/shallow/kernel-loss.ts) against the finite
// 4,096-filter TransferObjective, on the wasm backend, at the ulyanov preset's sizes: 10 s of
// 22,050 Hz audio, n_fft 2048, hop 512 (1025 bins x 431 frames), width 11, content weight 1e-2,
// style weight 1; piano melody content, drum-and-bass style, as in bench/engine.ts. Also: the
// kernel objective at 30 s (the 10 s spectrograms tiled three times; the result is then cut into
// two blocks), and how far the finite loss of three seeds is from the kernel loss at the content
// start and at the noise start (relative difference, cosine of the gradients); seconds per whole
// L-BFGS iteration of either network at 10 s.
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, ShallowNetwork, type LogSpectrogram } from '../src/main/engine';
import {
  buildStyleTarget,
  chooseStyleMode,
  disposeStyleTarget,
  PRESETS,
  shallowTransfer,
  TransferObjective,
  type Evaluation,
} from '../src/main/methods/shallow';
import { transposeMatrix } from '../src/main/engine/spectrogram';
import { KernelObjective, type KernelForm } from '../src/main/methods/shallow/kernel-loss';
import { tenSecondSpectrogram } from '../test/engine/fixtures';

const KERNEL_EVALUATIONS = 10;
const FINITE_EVALUATIONS = 3;
const AGREEMENT_SEEDS = 3;

const round = (value: number, digits = 4): number => Number(value.toPrecision(digits));

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

function timedMs<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

function cosine(a: Float32Array, b: Float32Array): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return ab / Math.sqrt(aa * bb);
}

function tiled(spec: LogSpectrogram, times: number): LogSpectrogram {
  const data = new Float32Array(spec.data.length * times);
  for (let i = 0; i < times; i++) data.set(spec.data, i * spec.data.length);
  return { frames: spec.frames * times, bins: spec.bins, data };
}

/** Flops of one kernel evaluation: P = S^T S and S^T Y forward, their two gradient matMuls. */
function kernelFlops(bins: number, frames: number, styleFrames: number): number {
  return 2 * bins * frames * (2 * frames + 2 * styleFrames);
}

/** Set-up, a warm-up and `count` timed evaluations of the kernel objective at `x`. */
function benchKernel(
  content: LogSpectrogram,
  style: LogSpectrogram,
  count: number,
  form: KernelForm = 'expected',
) {
  const preset = PRESETS.ulyanov;
  const contentT = tf.tensor2d(transposeMatrix(content.data, content.frames, content.bins), [
    content.bins,
    content.frames,
  ]);
  const setup = timedMs(
    () =>
      new KernelObjective({
        bins: content.bins,
        frames: content.frames,
        contentT,
        styles: [{ spectrogram: style, share: 1 }],
        contentWeight: preset.contentWeight,
        styleWeight: preset.styleWeight,
        kernelWidth: preset.kernelWidth,
        filters: preset.filters,
        form,
      }),
  );
  contentT.dispose();
  const objective = setup.value;
  const x = noiseStart(content);
  objective.evaluate(x); // warm-up
  const ms = Array.from({ length: count }, () => timedMs(() => objective.evaluate(x)).ms);
  objective.dispose();
  const secondsPerEvaluation = median(ms) / 1000;
  const flops = kernelFlops(content.bins, content.frames, style.frames);
  return {
    frames: content.frames,
    styleFrames: style.frames,
    setupSeconds: round(setup.ms / 1000),
    secondsPerEvaluation: round(secondsPerEvaluation),
    evaluationSeconds: ms.map((m) => round(m / 1000)),
    matMulGflopPerEvaluation: round(flops / 1e9),
    matMulGflops: round(flops / secondsPerEvaluation / 1e9),
  };
}

/**
 * Seconds per L-BFGS iteration (evaluations and the optimiser's own work) of the default preset
 * with either network, from the content, over `iterations` iterations.
 */
async function perIteration(
  content: LogSpectrogram,
  style: LogSpectrogram,
  network: 'finite' | 'kernel',
  iterations: number,
) {
  const r = await shallowTransfer(content, [{ spectrogram: style }], {
    preset: 'default',
    network,
    iterations,
  });
  return {
    iterations: r.iterations,
    evaluations: r.evaluations,
    setupSeconds: round(r.timings.setupMs / 1000),
    secondsPerIteration: round(r.timings.optimiseMs / 1000 / r.iterations),
  };
}

/** The engine bench's noise start (a small deterministic pattern). */
function noiseStart(content: LogSpectrogram): Float32Array {
  return new Float32Array(content.bins * content.frames).map(
    (_, i) => 1e-3 * Math.sin(i * 12.9898),
  );
}

/** A finite network of the preset's size for `seed`, evaluated at `points`; `timed` evaluations
 * of the first point are timed (after a warm-up). */
function finiteNetwork(
  content: LogSpectrogram,
  style: LogSpectrogram,
  seed: number,
  points: Float32Array[],
  timed: number,
) {
  const preset = PRESETS.ulyanov;
  const shape = { bins: content.bins, filters: preset.filters, kernelWidth: preset.kernelWidth };
  const contentT = tf.tensor2d(transposeMatrix(content.data, content.frames, content.bins), [
    content.bins,
    content.frames,
  ]);
  const t0 = performance.now();
  const network = new ShallowNetwork(shape, seed);
  const mode = chooseStyleMode(
    preset.filters,
    network.outputFrames(content.frames),
    network.outputFrames(style.frames),
  );
  const target = buildStyleTarget(network, [{ spectrogram: style, share: 1 }], mode);
  const objective = new TransferObjective({
    network,
    contentT,
    style: target,
    contentWeight: preset.contentWeight,
    styleWeight: preset.styleWeight,
    frames: content.frames,
  });
  const setupMs = performance.now() - t0;
  const evaluations: Evaluation[] = points.map((x) => objective.evaluate(x));
  const ms = Array.from({ length: timed }, () => timedMs(() => objective.evaluate(points[0]!)).ms);
  objective.dispose();
  disposeStyleTarget(target);
  network.dispose();
  contentT.dispose();
  return { evaluations, ms, setupMs, mode };
}

export async function run(): Promise<Record<string, unknown>> {
  const backend = await initBackend({ backend: 'wasm' });
  const content = tenSecondSpectrogram('long_piano_melody_44k_stereo.wav');
  const style = tenSecondSpectrogram('long_drum_bass_loop_44k_stereo.wav');
  const preset = PRESETS.ulyanov;

  const kernel10s = benchKernel(content, style, KERNEL_EVALUATIONS);
  const kernel10sLimit = benchKernel(content, style, KERNEL_EVALUATIONS, 'limit');
  const kernel30s = benchKernel(tiled(content, 3), tiled(style, 3), 3);

  // Agreement at the noise start and the content start, and the finite network's timing.
  const contentStart = transposeMatrix(content.data, content.frames, content.bins);
  const points = [noiseStart(content), contentStart];
  const contentT = tf.tensor2d(contentStart, [content.bins, content.frames]);
  const kernelObjective = new KernelObjective({
    bins: content.bins,
    frames: content.frames,
    contentT,
    styles: [{ spectrogram: style, share: 1 }],
    contentWeight: preset.contentWeight,
    styleWeight: preset.styleWeight,
    kernelWidth: preset.kernelWidth,
    filters: preset.filters,
  });
  contentT.dispose();
  const kernelAt = points.map((x) => kernelObjective.evaluate(x));
  kernelObjective.dispose();
  const finite = Array.from({ length: AGREEMENT_SEEDS }, (_, i) =>
    finiteNetwork(content, style, preset.seed + i, points, i === 0 ? FINITE_EVALUATIONS : 0),
  );
  const finiteSeconds = median(finite[0]!.ms) / 1000;
  const agreement = ['noiseStart', 'contentStart'].map((name, p) => {
    const k = kernelAt[p]!;
    const relative = finite.map((f) => (f.evaluations[p]!.total - k.total) / k.total);
    const mean = relative.reduce((a, b) => a + b, 0) / relative.length;
    const sd = Math.sqrt(
      relative.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, relative.length - 1),
    );
    return [
      name,
      {
        kernel: { total: k.total, content: k.content, style: k.style },
        seeds: finite.map((_, i) => preset.seed + i),
        finiteTotal: finite.map((f) => f.evaluations[p]!.total),
        relativeDifference: relative.map((r) => round(r)),
        relativeDifferenceMean: round(mean),
        relativeDifferenceSd: round(sd),
        gradientCosine: finite.map((f) => round(cosine(f.evaluations[p]!.gradient, k.gradient))),
        gradientCosineSeed0Seed1: round(
          cosine(finite[0]!.evaluations[p]!.gradient, finite[1]!.evaluations[p]!.gradient),
        ),
      },
    ];
  });
  return {
    backend: backend.backend,
    threads: backend.threads,
    simd: backend.simd,
    sizes: {
      bins: content.bins,
      frames: content.frames,
      styleFrames: style.frames,
      filters: preset.filters,
      width: preset.kernelWidth,
    },
    kernel10s,
    kernel10sLimitForm: kernel10sLimit,
    kernel30sTiled: kernel30s,
    finite10s: {
      styleMode: finite[0]!.mode,
      setupSeconds: round(finite[0]!.setupMs / 1000),
      secondsPerEvaluation: round(finiteSeconds),
      evaluationSeconds: finite[0]!.ms.map((m) => round(m / 1000)),
    },
    speedup: round(finiteSeconds / kernel10s.secondsPerEvaluation, 3),
    // Whole iterations of the default preset (from the content) at the same 10 s.
    iteration10s: {
      finite: await perIteration(content, style, 'finite', 5),
      kernel: await perIteration(content, style, 'kernel', 20),
    },
    agreement10s: Object.fromEntries(agreement),
  };
}
