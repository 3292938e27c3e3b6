// The transfer methods the editor offers, as the panel builds its controls: each method's own
// parameter declarations and presets from the registry, so the panel starts from what the CLI runs.
import type { MethodInfo } from '../../shared/ipc-jobs';
import { presetSettings, type ParameterValue } from '../../shared/parameters';
import { METHODS } from '../methods/registry';

export function transferMethods(): MethodInfo[] {
  return METHODS.map((method) => ({
    method: method.name,
    label: method.label,
    doc: method.doc,
    parameters: [...method.parameters],
    presets: method.presets.map((preset) => ({
      name: preset.name,
      label: preset.label,
      doc: preset.doc,
      settings: presetSettings(method.parameters, preset) as Record<string, ParameterValue>,
    })),
    usesModel: method.usesModel ?? false,
    modelKind: method.modelKind ?? 'classifier',
    styleFrom: method.styleFrom ?? 'request',
    extraLossTerms: [...(method.extraLossTerms ?? [])],
    available: true,
  }));
}
