// A method's settings for one request: the declarations' defaults, the preset's values, then the
// request's overrides, each value checked against its declaration. Runs before anything is loaded,
// so a bad value costs nothing and its message names the setting.
import {
  listChoices,
  parameterProblem,
  presetSettings,
  type ParameterValue,
} from '../../shared/parameters';
import type { LossTerms } from '../../shared/transfer';
import { ParameterError } from '../../shared/user-error';
import type { PipelineSettings, TransferMethod } from './method';

export function resolveSettings<Settings extends PipelineSettings, Losses extends LossTerms>(
  method: TransferMethod<Settings, Losses>,
  preset: string | undefined,
  overrides: Readonly<Record<string, ParameterValue | undefined>>,
): Settings {
  const name = preset ?? method.presets[0]!.name;
  const chosen = method.presets.find((p) => p.name === name);
  if (!chosen)
    throw new ParameterError(
      'preset',
      `Unknown preset "${String(name)}": the ${method.name} method's presets are ${listChoices(method.presets.map((p) => p.name))}.`,
    );
  const settings: Record<string, unknown> = presetSettings(method.parameters, chosen);
  const declared = new Set(method.parameters.map((d) => d.name));
  for (const [key, value] of Object.entries(overrides)) {
    if (!declared.has(key))
      throw new ParameterError(
        key,
        `There is no setting called "${key}" in the ${method.name} method.`,
      );
    if (value !== undefined) settings[key] = Array.isArray(value) ? [...value] : value;
  }
  for (const declaration of method.parameters) {
    const problem = parameterProblem(declaration, settings[declaration.name]);
    if (problem) throw new ParameterError(declaration.name, problem);
  }
  const checked = settings as unknown as Settings;
  return method.check
    ? method.check(checked, overrides as Record<string, ParameterValue>)
    : checked;
}
