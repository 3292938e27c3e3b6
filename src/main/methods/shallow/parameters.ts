// Every setting of the shallow random-network method (METHODS.md section 2), declared once, and
// its presets. The checks, the CLI flags, the IPC schema and the panel all derive from this list.
import {
  KEEP_PITCH_PRESET,
  presetSettings,
  withDefault,
  type ChoiceDeclaration,
  type IntegerDeclaration,
  type NumberDeclaration,
  type PresetDeclaration,
  type SettingsOf,
} from '../../../shared/parameters';
import {
  CHANNEL_MODE,
  CONTENT_WEIGHT,
  FOLLOW_DYNAMICS,
  ITERATIONS,
  LEARNING_RATE,
  lossWeight,
  OPTIMISER,
  PHASE_ITERATIONS,
  PHASE_METHOD,
  PHASE_START,
  SEED,
  START,
  STYLE_WEIGHT,
  WINDOW_SECONDS,
} from '../common-parameters';

const ANALYSIS_RATE: IntegerDeclaration<'analysisRate'> = {
  kind: 'integer',
  name: 'analysisRate',
  label: 'Analysis rate',
  doc:
    'the rate the engine analyses at (0: the content’s own rate, its full band); the result ' +
    'comes back at the content’s rate',
  unit: 'Hz',
  min: 0,
  max: 192000,
  default: 0,
};

const N_FFT: IntegerDeclaration<'nFft'> = {
  kind: 'integer',
  name: 'nFft',
  label: 'FFT size',
  doc: 'FFT size: longer resolves pitch more finely and time more coarsely',
  unit: 'samples',
  min: 256,
  max: 8192,
  powerOfTwo: true,
  default: 2048,
};

const HOP: IntegerDeclaration<'hop'> = {
  kind: 'integer',
  name: 'hop',
  label: 'Hop',
  doc: 'STFT hop (at most n-fft / 2; an n-fft given alone keeps a quarter-window hop)',
  unit: 'samples',
  min: 1,
  max: 4096,
  default: 512,
};

const FILTERS: IntegerDeclaration<'filters'> = {
  kind: 'integer',
  name: 'filters',
  label: 'Filters',
  doc: 'random filters in the network: more carry more of the style and cost more per iteration',
  unit: 'filters',
  min: 1,
  max: 16384,
  default: 4096,
};

const NETWORK: ChoiceDeclaration<'network', 'finite' | 'kernel'> = {
  kind: 'choice',
  name: 'network',
  label: 'Network',
  doc:
    'finite: draw the random filters (the paper); kernel: their infinite-width limit in closed ' +
    'form, the expected loss over the filters without drawing one (no weights, ~20x faster)',
  choices: ['finite', 'kernel'],
  choiceLabels: { finite: 'finite (drawn filters)', kernel: 'kernel (infinite width)' },
  default: 'kernel',
};

const KERNEL_WIDTH: IntegerDeclaration<'kernelWidth'> = {
  kind: 'integer',
  name: 'kernelWidth',
  label: 'Filter width',
  doc: 'filter width in frames',
  unit: 'frames',
  min: 1,
  max: 255,
  default: 11,
};

const NOISE_SIGMA: NumberDeclaration<'noiseSigma'> = {
  kind: 'number',
  name: 'noiseSigma',
  label: 'Noise level',
  doc: 'standard deviation of the noise start',
  unit: 'log-magnitude',
  min: 0,
  max: 100,
  default: 1e-3,
};

