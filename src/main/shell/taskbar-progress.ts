// The taskbar (Windows, Linux) or dock (macOS) progress of the desktop app, fed from the job
// events the page gets: the active transfers' mean share done, removed when none is active.
// Not testable without Electron's binary; the fraction is shared/job-progress.ts's, tested there.
import type { BrowserWindow } from 'electron';
import type { JobSummary } from '../../shared/ipc-jobs';
import { activeProgress } from '../../shared/job-progress';

export function taskbarProgress(
  window: () => BrowserWindow | undefined,
): (job: JobSummary) => void {
  const jobs = new Map<string, JobSummary>();
  return (job) => {
    jobs.set(job.id, job);
    const progress = activeProgress([...jobs.values()]);
    if (progress === null) jobs.clear();
    const target = window();
    if (target && !target.isDestroyed()) target.setProgressBar(progress ?? -1);
  };
}
