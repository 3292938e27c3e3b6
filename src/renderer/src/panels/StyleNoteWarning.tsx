// Under the style tracks: a warning for each chosen style clip that is a single sustained note
// (the main process measures its pitch over time), since every result takes on that pitch.
import { useEffect, useState } from 'react';
import type { StyleAdvice } from '../../../shared/ipc-jobs';
import type { TrackState } from '../../../shared/ipc-project';
import { sentence } from './guidance';

/** One request per clip for the page's life: a clip's sound never changes. */
const advice = new Map<string, Promise<StyleAdvice | null>>();

function adviceFor(track: TrackState): Promise<StyleAdvice | null> {
  let pending = advice.get(track.clip.id);
  if (!pending) {
    pending = window.timbrefold.styleAdvice(track.id).catch(() => {
      advice.delete(track.clip.id);
      return null;
    });
    advice.set(track.clip.id, pending);
  }
  return pending;
}

interface Props {
  /** The style tracks in use. */
  styles: TrackState[];
  /** The method's preset that keeps the content's pitch, if it has one. */
  keepPitchPreset: { name: string; label: string; doc: string } | undefined;
  onUsePreset: (name: string) => void;
}

export function StyleNoteWarning({
  styles,
  keepPitchPreset,
  onUsePreset,
}: Props): React.JSX.Element | null {
  const [notes, setNotes] = useState<{ name: string; note: string }[]>([]);
  const key = styles.map((t) => `${t.id}:${t.clip.id}:${t.name}`).join(',');
  useEffect(() => {
    let current = true;
    void Promise.all(styles.map(async (t) => ({ track: t, advice: await adviceFor(t) }))).then(
      (answers) => {
        if (!current) return;
        setNotes(
          answers.flatMap(({ track, advice: a }) =>
            a?.sustainedNote ? [{ name: track.name, note: a.sustainedNote.note }] : [],
          ),
        );
      },
    );
    return () => {
      current = false;
    };
    // `key` stands for the list of tracks (a new array on every snapshot).
  }, [key]);
  if (notes.length === 0) return null;
  return (
    <div className="style-warning" role="note" aria-label="Style clip warning">
      {notes.map((n) => (
        <p key={n.name}>
          <strong>{n.name}</strong> is a single sustained note ({n.note}): the result will take on
          its pitch.
        </p>
      ))}
      <p>
        For its sound alone, use a style clip with several notes
        {keepPitchPreset ? (
          <>
            {' '}
            or the preset{' '}
            <button
              className="link"
              title={sentence(keepPitchPreset.doc)}
              onClick={() => onUsePreset(keepPitchPreset.name)}
            >
              {keepPitchPreset.label}
            </button>
          </>
        ) : null}
        .
      </p>
    </div>
  );
}