export const SHALLOW_PARAMETERS = [
  ANALYSIS_RATE,
  N_FFT,
  HOP,
  NETWORK,
  FILTERS,
  KERNEL_WIDTH,
  SEED,
  CONTENT_WEIGHT,
  STYLE_WEIGHT,
  lossWeight(
    'energyWeight',
    'Energy envelope weight',
    'energy envelope weight: how closely the result’s loudness over time follows the style’s ' +
      'swells and attacks (0: off; it costs some of the content’s rhythm)',
    0,
  ),
  lossWeight(
    'frequencyWeight',
    'Frequency envelope weight',
    'frequency envelope weight: how closely the result takes on the style’s overall EQ, its ' +
      'brightness or darkness (0: off; with a single held note it also pulls toward that pitch)',
    0,
  ),
  START,
  NOISE_SIGMA,
  OPTIMISER,
  withDefault(ITERATIONS, 50, {
    doc:
      'how long the sound is worked on: each iteration moves it further toward the style and ' +
      'costs about as much as the last (with the default, about 1.2 s per 10 s of 44.1 kHz ' +
      'stereo sound on a 2-core laptop, half that in mono; most sounds have arrived by 50)',
  }),
  LEARNING_RATE,
  PHASE_METHOD,
  PHASE_ITERATIONS,
  PHASE_START,
  // True stereo: a stereo content is transferred channel by channel (a mono content is one stream
  // whatever the mode), each with the style's own channel where the style is stereo.
  withDefault(CHANNEL_MODE, 'per-channel'),
  // The kernel's cost grows with the square of a window's frames: 5 s windows cost about two
  // thirds of 10 s ones per second of sound (docs/presets.md).
  withDefault(WINDOW_SECONDS, 5),
  // The optimisation smooths some of the content's dynamics away; following them after phase
  // reconstruction gives them back at little cost to the style (docs/presets.md).
  withDefault(FOLLOW_DYNAMICS, 0.75),
] as const;

export type ShallowSettings = SettingsOf<typeof SHALLOW_PARAMETERS>;

/**
 * `default` is the declarations' defaults, chosen by measurement for a short wait on a laptop CPU
 * (docs/presets.md): the kernel (infinite-width) form of the network at the content's own rate and
 * channel by channel, from the content, 50 L-BFGS iterations over 5 s windows, fast Griffin-Lim.
 * `ulyanov` is the reference notebook exactly: the finite network at 22,050 Hz in mono, noise
 * start, L-BFGS 300, 500 Griffin-Lim iterations from random phase. `timbre-only` (alpha 1, 4
 * iterations of the finite network, as measured) keeps the content's pitch against a style that
 * holds one note (docs/presets.md, bench/keep-pitch.ts).
 */
export const SHALLOW_PRESETS = [
  {
    name: 'default',
    label: 'Default (fast)',
    doc: 'tuned for a short wait on a laptop CPU',
    values: {},
  },
  {
    name: 'ulyanov',
    label: 'Ulyanov (paper)',
    doc: 'the reference notebook exactly (slow)',
    values: {
      analysisRate: 22050,
      channelMode: 'mono',
      network: 'finite',
      energyWeight: 0,
      frequencyWeight: 0,
      start: 'noise',
      iterations: 300,
      phaseMethod: 'gl',
      phaseIterations: 500,
      windowSeconds: 30,
      followDynamics: 0,
    },
  },
  {
    name: KEEP_PITCH_PRESET,
    label: 'Timbre only, keep pitch',
    doc:
      'for a style clip that is one held note: the result keeps the content’s own pitch in most ' +
      'places instead of taking on the note’s, and moves about half as far toward the style’s ' +
      'tone (a few iterations of the drawn-filter network, mono)',
    // The finite network, mono at 22,050 Hz: the settings bench/keep-pitch.ts measured.
    values: {
      contentWeight: 1,
      iterations: 4,
      network: 'finite',
      analysisRate: 22050,
      channelMode: 'mono',
      windowSeconds: 10,
      followDynamics: 0,
    },
  },
] as const satisfies readonly PresetDeclaration<ShallowSettings>[];

export type ShallowPresetName = (typeof SHALLOW_PRESETS)[number]['name'];

/** A preset's full settings. */
export function shallowPreset(name: ShallowPresetName): ShallowSettings {
  return presetSettings(
    SHALLOW_PARAMETERS,
    SHALLOW_PRESETS.find((p) => p.name === name)!,
  );
}
