// A/B listening: the content and its results heard one at a time at the same playhead,
// loudness-matched to the content; number keys switch. Blind mode hides which is which (the
// content is rated too, as a hidden reference), records a 1-5 rating per sound into the project
// (seed 001's listening test) and reveals the answers when the listener finishes.
import { useState } from 'react';
import type { ProjectDocument, TrackState } from '../../../shared/ipc-project';
import { edit } from '../state/use-project';

export interface ABState {
  enabled: boolean;
  blind: boolean;
  /** The track heard now. */
  selected: string | null;
  /** Seed of the blind order. */
  seed: number;
}

interface Props {
  document: ProjectDocument;
  ab: ABState;
  candidates: TrackState[];
  targetLufs: number | null;
  /** Candidates held quieter than the target so they do not clip. */
  limited: string[];
  onChange: (ab: ABState) => void;
  /** Opens the Evaluation panel at the ratings' summary per pair and method. */
  onShowRatings: () => void;
}

interface Reveal {
  rows: { label: string; name: string; role: string; rating: number | null }[];
}

/** The label a candidate gets: its name, or "Sound N" in blind mode. */
export function candidateLabel(track: TrackState, index: number, blind: boolean): string {
  return blind ? `Sound ${index + 1}` : `${track.name} (${track.role})`;
}

export function ABPanel({
  document,
  ab,
  candidates,
  targetLufs,
  limited,
  onChange,
  onShowRatings,
}: Props): React.JSX.Element {
  const [reveal, setReveal] = useState<Reveal | null>(null);
  const finish = (): void => {
    setReveal({
      rows: candidates.map((track, i) => ({
        label: candidateLabel(track, i, true),
        name: track.name,
        role: track.role,
        rating: document.ratings[track.id] ?? null,
      })),
    });
    onChange({ ...ab, blind: false });
  };
  return (
    <section className="panel ab-panel" aria-label="A/B listening">
      <h2>A/B listening</h2>
      <div className="actions">
        <button
          className={ab.enabled ? 'on' : ''}
          aria-pressed={ab.enabled}
          onClick={() =>
            onChange({
              ...ab,
              enabled: !ab.enabled,
              selected: ab.selected ?? candidates[0]?.id ?? null,
            })
          }
        >
          A/B
        </button>
        <label className="inline">
          <input
            type="checkbox"
            aria-label="Blind test"
            checked={ab.blind}
            onChange={(e) => {
              setReveal(null);
              onChange({
                ...ab,
                blind: e.target.checked,
                enabled: true,
                seed: Math.floor(Math.random() * 2 ** 31),
              });
            }}
          />
          Blind test
        </label>
      </div>
      {ab.enabled && (
        <>
          <div role="radiogroup" aria-label="Listen to" className="candidates">
            {candidates.map((track, i) => (
              <button
                key={track.id}
                role="radio"
                aria-checked={ab.selected === track.id}
                className={ab.selected === track.id ? 'on' : ''}
                onClick={() => onChange({ ...ab, selected: track.id })}
              >
                <kbd>{i + 1}</kbd> {candidateLabel(track, i, ab.blind)}
              </button>
            ))}
          </div>
          <p className="hint">
            {targetLufs === null
              ? 'Loudness cannot be measured.'
              : `Loudness matched to the content (${targetLufs.toFixed(1)} LUFS)${
                  limited.length > 0
                    ? `; ${limited.length} held quieter so ${limited.length === 1 ? 'it does' : 'they do'} not clip`
                    : ''
                }.`}{' '}
            Keys 1–
            {Math.min(9, candidates.length)} switch.
          </p>
        </>
      )}
      {ab.blind && (
        <div className="ratings">
          {candidates.map((track, i) => (
            <div
              key={track.id}
              role="radiogroup"
              aria-label={`Rating of ${candidateLabel(track, i, true)}`}
              className="rating"
            >
              <span>{candidateLabel(track, i, true)}</span>
              {[1, 2, 3, 4, 5].map((score) => (
                <button
                  key={score}
                  role="radio"
                  aria-label={`${score}`}
                  aria-checked={document.ratings[track.id] === score}
                  className={document.ratings[track.id] === score ? 'on' : ''}
                  onClick={() => edit({ type: 'rate-result', trackId: track.id, rating: score })}
                >
                  {score}
                </button>
              ))}
            </div>
          ))}
          <p className="hint">Ratings are saved with the project.</p>
          <button onClick={finish}>Finish and reveal</button>
        </div>
      )}
      {reveal && (
        <table className="reveal" aria-label="Blind test answers">
          <thead>
            <tr>
              <th>Sound</th>
              <th>Was</th>
              <th>Rating</th>
            </tr>
          </thead>
          <tbody>
            {reveal.rows.map((row) => (
              <tr key={row.label}>
                <td>{row.label}</td>
                <td>
                  {row.name} ({row.role})
                </td>
                <td>{row.rating ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {reveal && (
        <button className="link" onClick={onShowRatings}>
          Ratings per pair and method
        </button>
      )}
    </section>
  );
}
