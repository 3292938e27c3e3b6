// Picks tfjs's compute backend once per process and says which: the native TensorFlow binding
// where it is installed and loads, else WebAssembly (XNNPACK, SIMD, threads where they start),
// else plain JavaScript. tfjs keeps one global engine, so the choice is process-wide.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfWasm from '@tensorflow/tfjs-backend-wasm';
import { BACKEND_CHOICES, type BackendChoice } from '../../shared/transfer';
import { resourcePaths } from '../app/resource-paths';
import { EngineBackendError } from './errors';
import { bridgeWasmThreads } from './wasm-threads';

export type { BackendChoice };
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

export interface BackendOptions {
  /** Which backend to use (default `auto`, or the TIMBREFOLD_BACKEND environment variable). */
  backend?: BackendChoice;
  /**
   * Threads for the wasm backend (default: every core, or TIMBREFOLD_WASM_THREADS). Fixed at
   * the first wasm start of the process; later calls report what is in place.
   */
  wasmThreads?: number;
}

export interface BackendReport {
  /** The tfjs backend now in use. */
  backend: BackendName;
  /** The npm package that provides it. */
  package: string;
  /** Threads its kernels run on (1 for cpu; tensorflow manages its own pool: the core count). */
  threads: number;
  /** WebAssembly SIMD in use (wasm only). */
  simd: boolean;
  /** Why each better candidate was passed over, one line each. */
  skipped: string[];
}

/** The native bindings, best first; optional: their install downloads libtensorflow. */
const NATIVE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;

let current: BackendReport | undefined;
let wasmStart: Promise<{ threads: number; notes: string[] }> | undefined;

/** The backend chosen so far in this process, if any. */
export function currentBackend(): BackendReport | undefined {
  return current;
}

/**
 * Starts (or switches to) a backend and reports it. `auto` never fails: cpu is always there.
 * A named backend that cannot start throws EngineBackendError.
 */
