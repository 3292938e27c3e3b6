// A job's progress outside the page: the window title shows the running jobs' share done, and a
// finished job is announced by an in-page notice and, where the user allowed it, a system
// notification (useful when the window is in the background).
import { useEffect, useRef } from 'react';
import type { JobSnapshot } from '../../../shared/ipc-jobs';
import { activeProgress, isActive, windowTitle } from '../../../shared/job-progress';
import { notify } from '../app/notices';

export function useWindowTitle(projectName: string, jobs: readonly JobSnapshot[]): void {
  const title = windowTitle(projectName, activeProgress(jobs));
  useEffect(() => {
    document.title = title;
  }, [title]);
}

function announce(job: JobSnapshot): void {
  const message =
    job.state === 'finished'
      ? `${job.name} is done: it is a new track.`
      : `${job.name} failed: ${job.error ?? 'see the render queue'}`;
  notify(job.state === 'finished' ? 'info' : 'error', message);
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    new Notification(job.state === 'finished' ? 'Transfer finished' : 'Transfer failed', {
      body: message,
      tag: job.id,
    });
  } catch {
    // Some platforms only notify from a service worker: the in-page notice is enough.
  }
}

/** Announces each job that finishes or fails while the page watches (not cancelled ones). */
export function useJobNotices(jobs: readonly JobSnapshot[]): void {
  const seen = useRef(new Map<string, JobSnapshot['state']>());
  useEffect(() => {
    for (const job of jobs) {
      const before = seen.current.get(job.id);
      seen.current.set(job.id, job.state);
      if (before === undefined || !isActive({ state: before }) || isActive(job)) continue;
      if (job.state === 'finished' || job.state === 'failed') announce(job);
    }
    // Ask once, when there is something to tell (the browser may say no; the notice stays).
    if (
      jobs.some(isActive) &&
      typeof Notification !== 'undefined' &&
      Notification.permission === 'default'
    )
      void Notification.requestPermission().catch(() => undefined);
  }, [jobs]);
}
