// The transfer command's setting flags, derived from the methods' parameter declarations: one flag
// per declared setting (shared ones once), its parser from the declared range, and --help text
// with the unit, the range and each method's default.
import type { Command } from 'commander';
import {
  describeRange,
  flagOf,
  type ParameterDeclaration,
  type ParameterValue,
} from '../../shared/parameters';
import { ParameterError } from '../../shared/user-error';
import type { AnyMethod } from '../methods/registry';
import { parseChoice, parseInteger, parseNumber, parsePowerOfTwo } from './parse-options';

/** A names list typed on the command line, each name optionally with ":WEIGHT". */
export interface WeightedNames {
  names: string[];
  weights: number[];
}

/** "relu1_2:0.5,relu2_2" -> names and weights (a name without a weight weighs 1). */
export function parseWeightedNames(option: string, raw: string): WeightedNames {
  const names: string[] = [];
  const weights: number[] = [];
  for (const part of raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, weightText] = part.split(':');
    const weight = weightText === undefined ? 1 : Number(weightText);
    if (!name || !(Number.isFinite(weight) && weight >= 0))
      throw new ParameterError(
        option,
        `${option} takes NAME[:WEIGHT],... (e.g. relu1_2:0.5,relu2_2), not "${raw}".`,
      );
    names.push(name);
    weights.push(weight);
  }
  if (names.length === 0) throw new ParameterError(option, `${option} needs at least one name.`);
  return { names, weights };
}

/** Commander's attribute for a flag: "n-fft" -> "nFft". */
export function attributeOf(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function parserOf(d: ParameterDeclaration): (raw: string) => unknown {
  const option = `--${flagOf(d)}`;
  switch (d.kind) {
    case 'number': {
      const inRange = parseNumber(option, d.min, d.max);
      return (raw) => {
        const value = inRange(raw);
        if (d.minExclusive && value <= d.min)
          throw new ParameterError(option, `${option} must be ${describeRange(d)}, not "${raw}".`);
        return value;
      };
    }
    case 'integer':
      return d.powerOfTwo
        ? parsePowerOfTwo(option, d.min, d.max)
        : parseInteger(option, d.min, d.max);
    case 'choice':
      return parseChoice(option, d.choices);
    case 'text':
      return (raw) => raw;
    case 'names':
      return (raw) => parseWeightedNames(option, raw);
    case 'weights':
      return (raw) => parseWeightedNames(option, raw).weights;
  }
}

function formatValue(value: ParameterValue): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}

/** "(a whole number from 0 to 100000; default 12 for shallow, 100 for cnn)". */
function helpOf(declarations: { method: AnyMethod; d: ParameterDeclaration }[]): string {
  const first = declarations[0]!.d;
  const defaults = declarations.map(({ method, d }) => ({
    method: method.name,
    value: formatValue(d.default),
  }));
  const same = defaults.every((x) => x.value === defaults[0]!.value);
  const only = declarations.length === 1 ? ` (${defaults[0]!.method} only)` : '';
  const unit = first.kind === 'number' || first.kind === 'integer' ? first.unit : '';
  const shown = same
    ? `default ${defaults[0]!.value}${only}`
    : `default ${defaults.map((x) => `${x.value} for ${x.method}`).join(', ')}`;
  return `${first.doc} (${describeRange(first)}${unit && unit !== 'weight' && unit !== 'seed' ? ` ${unit}` : ''}; ${shown})`;
}

/** Every method's settings as flags, each flag once. */
export function addParameterOptions(command: Command, methods: readonly AnyMethod[]): void {
  const byFlag = new Map<string, { method: AnyMethod; d: ParameterDeclaration }[]>();
  for (const method of methods)
    for (const d of method.parameters) {
      const flag = flagOf(d);
      if (flag === undefined) continue;
      byFlag.set(flag, [...(byFlag.get(flag) ?? []), { method, d }]);
    }
  for (const [flag, declarations] of byFlag) {
    const d = declarations[0]!.d;
    const value =
      d.kind === 'names' ? 'list' : d.kind === 'choice' ? 'name' : d.kind === 'text' ? 'name' : 'n';
    command.option(`--${flag} <${value}>`, helpOf(declarations), parserOf(d));
  }
}

/** The flags every method shares no declaration for, but which a method may still read. */
export const ANALYSIS_FLAGS = { analysisRate: 'sampleRate', nFft: 'nFft', hop: 'hop' } as const;

/**
 * The chosen method's settings from the parsed flags. A flag of another method's setting is a
 * mistake worth a sentence, except the analysis flags, which a model's method checks against its
 * model (returned as `analysis`).
 */
export function settingsFromFlags(
  method: AnyMethod,
  methods: readonly AnyMethod[],
  flags: Record<string, unknown>,
): { settings: Record<string, ParameterValue>; analysis: Record<string, number> } {
  const settings: Record<string, ParameterValue> = {};
  const analysis: Record<string, number> = {};
  const mine = new Set<string>();
  for (const d of method.parameters) {
    const flag = flagOf(d);
    if (flag === undefined) continue;
    mine.add(flag);
    const value = flags[attributeOf(flag)];
    if (value === undefined) continue;
    if (d.kind === 'names') {
      const { names, weights } = value as WeightedNames;
      settings[d.name] = names;
      if (d.weightsIn) settings[d.weightsIn] = weights;
    } else settings[d.name] = value as ParameterValue;
  }
  for (const other of methods)
    for (const d of other.parameters) {
      const flag = flagOf(d);
      if (flag === undefined || mine.has(flag) || flags[attributeOf(flag)] === undefined) continue;
      const analysisKey = ANALYSIS_FLAGS[d.name as keyof typeof ANALYSIS_FLAGS];
      if (analysisKey && method.analysisFrom === 'model') {
        analysis[analysisKey] = flags[attributeOf(flag)] as number;
        continue;
      }
      throw new ParameterError(
        `--${flag}`,
        `--${flag} is a setting of the ${other.name} method, not of ${method.name}.`,
      );
    }
  return { settings, analysis };
}

/**
 * A job's own declared settings as flags (a trainer's), each flag once: one the command already
 * has (a shared --epochs) is left as it is, the value still checked by the declaration later.
 */
export function addDeclaredOptions(
  command: Command,
  declarations: readonly ParameterDeclaration[],
  owner: string,
): void {
  for (const d of declarations) {
    const flag = flagOf(d);
    if (flag === undefined || command.options.some((o) => o.long === `--${flag}`)) continue;
    const unit = d.kind === 'number' || d.kind === 'integer' ? d.unit : '';
    const shownUnit = unit && unit !== 'weight' && unit !== 'seed' ? ` ${unit}` : '';
    command.option(
      `--${flag} <${d.kind === 'choice' || d.kind === 'text' ? 'name' : 'n'}>`,
      `${d.doc} (${describeRange(d)}${shownUnit}; default ${formatValue(d.default)}, ${owner} only)`,
      parserOf(d),
    );
  }
}

/** The declared settings the parsed flags give (undefined ones left out). */
export function declaredValues(
  declarations: readonly ParameterDeclaration[],
  flags: Record<string, unknown>,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const d of declarations) {
    const flag = flagOf(d);
    if (flag === undefined) continue;
    const value = flags[attributeOf(flag)];
    if (value !== undefined) values[d.name] = value;
  }
  return values;
}
