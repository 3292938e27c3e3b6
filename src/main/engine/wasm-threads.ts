// Lets the threaded-SIMD build of @tensorflow/tfjs-backend-wasm (XNNPACK on a pthread pool) run
// under Node, where tfjs 4.22 turns threads off. Measured on the 2-core dev machine, quiet: one
// loss-and-gradient evaluation at the ulyanov preset on a 10 s clip takes 2807 ms on one thread
// and 1473 ms on two (1.9x); a 4096 x 1025 x 421 matMul 124 ms and 62 ms.
//
// Three things stop the stock build in Node, and each is bridged here, during backend start only:
//  1. Emscripten starts each pthread with `new Worker(blobUrl)`; Node's Worker takes no blob:
//     URLs. A Worker subclass starts a small bootstrap instead, reads the blob's text and hands
//     it over; the bootstrap also turns the Blob of the main script (the "load" message) into
//     text before Emscripten's own handler sees it.
//  2. That main script is the factory's `toString()` from tfjs's Node bundle, which refers to
//     the bundle's module variables (`require$$0 = require('fs')` ...); the bootstrap defines
//     them from the bundle's own header, read at run time, so a renumbered bundle still works.
//  3. tfjs caps its pool at navigator.hardwareConcurrency / 2 (= os.cpus().length / 2 in Node),
//     assuming two hyper-threads per core: 1 on a 2-core machine. os.cpus() is widened while the
//     module starts so that the cap is the thread count asked for.
// Any failure leaves the caller to fall back to the single-threaded SIMD build (backend.ts).
import { readFileSync } from 'node:fs';
import { resolveObjectURL } from 'node:buffer';
import os from 'node:os';
import { Worker as NodeWorker } from 'node:worker_threads';

/** Runs in each pthread worker: waits for Emscripten's worker source, then replays messages. */
const BOOTSTRAP = `
const { parentPort } = require('node:worker_threads');
const queued = [];
let chain = Promise.resolve();
let deliver = () => {};
const MAIN_SCRIPT = '/__timbrefold_tfjs_wasm_main.js';
async function prepare(message) {
  if (message && message.cmd === 'load' && typeof message.urlOrBlob !== 'string') {
    globalThis.__timbrefoldMainScript = await message.urlOrBlob.text();
    message.urlOrBlob = MAIN_SCRIPT;
  }
  return message;
}
function forward(message) {
  chain = chain.then(() => prepare(message)).then((m) => deliver(m));
}
function first(message) {
  if (!message || message.__timbrefoldBootstrap === undefined) { queued.push(message); return; }
  parentPort.off('message', first);
  for (const [name, id] of Object.entries(message.requires)) globalThis[name] = require(id);
  Object.assign(globalThis, { commonjsGlobal: globalThis, __filename: MAIN_SCRIPT, __dirname: '/' });
  const listeners = [];
  const realOn = parentPort.on;
  parentPort.on = (event, fn) => {
    if (event === 'message') listeners.push(fn); else realOn.call(parentPort, event, fn);
    return parentPort;
  };
  (0, eval)(message.__timbrefoldBootstrap);
  parentPort.on = realOn;
  const importScripts = globalThis.importScripts;
  globalThis.importScripts = (f) =>
    f === MAIN_SCRIPT ? (0, eval)(globalThis.__timbrefoldMainScript) : importScripts(f);
  deliver = (m) => { for (const fn of listeners) fn(m); };
  parentPort.on('message', forward);
  for (const m of queued) forward(m);
}
parentPort.on('message', first);
`;

/** `var require$$N = require('mod');` lines of tfjs-backend-wasm's Node bundle. */
export function bundleRequires(bundleSource: string): Record<string, string> {
  const requires: Record<string, string> = {};
  for (const m of bundleSource.matchAll(/var (require\$\$\d+) = require\('([^']+)'\);/g)) {
    requires[m[1]!] = m[2]!;
  }
  return requires;
}

export interface ThreadBridge {
  /** Undoes the global changes that are only needed while the module starts. */
  release(): void;
}

/**
 * Installs the bridge for a start of the threaded build with `threads` threads. `bundlePath` is
 * the file tfjs-backend-wasm's `main` points at. Call `release()` once tf.setBackend settles.
 */
export function bridgeWasmThreads(bundlePath: string, threads: number): ThreadBridge {
  const requires = bundleRequires(readFileSync(bundlePath, 'utf8'));
  if (Object.keys(requires).length === 0)
    throw new Error(`no module variables found in ${bundlePath}`);

  const started: NodeWorker[] = [];
  class PthreadWorker extends NodeWorker {
    constructor(url: string | URL) {
      super(BOOTSTRAP, { eval: true });
      started.push(this);
      const blob = resolveObjectURL(String(url));
      if (blob === undefined) throw new Error(`cannot resolve the pthread script ${String(url)}`);
      void blob.text().then((source) => {
        this.postMessage({ __timbrefoldBootstrap: source, requires });
      });
    }
  }

  const previousWorker = Object.getOwnPropertyDescriptor(globalThis, 'Worker');
  // Emscripten assigns Node's Worker to the global on start; the setter keeps ours in place.
  Object.defineProperty(globalThis, 'Worker', {
    configurable: true,
    get: () => PthreadWorker,
    set: () => {},
  });
  const realCpus = os.cpus;
  os.cpus = () => {
    const cpus = realCpus();
    return Array.from({ length: 2 * threads }, (_, i) => cpus[i % cpus.length]!);
  };

  return {
    release() {
      // Idle pool threads must not keep the process alive. Emscripten's 'message' listener
      // re-refs a worker, so this waits until the pool is set up.
      for (const worker of started) worker.unref();
      os.cpus = realCpus;
      if (previousWorker) Object.defineProperty(globalThis, 'Worker', previousWorker);
      else delete (globalThis as { Worker?: unknown }).Worker;
    },
  };
}
