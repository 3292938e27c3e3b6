// Runs one transfer the way the app does (through the engine job runner, its spare worker already
// started, as the app starts it at launch) in a process of its own, and prints what the bench
// wants: how long the spare worker took to start (what the command line, which starts cold, adds),
// when the first preview and the first full iteration arrived, when the WAV was done, and the
// process's peak resident memory (workers included). Usage: transfer-child.ts REQUEST_JSON
import type { TransferRequest } from '../src/shared/transfer';
import { createEngineJobRunner } from '../src/main/worker/engine-jobs';

const request = JSON.parse(process.argv[2]!) as TransferRequest;
const spawned = performance.now();
const runner = createEngineJobRunner({ spareWorker: true });
await runner.ready();
const workerStartSeconds = (performance.now() - spawned) / 1000;
const started = performance.now();
let firstPreviewSeconds: number | undefined;
let firstIterationSeconds: number | undefined;
const result = await runner.run('transfer', request, {
  onProgress: (progress) => {
    const now = (performance.now() - started) / 1000;
    if (progress.phase === 'optimisation' && progress.iteration >= 1) firstIterationSeconds ??= now;
    if (progress.preview) firstPreviewSeconds ??= now;
  },
});
runner.dispose();
console.log(
  JSON.stringify({
    workerStartSeconds,
    firstIterationSeconds,
    firstPreviewSeconds,
    finishedSeconds: (performance.now() - started) / 1000,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    result,
  }),
);
