// A transfer method's parameters, each declared once: name, unit, range, default and a one-line doc.
// Everything else is derived from these declarations: the checks the engine runs, the IPC schemas,
// the command line's flags and their --help, and the transfer panel's controls. Plain data, so a
// declaration crosses to the page as it is (through 'transfer:options').

/** What a number counts, shown after it in help texts and tooltips. */
export type ParameterUnit =
  | 'Hz'
  | 'samples'
  | 'frames'
  | 'seconds'
  | 'filters'
  | 'iterations'
  | 'weight'
  | 'log-magnitude'
  | 'seed'
  | '';

interface DeclarationBase<Name extends string = string> {
  /** The setting's name in requests, recipes and the project file (camelCase). */
  name: Name;
  /** What the panel shows. */
  label: string;
  /** One line in a user's words: what it does, what it costs. */
  doc: string;
  /** The command line's flag without dashes; default: the name in kebab-case; false: none. */
  flag?: string | false;
  /** Shown as a control in the app: the transfer panel, or a training's form in the Models panel. */
  panel?: boolean;
}

export interface NumberDeclaration<Name extends string = string> extends DeclarationBase<Name> {
  kind: 'number';
  unit: ParameterUnit;
  min: number;
  max: number;
  /** The minimum itself is not allowed (a step size must be above 0). */
  minExclusive?: boolean;
  default: number;
  /** How the panel's slider moves; a log slider spans sliderMin (above 0) to sliderMax. */
  scale?: 'linear' | 'log';
  sliderMin?: number;
  sliderMax?: number;
}

export interface IntegerDeclaration<Name extends string = string> extends DeclarationBase<Name> {
  kind: 'integer';
  unit: ParameterUnit;
  min: number;
  max: number;
  powerOfTwo?: boolean;
  default: number;
}

export interface ChoiceDeclaration<
  Name extends string = string,
  Choice extends string = string,
> extends DeclarationBase<Name> {
  kind: 'choice';
  choices: readonly Choice[];
  /** The panel's words for each choice (default: the choice itself). */
  choiceLabels?: Readonly<Record<Choice, string>>;
  default: Choice;
}

export interface TextDeclaration<Name extends string = string> extends DeclarationBase<Name> {
  kind: 'text';
  maxLength: number;
  default: string;
  /** The value is one of the chosen model's classes (the panel offers them as choices). */
  choicesFrom?: 'model-classes';
}

/** A list of names (e.g. network layers). */
export interface NameListDeclaration<Name extends string = string> extends DeclarationBase<Name> {
  kind: 'names';
  maxItems: number;
  default: readonly string[];
  /** Items may carry ":WEIGHT" on the command line; the weights go to this (weights) setting. */
  weightsIn?: string;
}

/** A list of weights, each from min to max. */
export interface WeightListDeclaration<Name extends string = string> extends DeclarationBase<Name> {
  kind: 'weights';
  min: number;
  max: number;
  maxItems: number;
  default: readonly number[];
}

export type ParameterDeclaration =
  | NumberDeclaration
  | IntegerDeclaration
  | ChoiceDeclaration
  | TextDeclaration
  | NameListDeclaration
  | WeightListDeclaration;

export type ParameterValue = number | string | readonly string[] | readonly number[];

/** The value type a declaration stands for. */
export type ValueOf<D> = D extends { kind: 'choice'; default: infer C }
  ? C
  : D extends { kind: 'number' | 'integer' }
    ? number
    : D extends { kind: 'text' }
      ? string
      : D extends { kind: 'names' }
        ? string[]
        : D extends { kind: 'weights' }
          ? number[]
          : never;

/** The settings object a list of declarations stands for: one field per declaration. */
export type SettingsOf<D extends readonly ParameterDeclaration[]> = {
  -readonly [P in D[number] as P['name']]: ValueOf<P>;
};

/** A named set of values that a user starts from. */
export interface PresetDeclaration<Settings = Record<string, ParameterValue>> {
  name: string;
  label: string;
  doc: string;
  /** Values that differ from the declarations' defaults. */
  values: Partial<Settings>;
}

/**
 * The preset name of a method's "timbre only, keep pitch" settings, where it has them: the panel
 * offers it when a style clip is a single sustained note.
 */
export const KEEP_PITCH_PRESET = 'timbre-only';

