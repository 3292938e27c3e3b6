// New on an untitled session with tracks asks first: its tracks are in no folder of the user's.
// Discarding keeps its autosave under Recent; Save first saves it to a folder, then starts anew.
import { useEffect, useRef } from 'react';

interface Props {
  trackCount: number;
  onCancel: () => void;
  onDiscard: () => void;
  onSaveFirst: () => void;
}

export function DiscardUntitledDialog({
  trackCount,
  onCancel,
  onDiscard,
  onSaveFirst,
}: Props): React.JSX.Element {
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <div className="modal-backdrop">
      <div
        className="modal"
        role="alertdialog"
        aria-modal="true"
        aria-label="Discard this untitled session?"
        aria-describedby="discard-untitled-text"
      >
        <h2>Discard this untitled session?</h2>
        <p id="discard-untitled-text">
          Its {trackCount === 1 ? 'track is' : `${trackCount} tracks are`} not saved to a project
          folder. Its last autosave stays under Recent as “Untitled (autosaved …)”.
        </p>
        <div className="actions">
          <button ref={cancelRef} onClick={onCancel}>
            Cancel
          </button>
          <button onClick={onSaveFirst}>Save first…</button>
          <button className="danger" onClick={onDiscard}>
            Discard
          </button>
        </div>
      </div>
    </div>
  );
}
