// One declared setting as a control (a log slider, a number field or a choice), built from its
// declaration alone: the transfer panel's settings and the CycleGAN training form use the same.
import {
  parameterProblem,
  type IntegerDeclaration,
  type NumberDeclaration,
  type ParameterDeclaration,
  type ParameterValue,
} from '../../../shared/parameters';
import { usePendingValue } from '../state/use-pending-value';
import { describe } from './guidance';
import { LogSlider } from './LogSlider';

/** "Epochs", or with a context "CycleGAN epochs". */
function accessibleName(d: ParameterDeclaration, context: string | undefined): string {
  return context ? `${context} ${d.label.toLowerCase()}` : d.label;
}

/** One declared setting as a control: a log slider, a number field or a choice. */
export function ParameterControl({
  declaration: d,
  value,
  onChange,
  modelClasses,
  context,
}: {
  declaration: ParameterDeclaration;
  value: ParameterValue | undefined;
  onChange: (value: ParameterValue) => void;
  /** The chosen model's classes, for a setting that names one (CycleGAN's direction). */
  modelClasses?: readonly string[] | undefined;
  /** Whose setting it is, before the label in its accessible name ("CycleGAN epochs"): a
   *  panel with two forms would otherwise have two controls of one name. */
  context?: string;
}): React.JSX.Element | null {
  const name = accessibleName(d, context);
  if (d.kind === 'text' && d.choicesFrom === 'model-classes') {
    const chosen = typeof value === 'string' ? value : d.default;
    return (
      <label className="field" title={d.doc}>
        <span className="field-label">{d.label}</span>
        <select aria-label={name} value={chosen} onChange={(e) => onChange(e.target.value)}>
          {!modelClasses?.includes(chosen) && <option value={chosen}>(choose a class)</option>}
          {(modelClasses ?? []).map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
    );
  }
  if (d.kind === 'number' && d.scale === 'log')
    return (
      <LogSlider
        label={d.label}
        ariaLabel={name}
        doc={describe(d).title}
        value={typeof value === 'number' ? value : d.default}
        range={{ min: d.sliderMin ?? d.min, max: d.sliderMax ?? d.max }}
        onChange={onChange}
      />
    );
  if (d.kind === 'number' || d.kind === 'integer')
    return <NumberField declaration={d} value={value} onChange={onChange} context={context} />;
  if (d.kind === 'choice')
    return (
      <label className="field" {...describe(d)}>
        <span className="field-label">{d.label}</span>
        <select
          aria-label={name}
          {...describe(d)}
          value={typeof value === 'string' ? value : d.default}
          onChange={(e) => onChange(e.target.value)}
        >
          {d.choices.map((choice) => (
            <option key={choice} value={choice}>
              {d.choiceLabels?.[choice] ?? choice}
            </option>
          ))}
        </select>
      </label>
    );
  return null;
}

/** A number typed in a box; a value its declaration refuses is not sent. */
export function NumberField({
  declaration: d,
  value,
  onChange,
  context,
}: {
  declaration: NumberDeclaration | IntegerDeclaration;
  value: ParameterValue | undefined;
  onChange: (value: number) => void;
  context?: string | undefined;
}): React.JSX.Element {
  const [text, setText, focus] = usePendingValue(String(value ?? d.default));
  return (
    <label className="field" title={describe(d).title}>
      <span className="field-label">{d.label}</span>
      <input
        type="number"
        aria-label={accessibleName(d, context)}
        {...describe(d)}
        min={d.min}
        max={d.max}
        value={text}
        {...focus}
        onChange={(e) => {
          setText(e.target.value);
          const n = Number(e.target.value);
          if (e.target.value !== '' && parameterProblem(d, n) === undefined) onChange(n);
        }}
      />
    </label>
  );
}