/** camelCase -> kebab-case: the flag a declaration gets unless it names its own (or none). */
export function flagOf(declaration: ParameterDeclaration): string | undefined {
  if (declaration.flag === false) return undefined;
  return declaration.flag ?? declaration.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** "gl or fgla", "mono, per-channel or mid-side". */
export function listChoices(choices: readonly string[]): string {
  if (choices.length <= 1) return choices.join('');
  return `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}`;
}

function formatNumber(n: number): string {
  if (n !== 0 && (Math.abs(n) >= 1e6 || Math.abs(n) < 1e-3))
    return n.toExponential().replace('e+', 'e');
  return String(n);
}

/** What the declaration allows, in words: "a whole number from 0 to 100000". */
export function describeRange(d: ParameterDeclaration): string {
  switch (d.kind) {
    case 'number':
      return d.minExclusive
        ? `a number above ${formatNumber(d.min)} and at most ${formatNumber(d.max)}`
        : `a number from ${formatNumber(d.min)} to ${formatNumber(d.max)}`;
    case 'integer':
      return d.powerOfTwo
        ? `a power of two from ${d.min} to ${d.max}`
        : `a whole number from ${d.min} to ${d.max}`;
    case 'choice':
      return listChoices(d.choices);
    case 'text':
      return `a name of 1 to ${d.maxLength} characters`;
    case 'names':
      return `a list of 1 to ${d.maxItems} names`;
    case 'weights':
      return `a list of up to ${d.maxItems} weights from ${formatNumber(d.min)} to ${formatNumber(d.max)}`;
  }
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return value === '' ? '""' : value;
  if (Array.isArray(value)) return `[${value.map(String).join(', ')}]`;
  return String(value);
}

/**
 * Why `value` is not allowed by `d`, as a sentence naming the setting ("iterations must be a
 * whole number from 0 to 100000, not 1.5."); undefined when it is allowed.
 */
export function parameterProblem(d: ParameterDeclaration, value: unknown): string | undefined {
  const bad = `${d.name} must be ${describeRange(d)}, not ${describeValue(value)}.`;
  switch (d.kind) {
    case 'number': {
      const ok =
        typeof value === 'number' &&
        Number.isFinite(value) &&
        (d.minExclusive ? value > d.min : value >= d.min) &&
        value <= d.max;
      return ok ? undefined : bad;
    }
    case 'integer': {
      const ok =
        typeof value === 'number' &&
        Number.isInteger(value) &&
        value >= d.min &&
        value <= d.max &&
        (!d.powerOfTwo || (value & (value - 1)) === 0);
      return ok ? undefined : bad;
    }
    case 'choice':
      return typeof value === 'string' && d.choices.includes(value) ? undefined : bad;
    case 'text':
      return typeof value === 'string' && value.trim() !== '' && value.length <= d.maxLength
        ? undefined
        : bad;
    case 'names':
      return Array.isArray(value) &&
        value.length >= 1 &&
        value.length <= d.maxItems &&
        value.every((v) => typeof v === 'string' && v.trim() !== '' && v.length <= 200)
        ? undefined
        : bad;
    case 'weights':
      return Array.isArray(value) &&
        value.length <= d.maxItems &&
        value.every((v) => typeof v === 'number' && Number.isFinite(v) && v >= d.min && v <= d.max)
        ? undefined
        : bad;
  }
}

/** The declarations' defaults as one settings object. */
export function defaultsOf<D extends readonly ParameterDeclaration[]>(
  declarations: D,
): SettingsOf<D> {
  return Object.fromEntries(
    declarations.map((d) => [d.name, Array.isArray(d.default) ? [...d.default] : d.default]),
  ) as SettingsOf<D>;
}

/** The same declaration with another default (a method's own starting value; the range stays). */
export function withDefault<D extends ParameterDeclaration>(
  declaration: D,
  value: D['default'],
  more: Partial<Pick<D, 'panel' | 'doc'>> = {},
): D {
  return { ...declaration, default: value, ...more };
}

/** A preset's full settings: the declarations' defaults with the preset's values over them. */
export function presetSettings<D extends readonly ParameterDeclaration[]>(
  declarations: D,
  preset: { values: Partial<Record<string, unknown>> },
): SettingsOf<D> {
  return { ...defaultsOf(declarations), ...structuredClone(preset.values) } as SettingsOf<D>;
}
