import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type {
  BackendChoice,
  ShallowPresetName,
  ShallowSettings,
  TransferProgress,
  TransferRequest,
  TransferResult,
} from '../../shared/transfer';
import { ParameterError } from '../../shared/user-error';
import { cnnRequestFromFlags } from '../engine/cnn/cnn-request';
import { CNN_PRESET_NAMES } from '../engine/cnn/cnn-settings';
import { createEngineJobRunner } from '../jobs/engine-jobs';
import { commonOverrides, definedOnly, type CommonTransferFlags } from '../transfer/common-flags';
import { PRESET_NAMES } from '../transfer/settings';
import { cancelOnInterrupt } from './interrupt';
import { parseChoice, parseInteger, parseNumber, parsePowerOfTwo } from './parse-options';
import { createProgressBar } from './progress';

const demoDir = resolve(fileURLToPath(import.meta.url), '../../../../resources/demo');
export const demoContent = join(demoDir, 'content-piano-melody.wav');
export const demoStyle = join(demoDir, 'style-drum-bass-loop.wav');

interface TransferFlags extends CommonTransferFlags {
  method: 'shallow' | 'cnn';
  model?: string;
  models?: string;
  contentLayer?: string;
  styleLayers?: string;
  energyWeight?: number;
  frequencyWeight?: number;
  content?: string;
  style: string[];
  styleWeight: number[];
  out?: string;
  preset?: string;
  region?: { start: number; end: number };
  backend: BackendChoice;
  json?: boolean;
  // Settings overrides (undefined: the preset's value).
  analysisRate?: number;
  nFft?: number;
  hop?: number;
  filters?: number;
  kernelWidth?: number;
  noiseSigma?: number;
}

function collect<T>(parse: (raw: string) => T) {
  return (raw: string, previous: T[]): T[] => [...previous, parse(raw)];
}

function parseRegion(raw: string): { start: number; end: number } {
  const match = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(raw);
  const start = Number(match?.[1]);
  const end = Number(match?.[2]);
  if (!match || !(end > start)) {
    throw new ParameterError(
      '--region',
      `--region must be START:END in seconds with END after START (e.g. 2.5:10), not "${raw}".`,
    );
  }
  return { start, end };
}

/** The request a set of flags stands for; with no inputs, the bundled demo. */
export function transferRequestOf(flags: TransferFlags): TransferRequest {
  const usingDemo = flags.content === undefined && flags.style.length === 0;
  const content = flags.content ?? (usingDemo ? demoContent : undefined);
  if (content === undefined)
    throw new ParameterError(
      '--content',
      'Give a content sound with --content FILE (or no inputs at all, for the demo).',
    );
  const styles = usingDemo ? [demoStyle] : flags.style;
  if (styles.length === 0)
    throw new ParameterError('--style', 'Give at least one style sound with --style FILE.');
  if (flags.styleWeight.length > styles.length) {
    throw new ParameterError(
      '--style-weight',
      `There are ${flags.styleWeight.length} --style-weight values for ${styles.length} --style files.`,
    );
  }
  const settings: Partial<ShallowSettings> = definedOnly({
    analysisRate: flags.analysisRate,
    nFft: flags.nFft,
    hop: flags.hop,
    filters: flags.filters,
    kernelWidth: flags.kernelWidth,
    noiseSigma: flags.noiseSigma,
    ...commonOverrides(flags),
  });
  // A hop given without n-fft follows the preset; an n-fft without hop keeps the quarter-window hop.
  if (flags.nFft !== undefined && flags.hop === undefined) settings.hop = flags.nFft / 4;
  return {
    method: 'shallow',
    preset: (flags.preset ?? 'default') as ShallowPresetName,
    settings,
    content,
    styles: styles.map((path, i) => ({ path, weight: flags.styleWeight[i] ?? 1 })),
    output: flags.out ?? (usingDemo ? 'timbrefold-demo.wav' : 'timbrefold-result.wav'),
    ...(flags.region && { region: flags.region }),
    backend: flags.backend,
    previewEvery: 0,
  };
}

