// Runs one transfer the way the app does (through the engine job runner, its spare job process
// already started, as the app starts it at launch) in a process of its own, and prints what the
// bench wants: how long the spare took to start (what the command line, which starts cold, adds),
// when the first preview and the first full iteration arrived, when the WAV was done, and the peak
// resident memory of the job: the job process's high-water mark, read from /proc while it runs
// (with a thread: this process's, its worker threads included), and this process's own. TIMBREFOLD_BENCH_JOB_HOST=thread runs the job in a worker
// thread instead, as the command line does. Usage: transfer-child.ts REQUEST_JSON
import { readFileSync } from 'node:fs';
import type { TransferRequest } from '../src/shared/transfer';
import type { JobHost, StartJobHost } from '../src/main/jobs/job-host';
import { startProcessHost } from '../src/main/jobs/process-host';
import { startThreadHost } from '../src/main/jobs/thread-host';
import { createEngineJobRunner } from '../src/main/worker/engine-jobs';

const request = JSON.parse(process.argv[2]!) as TransferRequest;
const inThread = process.env['TIMBREFOLD_BENCH_JOB_HOST'] === 'thread';
const processes: JobHost[] = [];
let jobPeakKiB = 0;
const startHost: StartJobHost = (entry, options) => {
  const host = (inThread ? startThreadHost : startProcessHost)(entry, options);
  if (!inThread) processes.push(host);
  return host;
};
/** VmHWM, the process's resident high-water mark, while it can still be read. */
const watch = setInterval(() => {
  for (const host of processes) {
    try {
      const line = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${host.id}/status`, 'utf8'));
      if (line) jobPeakKiB = Math.max(jobPeakKiB, Number(line[1]));
    } catch {
      // It has ended.
    }
  }
}, 50);
const spawned = performance.now();
const runner = createEngineJobRunner({ spareWorker: true, startHost });
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
clearInterval(watch);
console.log(
  JSON.stringify({
    workerStartSeconds,
    firstIterationSeconds,
    firstPreviewSeconds,
    finishedSeconds: (performance.now() - started) / 1000,
    jobHost: inThread ? 'thread' : 'process',
    maxRssMiB: (inThread ? process.resourceUsage().maxRSS : jobPeakKiB) / 1024,
    runnerRssMiB: process.resourceUsage().maxRSS / 1024,
    result,
  }),
);
