// The render queue: every transfer of this session with its progress, loss plot and cancel.
import type { JobSnapshot } from '../../../shared/ipc-jobs';
import { useState } from 'react';
import { useEditor } from '../app/editor-context';
import { useStore } from '../state/store';
import { attempt } from '../app/notices';
import { formatTime } from '../lanes/time-ticks';
import { LossPlot } from './LossPlot';

const STATE_LABELS: Record<JobSnapshot['state'], string> = {
  queued: 'Queued',
  running: 'Running',
  finished: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export function RenderQueue({ jobs }: { jobs: JobSnapshot[] }): React.JSX.Element {
  const { transport } = useEditor();
  const asidePlaying = useStore(transport.asidePlaying);
  const [heard, setHeard] = useState<string | null>(null);
  // Through the transport, so Stop (and Space, and Play) end it like any other sound.
  const playIterate = async (jobId: string): Promise<void> => {
    const audio = await attempt(window.timbrefold.iterateAudio(jobId));
    if (!audio) return;
    setHeard(jobId);
    await attempt(transport.playAside(audio.url));
  };
  return (
    <section className="panel render-queue" aria-label="Render queue">
      <h2>Render queue</h2>
      {jobs.length === 0 && (
        <p className="hint">Transfers you start appear here; several can run at once.</p>
      )}
      <ol>
        {jobs.map((job) => {
          const active = job.state === 'running' || job.state === 'queued';
          const fraction = job.iterations > 0 ? job.iteration / job.iterations : 0;
          return (
            <li key={job.id} className={`job state-${job.state}`} aria-label={`Job ${job.name}`}>
              <div className="job-head">
                <span className="job-name" title={job.fullName}>
                  {job.name}
                </span>
                <span className="job-state">{STATE_LABELS[job.state]}</span>
              </div>
              {active && (
                <>
                  <progress
                    aria-label={`Progress of ${job.name}`}
                    max={1}
                    value={job.state === 'queued' ? 0 : fraction}
                  />
                  <div className="job-status">
                    {job.phase ?? 'waiting'} · iteration {job.iteration}/{job.iterations || '?'}
                    {job.remainingSeconds !== null &&
                      ` · ${formatTime(job.remainingSeconds, 1)} left`}
                  </div>
                </>
              )}
              {job.state === 'failed' && <div className="job-error">{job.error}</div>}
              {(job.losses.length > 0 || active) && (
                <LossPlot name={job.name} losses={job.losses} />
              )}
              <div className="job-actions">
                {active && (
                  <button
                    aria-label={`Cancel ${job.name}`}
                    onClick={() => void attempt(window.timbrefold.cancelTransfer(job.id))}
                  >
                    Cancel
                  </button>
                )}
                {active && job.previews > 0 && (
                  <button
                    aria-label={`Play current iterate of ${job.name}`}
                    aria-pressed={asidePlaying && heard === job.id}
                    title="Plays the whole region as the optimisation has it now; Stop or Space ends it"
                    onClick={() => void playIterate(job.id)}
                  >
                    ▶ Current iterate
                  </button>
                )}
                {job.state === 'finished' && (
                  <span className="hint">
                    {formatTime(job.elapsedSeconds, 0.1)} · result track added
                  </span>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
