// A running transfer's row in the track list: its result lane redrawn from the preview
// spectrograms the engine streams, where the result track will appear.
import type { JobSnapshot } from '../../../shared/ipc-jobs';
import { SpectrogramLane } from './SpectrogramLane';
import { SPECTROGRAM_HEIGHT } from './TrackRow';

export function PreviewRow({ job }: { job: JobSnapshot }): React.JSX.Element {
  const percent = job.iterations > 0 ? Math.round((100 * job.iteration) / job.iterations) : 0;
  return (
    <section className="track preview" aria-label={`Rendering ${job.name}`}>
      <div className="track-header role-result">
        <div className="track-title">
          <span className="preview-name">{job.name}</span>
        </div>
        <div className="track-meta">
          {job.state === 'queued'
            ? 'Queued'
            : `${job.phase ?? 'starting'} · ${job.iteration}/${job.iterations || '?'} (${percent}%)`}
        </div>
      </div>
      <div className="lanes">
        {job.preview ? (
          <SpectrogramLane
            label={`Preview of ${job.name}`}
            spectrogram={job.preview}
            clipStart={job.start}
            height={SPECTROGRAM_HEIGHT}
          />
        ) : (
          <div className="lane-placeholder">Waiting for the first preview…</div>
        )}
      </div>
    </section>
  );
}