export async function initBackend(options: BackendOptions = {}): Promise<BackendReport> {
  const choice = options.backend ?? envChoice() ?? 'auto';
  const skipped: string[] = [];
  if (choice === 'auto' || choice === 'tensorflow') {
    const native = await tryNative(skipped);
    if (native) return settle({ ...native, skipped });
    if (choice === 'tensorflow')
      throw new EngineBackendError(
        'tensorflow',
        `No native TensorFlow backend: ${skipped.join('; ')}`,
      );
  }
  if (choice === 'auto' || choice === 'wasm') {
    try {
      const wasm = await startWasm(
        options.wasmThreads ?? envThreads() ?? os.availableParallelism(),
      );
      skipped.push(...wasm.notes);
      return settle({
        backend: 'wasm',
        package: '@tensorflow/tfjs-backend-wasm',
        threads: wasm.threads,
        simd: (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true,
        skipped,
      });
    } catch (error) {
      if (choice === 'wasm')
        throw new EngineBackendError(
          'wasm',
          `The WebAssembly backend did not start: ${message(error)}`,
        );
      skipped.push(`@tensorflow/tfjs-backend-wasm: ${message(error)}`);
    }
  }
  if (!(await tf.setBackend('cpu')))
    throw new EngineBackendError('cpu', 'The JavaScript (cpu) backend did not start.');
  return settle({
    backend: 'cpu',
    package: '@tensorflow/tfjs-backend-cpu',
    threads: 1,
    simd: false,
    skipped,
  });
}

/**
 * Starts the WebAssembly backend ahead of any job (an engine worker calls it as it loads, so a
 * spare worker has it compiled, its threads running and its kernels warm when a job arrives).
 * Failures are swallowed here: the job's own initBackend reports them.
 */
export async function prestartWasm(): Promise<void> {
  try {
    await startWasm(envThreads() ?? os.availableParallelism());
    tf.tidy(() => tf.matMul(tf.ones([64, 64]), tf.ones([64, 64])).dataSync());
  } catch {
    // Reported by the job's initBackend, if the job wants this backend at all.
  }
}

/**
 * Folder holding tfjs-backend-wasm's .wasm binaries, ending in '/': the installed package, or
 * app.asar.unpacked in a packaged app (resource-paths.ts; TIMBREFOLD_WASM_DIR overrides).
 */
export function wasmBinaryDirectory(): string {
  return `${resourcePaths().tfjsWasm.replace(/[\\/]$/, '')}/`;
}

function settle(report: BackendReport): BackendReport {
  // Prod mode drops tfjs's debug checks and its console hints ("install tfjs-node ...").
  tf.enableProdMode();
  current = report;
  return report;
}

async function tryNative(skipped: string[]): Promise<Omit<BackendReport, 'skipped'> | undefined> {
  for (const name of NATIVE_PACKAGES) {
    try {
      // A variable specifier keeps bundlers and tsc from requiring the optional package.
      const specifier: string = name;
      await import(/* @vite-ignore */ specifier);
      if (await tf.setBackend('tensorflow'))
        return {
          backend: 'tensorflow',
          package: name,
          threads: os.availableParallelism(),
          simd: false,
        };
      skipped.push(`${name}: loaded, but its backend did not start`);
    } catch (error) {
      skipped.push(`${name}: ${firstLine(message(error))}`);
    }
  }
  return undefined;
}

/** Starts wasm once per process; threads above 1 try the threaded build, then fall back. */
function startWasm(threads: number): Promise<{ threads: number; notes: string[] }> {
  wasmStart ??= (async () => {
    tfWasm.setWasmPaths(wasmBinaryDirectory());
    const notes: string[] = [];
    if (threads > 1) {
      try {
        return { threads: await startThreadedWasm(threads), notes };
      } catch (error) {
        notes.push(`threaded wasm (${threads} threads): ${message(error)}; using 1 thread`);
        resetWasmRegistration();
      }
    }
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (!(await tf.setBackend('wasm'))) throw new Error('tf.setBackend("wasm") failed');
    return { threads: tfWasm.getThreadsCount(), notes };
  })();
  return wasmStart.then(async (started) => {
    if (tf.getBackend() !== 'wasm' && !(await tf.setBackend('wasm')))
      throw new Error('tf.setBackend("wasm") failed');
    return started;
  });
}

async function startThreadedWasm(threads: number): Promise<number> {
  const bundle = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
  if (!existsSync(bundle)) throw new Error(`tfjs-backend-wasm bundle not found at ${bundle}`);
  const bridge = bridgeWasmThreads(bundle, threads);
  try {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
    tfWasm.setThreadsCount(threads);
    const started = await withTimeout(tf.setBackend('wasm'), 30000, 'threaded wasm start');
    if (!started) throw new Error('the threaded module did not start');
  } finally {
    bridge.release();
  }
  const actual = tfWasm.getThreadsCount();
  if (actual < 2) throw new Error(`only ${actual} thread started`);
  return actual;
}

/** Forgets a failed wasm start so that the single-threaded build can be tried from scratch. */
function resetWasmRegistration(): void {
  const factory = tf.findBackendFactory('wasm');
  if (!factory) return;
  tf.removeBackend('wasm');
  tf.registerBackend('wasm', factory, 2);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function envChoice(): BackendChoice | undefined {
  const value = process.env.TIMBREFOLD_BACKEND;
  if (value === undefined || value === '') return undefined;
  if ((BACKEND_CHOICES as readonly string[]).includes(value)) return value as BackendChoice;
  throw new EngineBackendError(
    value,
    `TIMBREFOLD_BACKEND is "${value}": use ${BACKEND_CHOICES.slice(0, -1).join(', ')} or ${BACKEND_CHOICES.at(-1)}.`,
  );
}

function envThreads(): number | undefined {
  const value = process.env.TIMBREFOLD_WASM_THREADS;
  if (value === undefined || value === '') return undefined;
  const threads = Number(value);
  if (!Number.isInteger(threads) || threads < 1 || threads > 64)
    throw new EngineBackendError(
      'wasm',
      `TIMBREFOLD_WASM_THREADS is "${value}": use a whole number from 1 to 64.`,
    );
  return threads;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}
