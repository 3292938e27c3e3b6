// Runs one transfer the way the CLI and the app do (through the engine job runner) in a process of
// its own, and prints what the bench wants: when the first preview arrived, when the WAV was done,
// and the process's peak resident memory (workers included). Usage: transfer-child.ts REQUEST_JSON
import type { TransferProgress, TransferRequest, TransferResult } from '../src/shared/transfer';
import { createEngineJobRunner } from '../src/main/jobs/engine-jobs';

const request = JSON.parse(process.argv[2]!) as TransferRequest;
const started = performance.now();
let firstPreviewSeconds: number | undefined;
let firstIterationSeconds: number | undefined;
const result = await createEngineJobRunner().run<TransferResult, TransferProgress>(
  'transfer',
  request,
  {
    onProgress: (progress) => {
      const now = (performance.now() - started) / 1000;
      if (progress.phase === 'optimisation' && progress.iteration >= 1)
        firstIterationSeconds ??= now;
      if (progress.preview) firstPreviewSeconds ??= now;
    },
  },
);
console.log(
  JSON.stringify({
    firstIterationSeconds,
    firstPreviewSeconds,
    finishedSeconds: (performance.now() - started) / 1000,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    result,
  }),
);
