// How far the running transfers are, as one fraction: for the window title ("42% · Timbrefold —
// Project") and the taskbar or dock progress of the desktop app.
import type { JobSummary } from './ipc-jobs';

export const APP_NAME = 'Timbrefold';

export function isActive(job: Pick<JobSummary, 'state'>): boolean {
  return job.state === 'running' || job.state === 'queued';
}

/** One job's share done: its iterations (a one-pass method: its phase), 0 while queued. */
export function jobFraction(
  job: Pick<JobSummary, 'state' | 'phase' | 'iteration' | 'iterations'>,
): number {
  if (!isActive(job)) return 1;
  if (job.state === 'queued') return 0;
  if (job.phase === 'writing') return 0.99;
  if (job.iterations > 0) return Math.min(0.99, job.iteration / job.iterations);
  return job.phase === 'reconstruction' ? 0.9 : 0;
}

/** The mean share done of the active jobs, or null when none is active. */
export function activeProgress(
  jobs: readonly Pick<JobSummary, 'state' | 'phase' | 'iteration' | 'iterations'>[],
): number | null {
  const active = jobs.filter(isActive);
  if (active.length === 0) return null;
  return active.reduce((sum, job) => sum + jobFraction(job), 0) / active.length;
}

/** "42% · Timbrefold — Project" while jobs run, else "Timbrefold — Project". */
export function windowTitle(projectName: string, progress: number | null): string {
  const title = `${APP_NAME} — ${projectName}`;
  return progress === null ? title : `${Math.floor(progress * 100)}% · ${title}`;
}
