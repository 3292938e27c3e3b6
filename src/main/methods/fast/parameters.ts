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
 * Phase: the content's phase as the start and 32 fast Griffin-Lim iterations, chosen by the sweep
 * of bench/generator.ts (docs/presets.md): on three held-out clips the spectral convergence is
 * 0.63-0.49 at 0 iterations, 0.17-0.12 at 16 and 0.13-0.09 at 32, and the envelope correlations
 * and style gains rise with every doubling; 32 cost about 0.2 s per 4 s clip.
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
