// The resynthesis job as the engine worker runs it.
import type { JobContext } from '../jobs/job-table';
import { resynthesizeFile, type ResynthesisOptions, type ResynthesisResult } from './resynthesis';

export interface ResynthesisJobParams {
  input: string;
  output: string;
  options: Omit<ResynthesisOptions, 'onProgress' | 'signal'>;
}

export interface ResynthesisProgress {
  channel: number;
  iteration: number;
  spectralConvergence: number;
}

export function resynthesisJob(
  params: ResynthesisJobParams,
  context: JobContext<ResynthesisProgress>,
): Promise<ResynthesisResult> {
  return resynthesizeFile(params.input, params.output, {
    ...params.options,
    signal: context.signal,
    onProgress: (progress) => context.progress(progress),
  });
}
