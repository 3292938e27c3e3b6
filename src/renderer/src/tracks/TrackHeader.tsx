// A track's controls: name, role, mute, solo, gain, drag-out, remove, and a result's recipe.
import { Fragment, useEffect, useState } from 'react';
import { GAIN_LIMITS, type TrackState } from '../../../shared/ipc-project';
import { useEditor } from '../app/editor-context';
import { attempt } from '../app/notices';
import { formatNumber } from '../state/log-scale';
import { usePendingValue } from '../state/use-pending-value';
import { edit } from '../state/use-project';
import { useTrackReorder } from './track-reorder';

interface Props {
  track: TrackState;
  index: number;
  count: number;
  mediaUrl: string | undefined;
  missing: boolean;
}

export function TrackHeader({ track, index, count, mediaUrl, missing }: Props): React.JSX.Element {
  const reorder = useTrackReorder(track, index, count);
  const { host, methods } = useEditor();
  // A setting's name as the panel shows it (its declaration's label).
  const labelOf = (method: string, name: string): string =>
    methods.find((m) => m.method === method)?.parameters.find((d) => d.name === name)?.label ??
    name;
  const [name, setName] = useState(track.name);
  const [gainDb, setGainDb, gainFocus] = usePendingValue(track.gainDb);
  const changeGain = (value: number): void => {
    setGainDb(value);
    edit({ type: 'set-track-gain', trackId: track.id, gainDb: value });
  };
  useEffect(() => setName(track.name), [track.name]);
  const commitName = (): void => {
    const trimmed = name.trim();
    if (trimmed && trimmed !== track.name)
      edit({ type: 'rename-track', trackId: track.id, name: trimmed });
    else setName(track.name);
  };
  const onDragStart = (event: React.DragEvent): void => {
    if (host === 'electron') {
      // The shell starts a native file drag (a real WAV on disk) for DAWs and file managers.
      event.preventDefault();
      void attempt(window.timbrefold.dragOut(track.id));
    } else if (mediaUrl) {
      event.dataTransfer.setData(
        'DownloadURL',
        `audio/wav:${track.name}.wav:${new URL(mediaUrl, location.href).href}`,
      );
      event.dataTransfer.effectAllowed = 'copy';
    }
  };
  const { clip } = track;
  // A result's short name says what differs between takes; the tooltip says everything.
  const description = track.recipe
    ? `${track.recipe.contentName} × ${
        track.recipe.styles.map((s) => s.name).join(' + ') || (track.recipe.model ?? '')
      } (${track.recipe.method}, ${track.recipe.preset}, seed ${track.recipe.seed}, ${
        track.recipe.iterations
      } iterations)`
    : track.clip.sourceName;
  return (
    <div
      className={`track-header role-${track.role}`}
      title="Drag up or down to reorder; Alt+arrows move the track (up/down) or its clip (left/right)"
      {...reorder}
    >
      <div className="track-title">
        <span
          className="drag-handle"
          draggable
          onDragStart={onDragStart}
          role="button"
          tabIndex={-1}
          aria-label={`Drag ${track.name} out as WAV`}
          title="Drag out as a WAV file"
        >
          ⠿
        </span>
        <input
          className="track-name"
          title={description}
          aria-label={`Name of ${track.name}`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          onBlur={commitName}
          onKeyDown={(e) => {
            if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
            if (e.key === 'Escape') setName(track.name);
          }}
        />
        <button
          className="icon-button"
          aria-label={`Remove ${track.name}`}
          title="Remove track"
          onClick={() => edit({ type: 'remove-track', trackId: track.id })}
        >
          ✕
        </button>
      </div>
      <div className="track-controls">
        {track.role === 'result' ? (
          <span className="role-badge">result</span>
        ) : (
          <select
            aria-label={`Role of ${track.name}`}
            value={track.role}
            onChange={(e) =>
              edit({
                type: 'set-track-role',
                trackId: track.id,
                role: e.target.value as 'content' | 'style',
              })
            }
          >
            <option value="content">content</option>
            <option value="style">style</option>
          </select>
        )}
        <button
          className={`toggle mute ${track.mute ? 'on' : ''}`}
          aria-label={`Mute ${track.name}`}
          aria-pressed={track.mute}
          title="Mute"
          onClick={() => edit({ type: 'set-track-mute', trackId: track.id, mute: !track.mute })}
        >
          M
        </button>
        <button
          className={`toggle solo ${track.solo ? 'on' : ''}`}
          aria-label={`Solo ${track.name}`}
          aria-pressed={track.solo}
          title="Solo"
          onClick={() => edit({ type: 'set-track-solo', trackId: track.id, solo: !track.solo })}
        >
          S
        </button>
        <input
          type="range"
          className="gain"
          aria-label={`Gain of ${track.name}`}
          min={GAIN_LIMITS.min}
          max={GAIN_LIMITS.max}
          step={0.5}
          value={gainDb}
          {...gainFocus}
          onChange={(e) => changeGain(Number(e.target.value))}
          onDoubleClick={() => changeGain(0)}
        />
        <span className="gain-value">
          {gainDb > 0 ? '+' : ''}
          {gainDb.toFixed(1)} dB
        </span>
      </div>
      <div className="track-meta">
        {missing ? (
          <span className="missing">file missing</span>
        ) : (
          <>
            {clip.duration.toFixed(2)} s · {(clip.sampleRate / 1000).toFixed(1)} kHz ·{' '}
            {clip.channels === 1 ? 'mono' : clip.channels === 2 ? 'stereo' : `${clip.channels} ch`}
            {clip.loudnessLufs !== null && ` · ${clip.loudnessLufs.toFixed(1)} LUFS`}
          </>
        )}
      </div>
      {track.recipe && (
        <details className="recipe">
          <summary>Recipe</summary>
          <dl>
            <dt>method</dt>
            <dd>
              {track.recipe.method} ({track.recipe.preset})
            </dd>
            {track.recipe.model && (
              <>
                <dt>model</dt>
                <dd>{track.recipe.model}</dd>
              </>
            )}
            {Object.entries(track.recipe.settings)
              .filter(([name]) => name !== 'iterations' && name !== 'seed')
              .map(([name, value]) => (
                <Fragment key={name}>
                  <dt>{labelOf(track.recipe!.method, name)}</dt>
                  <dd>{typeof value === 'number' ? formatNumber(value) : String(value)}</dd>
                </Fragment>
              ))}
            <dt>iterations</dt>
            <dd>{track.recipe.iterations}</dd>
            <dt>seed</dt>
            <dd>{track.recipe.seed}</dd>
            <dt>styles</dt>
            <dd>
              {track.recipe.styles.map((s) => `${s.name} ×${formatNumber(s.weight)}`).join(', ')}
            </dd>
            {track.recipe.quality?.styleGain != null && (
              <>
                <dt>style gain</dt>
                <dd title="QUALITY.md: 1 = the style's timbre, 0 = the content's">
                  {track.recipe.quality.styleGain.toFixed(2)}
                </dd>
                <dt>content corr.</dt>
                <dd title="correlation of the content's and the result's loudness envelopes">
                  {track.recipe.quality.contentCorrelation?.toFixed(2)}
                </dd>
              </>
            )}
            <dt>time</dt>
            <dd>
              {track.recipe.seconds.toFixed(1)} s on {track.recipe.backend}
            </dd>
          </dl>
        </details>
      )}
    </div>
  );
}
