// The parameters every optimisation-based method shares, each declared once. A method lists the
// ones it takes, with its own default where it differs (`withDefault`); the range stays here.
import type {
  ChoiceDeclaration,
  IntegerDeclaration,
  NumberDeclaration,
} from '../../shared/parameters';

/**
 * Loss weights span many decades: a log slider over the useful eight (1e-5 to 1e3), and any value
 * up to 1e12 from the command line or a typed request.
 */
const weightRange = { min: 0, max: 1e12, scale: 'log', sliderMin: 1e-5, sliderMax: 1e3 } as const;

export const SEED: IntegerDeclaration<'seed'> = {
  kind: 'integer',
  name: 'seed',
  label: 'Seed',
  doc:
    'the roll of the dice: the same seed renders the same result again; another seed gives ' +
    'another take of the same settings',
  unit: 'seed',
  min: 0,
  max: 0xfffffffe,
  default: 0,
  panel: true,
};

export const CONTENT_WEIGHT: NumberDeclaration<'contentWeight'> = {
  kind: 'number',
  name: 'contentWeight',
  flag: 'alpha',
  label: 'Content weight (alpha)',
  doc:
    'content weight (alpha): how much of your content survives, its notes, rhythm and words; ' +
    'raise it when the result smears or loses the melody, lower it to let the style take over',
  unit: 'weight',
  ...weightRange,
  default: 1e-2,
  panel: true,
};

export const STYLE_WEIGHT: NumberDeclaration<'styleWeight'> = {
  kind: 'number',
  name: 'styleWeight',
  flag: 'beta',
  label: 'Style weight (beta)',
  doc:
    'style weight (beta): how strongly the result takes on the style’s sound, its tone and ' +
    'texture; what counts is its balance with alpha (ten times beta is like a tenth of alpha)',
  unit: 'weight',
  ...weightRange,
  default: 1,
  panel: true,
};

/** Another loss term's weight, with the same range and slider as alpha and beta. */
export function lossWeight<Name extends string>(
  name: Name,
  label: string,
  doc: string,
  value: number,
): NumberDeclaration<Name> {
  return {
    kind: 'number',
    name,
    label,
    doc,
    unit: 'weight',
    ...weightRange,
    default: value,
    panel: true,
  };
}

export const START: ChoiceDeclaration<'start', 'content' | 'noise'> = {
  kind: 'choice',
  name: 'start',
  label: 'Start from',
  doc:
    'where the sound starts from: the content (the first preview already sounds like it, and ' +
    'the result stays closer) or noise (as in the papers: freer, needs more iterations)',
  choices: ['content', 'noise'],
  choiceLabels: { content: 'the content', noise: 'noise' },
  default: 'content',
  panel: true,
};

export const OPTIMISER: ChoiceDeclaration<'optimiser', 'lbfgs' | 'adam'> = {
  kind: 'choice',
  name: 'optimiser',
  label: 'Optimiser',
  doc: 'the optimiser: L-BFGS takes fewer, surer steps; Adam is the common alternative',
  choices: ['lbfgs', 'adam'],
  default: 'lbfgs',
};

export const ITERATIONS: IntegerDeclaration<'iterations'> = {
  kind: 'integer',
  name: 'iterations',
  label: 'Iterations',
  doc:
    'how long the sound is worked on: each iteration moves it further toward the style and ' +
    'costs about as much as the last',
  unit: 'iterations',
  min: 0,
  max: 100000,
  default: 12,
  panel: true,
};

export const LEARNING_RATE: NumberDeclaration<'learningRate'> = {
  kind: 'number',
  name: 'learningRate',
  label: 'Learning rate',
  doc: 'Adam’s step size, in log-magnitude units per step',
  unit: 'log-magnitude',
  min: 0,
  minExclusive: true,
  max: 100,
  default: 0.02,
};

export const PHASE_METHOD: ChoiceDeclaration<'phaseMethod', 'gl' | 'fgla'> = {
  kind: 'choice',
  name: 'phaseMethod',
  label: 'Phase reconstruction',
  doc: 'how the phase is rebuilt: Griffin-Lim, or fast Griffin-Lim (better in fewer iterations)',
  choices: ['gl', 'fgla'],
  default: 'fgla',
};

export const PHASE_ITERATIONS: IntegerDeclaration<'phaseIterations'> = {
  kind: 'integer',
  name: 'phaseIterations',
  label: 'Phase iterations',
  doc: 'phase reconstruction iterations',
  unit: 'iterations',
  min: 0,
  max: 10000,
  default: 100,
};

export const PHASE_START: ChoiceDeclaration<'phaseStart', 'random' | 'content'> = {
  kind: 'choice',
  name: 'phaseStart',
  label: 'Phase start',
  doc: 'where phase reconstruction starts: random phase or the content’s',
  choices: ['random', 'content'],
  default: 'random',
};

export const CHANNEL_MODE: ChoiceDeclaration<'channelMode', 'mono' | 'per-channel' | 'mid-side'> = {
  kind: 'choice',
  name: 'channelMode',
  flag: 'channels',
  label: 'Channels',
  doc: 'how several channels are transferred: as one mono mix, each channel, or mid and side',
  choices: ['mono', 'per-channel', 'mid-side'],
  default: 'mono',
};

export const WINDOW_SECONDS: NumberDeclaration<'windowSeconds'> = {
  kind: 'number',
  name: 'windowSeconds',
  label: 'Window length',
  doc: 'length of the windows long content is processed in (memory stays bounded by one window)',
  unit: 'seconds',
  min: 1,
  max: 600,
  default: 10,
};

export const FOLLOW_DYNAMICS: NumberDeclaration<'followDynamics'> = {
  kind: 'number',
  name: 'followDynamics',
  label: 'Follow content dynamics',
  doc:
    'how closely the result’s loudness over time follows your content’s, its rhythm, syllables ' +
    'and swells, frame by frame (0: as the transfer leaves it, 1: fully; the result keeps its ' +
    'own tone in every frame)',
  unit: '',
  min: 0,
  max: 1,
  default: 0,
  panel: true,
};

/** What every optimisation-based method ends with: phase reconstruction, channels, windows. */
export const PHASE_AND_CHANNELS = [
  PHASE_METHOD,
  PHASE_ITERATIONS,
  PHASE_START,
  CHANNEL_MODE,
  WINDOW_SECONDS,
] as const;
