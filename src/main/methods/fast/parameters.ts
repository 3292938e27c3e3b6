// Every setting of the fast method (METHODS.md section 4), declared once. A generator is one
// forward pass: no iterations, no loss weights (they were the training's), and no analysis (the
// generator's own, its loss network's). What remains is the phase and the channels.
import {
  presetSettings,
  withDefault,
  type PresetDeclaration,
  type SettingsOf,
} from '../../../shared/parameters';
import {
  CHANNEL_MODE,
  PHASE_ITERATIONS,
  PHASE_METHOD,
  PHASE_START,
  SEED,
  WINDOW_SECONDS,
} from '../common-parameters';

/**
 * Phase: the content's phase as the start and 32 fast Griffin-Lim iterations. Not yet chosen by a
 * sweep: 32 keeps a 20-clip batch of 4 s at 16.5x real time end to end (bench/generator.ts) and
 * the held-out figures of test/fast; a sweep of spectral convergence against iterations is open.
 */
export const FAST_PHASE_ITERATIONS = 32;

export const FAST_PARAMETERS = [
  SEED,
  PHASE_METHOD,
  withDefault(PHASE_ITERATIONS, FAST_PHASE_ITERATIONS),
  withDefault(PHASE_START, 'content'),
  CHANNEL_MODE,
  WINDOW_SECONDS,
] as const;

export type FastSettings = SettingsOf<typeof FAST_PARAMETERS>;

export const FAST_PRESETS = [
  {
    name: 'generator',
    label: 'Trained generator',
    doc: 'one forward pass through a generator trained for one style',
    values: {},
  },
] as const satisfies readonly PresetDeclaration<Partial<FastSettings>>[];

export function fastPreset(): FastSettings {
  return presetSettings(FAST_PARAMETERS, FAST_PRESETS[0]);
}
