// The start button of every training form: trainings run one at a time, so it waits while one
// runs, and until the form is complete.
interface Props {
  /** The form has all it needs (data chosen, a valid name ...). */
  ready: boolean;
  /** A model is training. */
  busy: boolean;
  onTrain: () => Promise<void>;
  children: React.ReactNode;
}

export function TrainButton({ ready, busy, onTrain, children }: Props): React.JSX.Element {
  return (
    <div className="actions">
      <button
        className="primary"
        disabled={!ready || busy}
        title={busy ? 'A model is training' : undefined}
        onClick={() => void onTrain()}
      >
        {children}
      </button>
    </div>
  );
}
