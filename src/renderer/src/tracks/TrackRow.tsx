// One track: header on the left, waveform and spectrogram lanes on the right.
import type { TrackState } from '../../../shared/ipc-project';
import { useLanes } from '../state/lane-cache';
import { useClipDrag } from './clip-drag';
import { SpectrogramLane } from './SpectrogramLane';
import { TrackHeader } from './TrackHeader';
import { WaveformLane } from './WaveformLane';

export const SPECTROGRAM_HEIGHT = 112;

const ROLE_COLOURS: Record<TrackState['role'], string> = {
  content: '#5fb3d9',
  style: '#d9a25f',
  result: '#8fd36b',
};

interface Props {
  track: TrackState;
  /** Its place in the track list, and how many tracks there are (for reordering). */
  index: number;
  count: number;
  mediaUrl: string | undefined;
  missing: boolean;
  dimmed: boolean;
  /** The top of every spectrogram lane: the project's highest Nyquist frequency. */
  topHz: number;
}

export function TrackRow({
  track,
  index,
  count,
  mediaUrl,
  missing,
  dimmed,
  topHz,
}: Props): React.JSX.Element {
  const { lanes, error } = useLanes(track.id, track.clip.id);
  const clipDrag = useClipDrag(track);
  const shifted = clipDrag.offsetPx
    ? { transform: `translateX(${clipDrag.offsetPx}px)`, opacity: 0.8 }
    : undefined;
  return (
    <section
      className={`track ${dimmed ? 'dimmed' : ''}`}
      aria-label={`Track ${track.name}`}
      data-track-id={track.id}
    >
      <TrackHeader
        track={track}
        index={index}
        count={count}
        mediaUrl={mediaUrl}
        missing={missing}
      />
      <div className="lanes">
        {lanes ? (
          <>
            <div
              className="clip-handle"
              title="Drag to move the clip along the timeline (Alt+arrows on the track header nudge it)"
              style={shifted}
              {...clipDrag.handlers}
            >
              <WaveformLane
                name={track.name}
                peaks={lanes.peaks}
                clipStart={track.clip.start}
                colour={ROLE_COLOURS[track.role]}
              />
            </div>
            <div style={shifted}>
              <SpectrogramLane
                label={`Spectrogram of ${track.name}`}
                spectrogram={lanes.spectrogram}
                clipStart={track.clip.start}
                height={SPECTROGRAM_HEIGHT}
                maxHz={topHz}
              />
            </div>
          </>
        ) : (
          <div className="lane-placeholder">
            {error ?? (missing ? 'The audio file is missing.' : 'Analysing…')}
          </div>
        )}
      </div>
    </section>
  );
}
