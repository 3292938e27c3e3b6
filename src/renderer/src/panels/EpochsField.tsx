// The epochs field of the training forms that ask for epochs themselves (a classifier, a
// generator; CycleGAN's comes from its declarations), within the training's limits.
import { TRAINING_EPOCH_LIMITS } from '../../../shared/ipc-models';

interface Props {
  /** Its accessible name ("Epochs", "Generator epochs"). */
  label: string;
  value: number;
  onChange: (epochs: number) => void;
}

export function EpochsField({ label, value, onChange }: Props): React.JSX.Element {
  return (
    <label className="field">
      <span className="field-label">Epochs</span>
      <input
        type="number"
        aria-label={label}
        min={TRAINING_EPOCH_LIMITS.min}
        max={TRAINING_EPOCH_LIMITS.max}
        value={value}
        onChange={(e) => {
          // A half-typed or out-of-range value keeps the last good one.
          const n = Number(e.target.value);
          if (Number.isInteger(n) && n >= TRAINING_EPOCH_LIMITS.min) onChange(n);
        }}
      />
    </label>
  );
}
