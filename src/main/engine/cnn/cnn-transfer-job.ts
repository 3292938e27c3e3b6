// The CNN transfer as the engine worker runs it (kind 'cnn-transfer').
import type { JobContext } from '../../jobs/worker-host';
import type { CnnTransferProgress, CnnTransferRequest } from './cnn-settings';
import { runCnnTransfer, type CnnTransferResult } from './run-cnn-transfer';

export function cnnTransferJob(
  request: CnnTransferRequest,
  context: JobContext<CnnTransferProgress>,
): Promise<CnnTransferResult> {
  return runCnnTransfer(request, {
    signal: context.signal,
    onProgress: (progress, transfer) => context.progress(progress, transfer),
  });
}
