// The media worker's jobs: lane analysis and stem export. They run off the main
// thread (one worker per job, like the engine's) so the window never stalls on a long clip.
import type { ExportedStem } from '../../shared/ipc-export';
import type { SpectrogramLevels, WaveformPeaks } from '../../shared/ipc-lanes';
import type { Seconds } from '../../shared/units';
import { readWav } from '../audio';
import type { JobContext, JobSpec } from '../jobs/job-table';
import { spectrogramLevels } from '../peaks/spectrogram-levels';
import { waveformPeaks } from '../peaks/waveform-peaks';
import { exportStems, type StemExportJob } from './stem-export';

export interface LaneAnalysis {
  duration: Seconds;
  peaks: WaveformPeaks;
  spectrogram: SpectrogramLevels;
}

export async function lanesJob(params: { path: string }): Promise<LaneAnalysis> {
  const { audio } = await readWav(params.path);
  const frames = audio.channels[0]?.length ?? 0;
  return {
    duration: frames / audio.sampleRate,
    peaks: waveformPeaks(audio),
    spectrogram: spectrogramLevels(audio),
  };
}

export function exportStemsJob(
  params: StemExportJob,
  context: JobContext<never>,
): Promise<ExportedStem[]> {
  return exportStems(params, context.signal);
}

/** The media worker's protocol. */
export interface MediaJobs {
  lanes: JobSpec<{ path: string }, never, LaneAnalysis>;
  'export-stems': JobSpec<StemExportJob, never, ExportedStem[]>;
}
