// Every setting of the CycleGAN method (METHODS.md section 5), declared once: the target class
// (one of the model's two) and, as the fast method, the phase and the channels.
import {
  presetSettings,
  type PresetDeclaration,
  type SettingsOf,
  type TextDeclaration,
} from '../../../shared/parameters';
import { FAST_PARAMETERS } from '../fast/parameters';

/** No class is chosen until the user names one: the method's open() says which there are. */
export const NO_CLASS = '-';

export const TARGET_CLASS: TextDeclaration<'to'> = {
  kind: 'text',
  name: 'to',
  label: 'Target class',
  doc: 'the class to turn the content into: one of the CycleGAN model’s two classes',
  maxLength: 200,
  default: NO_CLASS,
  choicesFrom: 'model-classes',
  panel: true,
};

export const CYCLEGAN_PARAMETERS = [TARGET_CLASS, ...FAST_PARAMETERS] as const;

export type CycleGanSettings = SettingsOf<typeof CYCLEGAN_PARAMETERS>;

export const CYCLEGAN_PRESETS = [
  {
    name: 'cyclegan',
    label: 'CycleGAN',
    doc: 'one forward pass through the generator toward the target class',
    values: {},
  },
] as const satisfies readonly PresetDeclaration<Partial<CycleGanSettings>>[];

export function cycleGanPreset(): CycleGanSettings {
  return presetSettings(CYCLEGAN_PARAMETERS, CYCLEGAN_PRESETS[0]);
}
