// The name field of every training form, with the cache's rule for model names.
import { isModelName } from '../../../shared/model-name';

interface Props {
  /** Its accessible name ("Model name", "Generator name" ...). */
  label: string;
  value: string;
  onChange: (name: string) => void;
}

export function ModelNameField({ label, value, onChange }: Props): React.JSX.Element {
  return (
    <>
      <label className="field">
        <span className="field-label">Name</span>
        <input
          aria-label={label}
          value={value}
          maxLength={64}
          onChange={(e) => onChange(e.target.value)}
        />
      </label>
      {value !== '' && !isModelName(value) && (
        <p className="hint">Letters, digits, dots, dashes and underscores only.</p>
      )}
    </>
  );
}