export function registerTransferCommand(program: Command): void {
  program
    .command('transfer')
    .description(
      'Render the content sound with the timbre of the style sound(s). With no inputs, runs on the bundled demo sounds.',
    )
    .option('--content <file>', 'the content sound (WAV)')
    .option('--style <file>', 'a style sound (WAV); repeat for several', collect(String), [])
    .option(
      '--style-weight <w>',
      'weight of the matching --style (default 1)',
      collect(parseNumber('--style-weight', 1e-6, 1e6)),
      [],
    )
    .option('--out <file>', 'the result WAV (a .recipe.json is written beside it)')
    .option(
      '--method <name>',
      'shallow (a random network) or cnn (a trained classifier with envelope losses)',
      parseChoice('--method', ['shallow', 'cnn'] as const),
      'shallow',
    )
    .option(
      '--preset <name>',
      `settings to start from: ${PRESET_NAMES.join(', ')} (shallow); ${CNN_PRESET_NAMES.join(', ')} (cnn)`,
      parseChoice('--preset', [...PRESET_NAMES, ...CNN_PRESET_NAMES]),
    )
    .option('--model <name>', 'cnn: a classifier in the model cache (default: the shipped demo)')
    .option('--models <dir>', 'cnn: the model cache folder (default: the app’s user-data folder)')
    .option('--content-layer <name>', 'cnn: the content layer (e.g. relu3_3)')
    .option(
      '--style-layers <list>',
      'cnn: style layers, LAYER[:WEIGHT],... (e.g. relu1_2,relu2_2:0.5)',
    )
    .option(
      '--energy-weight <w>',
      'cnn: temporal energy envelope weight',
      parseNumber('--energy-weight', 0, 1e12),
    )
    .option(
      '--frequency-weight <w>',
      'cnn: frequency envelope weight',
      parseNumber('--frequency-weight', 0, 1e12),
    )
    .option(
      '--region <start:end>',
      'transfer only this part of the content, in seconds',
      parseRegion,
    )
    .option(
      '--analysis-rate <hz>',
      'analysis sample rate',
      parseInteger('--analysis-rate', 8000, 192000),
    )
    .option(
      '--n-fft <n>',
      'FFT size (power of two, 256 to 8192)',
      parsePowerOfTwo('--n-fft', 256, 8192),
    )
    .option('--hop <n>', 'STFT hop in samples', parseInteger('--hop', 1, 4096))
    .option('--filters <n>', 'random filters in the network', parseInteger('--filters', 1, 16384))
    .option(
      '--kernel-width <frames>',
      'filter width in frames',
      parseInteger('--kernel-width', 1, 255),
    )
    .option(
      '--seed <n>',
      'seed of the network, the noise and the phase',
      parseInteger('--seed', 0, 0xfffffffe),
    )
    .option('--alpha <w>', 'content weight', parseNumber('--alpha', 0, 1e12))
    .option('--beta <w>', 'style weight', parseNumber('--beta', 0, 1e12))
    .option(
      '--start <point>',
      'start from the content or from noise',
      parseChoice('--start', ['content', 'noise'] as const),
    )
    .option(
      '--noise-sigma <s>',
      'standard deviation of the noise start',
      parseNumber('--noise-sigma', 0, 100),
    )
    .option(
      '--optimiser <name>',
      'lbfgs or adam',
      parseChoice('--optimiser', ['lbfgs', 'adam'] as const),
    )
    .option('--iterations <n>', 'optimiser iterations', parseInteger('--iterations', 0, 100000))
    .option('--learning-rate <r>', "Adam's step size", parseNumber('--learning-rate', 1e-9, 100))
    .option(
      '--phase-method <name>',
      'gl or fgla',
      parseChoice('--phase-method', ['gl', 'fgla'] as const),
    )
    .option(
      '--phase-iterations <n>',
      'phase reconstruction iterations',
      parseInteger('--phase-iterations', 0, 10000),
    )
    .option(
      '--phase-start <start>',
      "random phase or the content's",
      parseChoice('--phase-start', ['random', 'content'] as const),
    )
    .option(
      '--channels <mode>',
      'mono, per-channel or mid-side',
      parseChoice('--channels', ['mono', 'per-channel', 'mid-side'] as const),
    )
    .option(
      '--window-seconds <s>',
      'length of the windows long content is processed in',
      parseNumber('--window-seconds', 1, 600),
    )
    .option(
      '--backend <name>',
      'auto, tensorflow, wasm or cpu',
      parseChoice('--backend', ['auto', 'tensorflow', 'wasm', 'cpu'] as const),
      'auto',
    )
    .option('--json', 'one JSON object per progress event, then a summary object')
    .action(async (flags: TransferFlags) => {
      const shallow = transferRequestOf(flags);
      const request =
        flags.method === 'cnn'
          ? cnnRequestFromFlags({
              ...flags,
              content: shallow.content,
              styles: shallow.styles.map((s) => s.path),
              styleWeights: flags.styleWeight,
              output: shallow.output,
              preset: flags.preset,
            })
          : shallow;
      const bar = flags.json
        ? undefined
        : createProgressBar(
            1,
            ' {bar} {phase} {value}/{total} | loss {loss} (content {content}, style {style}) | {remaining} left',
          );
      let lastPhase = '';
      const result = await cancelOnInterrupt((signal) =>
        createEngineJobRunner().run<TransferResult, TransferProgress>(
          request.method === 'cnn' ? 'cnn-transfer' : 'transfer',
          request,
          {
            signal,
            onProgress: (progress) => {
              if (flags.json) {
                process.stdout.write(
                  `${JSON.stringify({ event: 'progress', ...progress, preview: undefined })}\n`,
                );
                return;
              }
              if (progress.phase !== lastPhase) {
                lastPhase = progress.phase;
                bar?.setTotal(Math.max(1, progress.iterations));
              }
              bar?.update(progress.iteration, {
                phase: progress.phase.padEnd(14),
                loss: progress.losses?.total.toExponential(3) ?? '-',
                content: progress.losses?.content.toExponential(2) ?? '-',
                style: progress.losses?.style.toExponential(2) ?? '-',
                remaining:
                  progress.remainingSeconds === undefined
                    ? '?'
                    : `${Math.ceil(progress.remainingSeconds)} s`,
              });
            },
          },
        ),
      );
      bar?.stop();
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ event: 'done', ...result })}\n`);
        return;
      }
      const w = result.wallSeconds;
      process.stdout.write(
        `Wrote ${result.output} and ${result.recipe}\n` +
          `${result.iterations} iterations on ${result.backend}; analysis ${w.analysis.toFixed(1)} s, optimisation ${w.optimisation.toFixed(1)} s, ` +
          `phase ${w.reconstruction.toFixed(1)} s, total ${w.total.toFixed(1)} s\n` +
          `Final loss ${result.finalLosses.total.toExponential(3)} (content ${result.finalLosses.content.toExponential(3)}, style ${result.finalLosses.style.toExponential(3)})\n`,
      );
    });
}
