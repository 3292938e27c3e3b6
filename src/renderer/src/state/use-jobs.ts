// The render queue as the page keeps it: job summaries, loss history and latest preview, fed by
// job:update events (and a full list on load, so a reload shows running jobs).
import { useEffect, useState } from 'react';
import { attempt } from '../app/notices';
import { applyJobUpdate, type JobsById } from './job-updates';

export function useJobs(): JobsById {
  const [jobs, setJobs] = useState<JobsById>({});
  useEffect(() => {
    const off = window.timbrefold.on('job:update', (update) =>
      setJobs((j) => applyJobUpdate(j, update)),
    );
    void attempt(window.timbrefold.listJobs()).then((list) => {
      if (list)
        setJobs((current) => ({ ...Object.fromEntries(list.map((j) => [j.id, j])), ...current }));
    });
    return off;
  }, []);
  return jobs;
}
