// The transfer job as the engine worker runs it.
import type { TransferProgress, TransferRequest, TransferResult } from '../../shared/transfer';
import type { JobContext } from '../jobs/worker-host';
import { runTransfer } from './run-transfer';

export function transferJob(
  request: TransferRequest,
  context: JobContext<TransferProgress>,
): Promise<TransferResult> {
  return runTransfer(request, {
    signal: context.signal,
    onProgress: (progress, transfer) => context.progress(progress, transfer),
  });
}
