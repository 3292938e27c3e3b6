// A weight slider on a log scale (alpha and beta span many decades), keyboard-operable.
import {
  formatNumber,
  positionOfValue,
  roundWeight,
  valueOfPosition,
  type LogRange,
} from '../state/log-scale';
import { usePendingValue } from '../state/use-pending-value';

const STEPS = 1000;

interface Props {
  label: string;
  /** The control's accessible name, where it differs from the label. */
  ariaLabel?: string;
  /** What it does, in a producer's words (the tooltip). */
  doc?: string;
  value: number;
  range: LogRange;
  onChange: (value: number) => void;
}

export function LogSlider({
  label,
  ariaLabel,
  doc,
  value: stored,
  range,
  onChange,
}: Props): React.JSX.Element {
  const [value, setValue, focus] = usePendingValue(stored);
  const position = Math.round(positionOfValue(value, range) * STEPS);
  return (
    <label className="field log-slider" title={doc}>
      <span className="field-label">{label}</span>
      <input
        type="range"
        aria-label={ariaLabel ?? label}
        aria-description={doc}
        aria-valuetext={formatNumber(value)}
        {...focus}
        min={0}
        max={STEPS}
        step={1}
        value={position}
        onChange={(e) => {
          const next = roundWeight(valueOfPosition(Number(e.target.value) / STEPS, range));
          setValue(next);
          onChange(next);
        }}
      />
      <output className="field-value">{formatNumber(value)}</output>
    </label>
  );
}
