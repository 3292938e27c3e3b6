// Engine benchmarks: one loss-and-gradient evaluation and one L-BFGS iteration at the ulyanov
// preset on a 10 s clip (22,050 Hz, n_fft 2048, hop 512: 1025 bins x 431 frames, 4096 filters of
// width 11), effective GFLOP/s, peak resident memory, backend and threads; the same on one wasm
// thread, at the default preset, and small networks on the cpu and wasm backends. Each case runs
// in a child process of its own, so that its peak memory is its own. About a minute in all.
//
// "Effective" GFLOP/s counts the flops of the peer's formulation (ulyanov_torch.py,
// flops_per_eval: conv forward and input gradient, Gram forward and backward, the small
// elementwise terms), whatever the engine actually does; "actual" counts what the engine does
// (its Gram-free 'frames' form of the style loss needs fewer).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import {
  initBackend,
  ShallowNetwork,
  type BackendChoice,
  type LogSpectrogram,
} from '../src/main/engine';
import {
  buildStyleTarget,
  chooseStyleMode,
  disposeStyleTarget,
  PRESETS,
  shallowTransfer,
  TransferObjective,
  type PresetName,
  type StyleMode,
} from '../src/main/methods/shallow';
import { transposeMatrix } from '../src/main/engine/spectrogram';
import { smallCorpusSpectrogram, tenSecondSpectrogram } from '../test/engine/fixtures';
import { repoRoot } from '../test/fixtures/paths';

const CHILD_ENV = 'TIMBREFOLD_ENGINE_BENCH_CHILD';
/** L-BFGS iterations left out of the per-iteration figure (step-scale search). */
const SETTLING_ITERATIONS = 2;

interface ChildCase {
  name: string;
  preset: PresetName;
  /** Overrides of the preset's filters (small cases). */
  filters?: number;
  backend?: BackendChoice;
  /** Timed evaluations (after one warm-up). */
  evaluations: number;
  /** L-BFGS iterations to time (0: none). */
  iterations: number;
  /** Small spectrograms instead of the 10 s clip: n_fft and frames. */
  small?: { nFft: number; frames: number };
}

const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

/** Flops of one evaluation as the peer counts them (its flops_per_eval, custom Gram node). */
function peerFlops(filters: number, bins: number, width: number, convFrames: number): number {
  const conv = 2 * filters * bins * width * convFrames;
  const gram = 2 * filters * filters * convFrames;
  const k = filters;
  const t = convFrames;
  return 2 * conv + 2 * gram + 4 * k * t + k * k + 2 * k * k + k * t + 4 * k * t;
}

/** Flops the engine does: the convolution both ways plus its chosen style form. */
function engineFlops(
  filters: number,
  bins: number,
  width: number,
  convFrames: number,
  styleRows: number,
  mode: StyleMode,
): number {
  const conv = 2 * filters * bins * width * convFrames;
  const style =
    mode === 'frames'
      ? 4 * filters * convFrames * (convFrames + styleRows)
      : 4 * filters * filters * convFrames;
  return 2 * conv + style;
}

/** CPU seconds used by everything else on the machine per wall second (0: a quiet machine). */
function busySeconds(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1);
  const ticks = fields.map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  return (total - ticks[3]! - ticks[4]!) / 100;
}

function timed<T>(f: () => T): { value: T; ms: number; cpuS: number; otherCores: number } {
  const busy0 = busySeconds();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const otherCores = Math.max(0, (busySeconds() - busy0 - cpuS) / (ms / 1000));
  return { value, ms, cpuS, otherCores };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

async function childMain(c: ChildCase): Promise<Record<string, unknown>> {
  const backend = await initBackend(c.backend ? { backend: c.backend } : {});
  const clips: [LogSpectrogram, LogSpectrogram] = c.small
    ? [
        smallCorpusSpectrogram('string_acoustic_040-062-100.wav', c.small.nFft, c.small.frames),
        smallCorpusSpectrogram('flute_acoustic_073-072-100.wav', c.small.nFft, c.small.frames),
      ]
    : [
        tenSecondSpectrogram('long_piano_melody_44k_stereo.wav'),
        tenSecondSpectrogram('long_drum_bass_loop_44k_stereo.wav'),
      ];
  const [content, style] = clips;
  const preset = PRESETS[c.preset];
  const filters = c.filters ?? preset.filters;
  const width = preset.kernelWidth;
  const convFrames = content.frames - width + 1;
  const styleRows = style.frames - width + 1;
  const mode = chooseStyleMode(filters, convFrames, styleRows);
  const peer = peerFlops(filters, content.bins, width, convFrames);
  const actual = engineFlops(filters, content.bins, width, convFrames, styleRows, mode);
  return {
    backend: backend.backend,
    threads: backend.threads,
    simd: backend.simd,
    sizes: {
      bins: content.bins,
      frames: content.frames,
      styleFrames: style.frames,
      filters,
      width,
    },
    styleMode: mode,
    flopsPerEvaluation: { peerGflop: round(peer / 1e9, 2), actualGflop: round(actual / 1e9, 2) },
    ...(c.evaluations > 0 && evaluations(c, content, style, filters, mode, peer, actual)),
    ...(c.iterations > 0 && { lbfgs: await iterations(c, content, style, filters, peer) }),
    peakRssMiB: round(process.resourceUsage().maxRSS / 1024, 0),
  };
}

/** Set-up piece by piece, then timed evaluations at a point like the noise start. */
function evaluations(
  c: ChildCase,
  content: LogSpectrogram,
  style: LogSpectrogram,
  filters: number,
  mode: StyleMode,
  peer: number,
  actual: number,
): Record<string, unknown> {
  const preset = PRESETS[c.preset];
  const shape = { bins: content.bins, filters, kernelWidth: preset.kernelWidth };
  const network = timed(() => new ShallowNetwork(shape, preset.seed));
  const target = timed(() =>
    buildStyleTarget(network.value, [{ spectrogram: style, share: 1 }], mode),
  );
  const contentT = tf.tensor2d(transposeMatrix(content.data, content.frames, content.bins), [
    content.bins,
    content.frames,
  ]);
  const objective = new TransferObjective({
    network: network.value,
    contentT,
    style: target.value,
    contentWeight: preset.contentWeight,
    styleWeight: preset.styleWeight,
    frames: content.frames,
  });
  const x = new Float32Array(content.bins * content.frames).map(
    (_, i) => 1e-3 * Math.sin(i * 12.9898),
  );
  objective.evaluate(x); // warm-up: packing, thread pool, heap growth
  const evals = Array.from({ length: c.evaluations }, () => timed(() => objective.evaluate(x)));
  objective.dispose();
  disposeStyleTarget(target.value);
  contentT.dispose();
  network.value.dispose();
  const evalMs = median(evals.map((e) => e.ms));
  return {
    setupMs: { network: round(network.ms, 0), styleTarget: round(target.ms, 0) },
    evaluation: {
      msMedian: round(evalMs, 0),
      ms: evals.map((e) => round(e.ms, 0)),
      cpuSeconds: evals.map((e) => round(e.cpuS, 2)),
      otherCores: evals.map((e) => round(e.otherCores, 2)),
      effectiveGflops: round(peer / evalMs / 1e6, 1),
      actualGflops: round(actual / evalMs / 1e6, 1),
    },
  };
}

/** L-BFGS iterations through the public entry point, as the app runs them. */
async function iterations(
  c: ChildCase,
  content: LogSpectrogram,
  style: LogSpectrogram,
  filters: number,
  peer: number,
): Promise<Record<string, unknown>> {
  const stamps: { at: number; evaluations: number }[] = [];
  const busy0 = busySeconds();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await shallowTransfer(
    content,
    [{ spectrogram: style }],
    { preset: c.preset, filters, iterations: c.iterations },
    { onIteration: (p) => void stamps.push({ at: performance.now(), evaluations: p.evaluations }) },
  );
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  // The first iterations search for a step scale (several evaluations each); the figure per
  // iteration is taken after them.
  const from = Math.min(SETTLING_ITERATIONS, stamps.length) - 1;
  const first = stamps[from] ?? { at: t0 + result.timings.setupMs, evaluations: 0 };
  const last = stamps[stamps.length - 1]!;
  const steady = stamps.length - 1 - from;
  const msPerIteration = (last.at - first.at) / steady;
  const evaluationsPerIteration = (last.evaluations - first.evaluations) / steady;
  return {
    iterations: result.iterations,
    evaluations: result.evaluations,
    setupMs: round(result.timings.setupMs, 0),
    settlingIterations: from + 1,
    settlingMs: round(first.at - t0 - result.timings.setupMs, 0),
    timedIterations: steady,
    msPerIteration: round(msPerIteration, 0),
    evaluationsPerIteration: round(evaluationsPerIteration, 2),
    effectiveGflops: round((peer * evaluationsPerIteration) / msPerIteration / 1e6, 1),
    initialLoss: result.initialLoss.total,
    finalLoss: result.finalLoss.total,
    styleMode: result.styleMode,
    otherCores: round(
      Math.max(0, busySeconds() - busy0 - (cpu.user + cpu.system) / 1e6) / wallS,
      2,
    ),
  };
}

function runChild(c: ChildCase, env: Record<string, string> = {}): Record<string, unknown> {
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, ...env, [CHILD_ENV]: JSON.stringify(c) },
    maxBuffer: 16 * 2 ** 20,
  });
  if (child.status !== 0)
    return {
      failed: `exit ${child.status}: ${child.stderr.trim().split('\n').slice(-3).join(' / ')}`,
    };
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

export async function run(): Promise<Record<string, unknown>> {
  const ulyanov = runChild({
    name: 'ulyanov',
    preset: 'ulyanov',
    evaluations: 3,
    iterations: 10,
  });
  const oneThread = runChild(
    { name: 'ulyanov, one wasm thread', preset: 'ulyanov', evaluations: 2, iterations: 0 },
    { TIMBREFOLD_WASM_THREADS: '1' },
  );
  // Same network as ulyanov (see params.ts), so only the optimisation from the content.
  const defaultPreset = runChild({
    name: 'default',
    preset: 'default',
    evaluations: 0,
    iterations: 8,
  });
  const small: Record<string, unknown> = {};
  for (const backend of ['cpu', 'wasm'] as const)
    for (const [label, size] of [
      ['64 filters, 65 bins, 40 frames', { filters: 64, nFft: 128, frames: 40 }],
      ['512 filters, 257 bins, 100 frames', { filters: 512, nFft: 512, frames: 100 }],
    ] as const) {
      const r = runChild({
        name: `small ${label} on ${backend}`,
        preset: 'ulyanov',
        filters: size.filters,
        backend,
        evaluations: 5,
        iterations: 0,
        small: { nFft: size.nFft, frames: size.frames },
      });
      const evaluation = r['evaluation'] as { msMedian: number } | undefined;
      small[`${label}, ${backend}`] = evaluation ? { evaluationMs: evaluation.msMedian } : r;
    }
  return {
    ulyanov10s: ulyanov,
    ulyanov10sOneThread: oneThread,
    default10s: defaultPreset,
    smallNetworksEvaluationMs: small,
  };
}

const childCase = process.env[CHILD_ENV];
if (childCase) {
  const figures = await childMain(JSON.parse(childCase) as ChildCase);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}
