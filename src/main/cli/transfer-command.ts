import { join } from 'node:path';
import type { Command } from 'commander';
import type { BackendChoice, TransferRequest } from '../../shared/transfer';
import { ParameterError } from '../../shared/user-error';
import { METHOD_NAMES, METHODS, methodNamed } from '../methods/registry';
import { resourcePaths } from '../resource-paths';
import { createEngineJobRunner } from '../worker/engine-jobs';
import { cancelOnInterrupt } from './interrupt';
import { addParameterOptions, settingsFromFlags } from './parameter-options';
import { parseChoice, parseNumber } from './parse-options';
import { createProgressBar } from './progress';

const demoDir = resourcePaths().demo;
export const demoContent = join(demoDir, 'content-piano-melody.wav');
export const demoStyle = join(demoDir, 'style-drum-bass-loop.wav');

/** The transfer's own flags; the settings' flags (derived from the declarations) ride along. */
interface TransferFlags {
  method: string;
  preset?: string;
  model?: string;
  models?: string;
  content?: string;
  style: string[];
  styleWeight: number[];
  out?: string;
  region?: { start: number; end: number };
  backend: BackendChoice;
  json?: boolean;
  [setting: string]: unknown;
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
  const method = methodNamed(flags.method);
  const { settings, analysis } = settingsFromFlags(method, METHODS, flags);
  // An n-fft given without hop keeps the quarter-window hop (a hop alone follows the preset).
  if (
    settings['nFft'] !== undefined &&
    settings['hop'] === undefined &&
    method.parameters.some((d) => d.name === 'hop')
  )
    settings['hop'] = (settings['nFft'] as number) / 4;
  if (flags.preset !== undefined && !method.presets.some((p) => p.name === flags.preset))
    throw new ParameterError(
      '--preset',
      `The ${method.name} method's presets are ${method.presets.map((p) => p.name).join(' and ')}, not "${flags.preset}".`,
    );
  if (!method.usesModel)
    for (const flag of ['model', 'models'] as const)
      if (flags[flag] !== undefined)
        throw new ParameterError(
          `--${flag}`,
          `--${flag} is for a method that uses a model, not ${method.name}.`,
        );
  return {
    method: method.name,
    ...(flags.preset !== undefined
      ? { preset: flags.preset }
      : !method.usesModel && { preset: method.presets[0]!.name }),
    settings,
    ...(flags.model !== undefined && { model: flags.model }),
    ...(flags.models !== undefined && { modelsDir: flags.models }),
    ...(Object.keys(analysis).length > 0 && { analysis }),
    content,
    styles: styles.map((path, i) => ({ path, weight: flags.styleWeight[i] ?? 1 })),
    output: flags.out ?? (usingDemo ? 'timbrefold-demo.wav' : 'timbrefold-result.wav'),
    ...(flags.region && { region: flags.region }),
    backend: flags.backend,
    previewEvery: 0,
  };
}

export function registerTransferCommand(program: Command): void {
  const command = program
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
      METHODS.map((m) => `${m.name}: ${m.doc}`).join('; '),
      parseChoice('--method', METHOD_NAMES),
      METHOD_NAMES[0],
    )
    .option(
      '--preset <name>',
      `settings to start from: ${METHODS.map((m) => `${m.presets.map((p) => p.name).join(', ')} (${m.name})`).join('; ')}; a model's method defaults to the model's own`,
    )
    .option(
      '--model <name>',
      'a classifier in the model cache, for a method that uses one (default: the shipped demo)',
    )
    .option('--models <dir>', 'the model cache folder (default: the app’s user-data folder)')
    .option(
      '--region <start:end>',
      'transfer only this part of the content, in seconds',
      parseRegion,
    )
    .option(
      '--backend <name>',
      'auto, tensorflow, wasm or cpu',
      parseChoice('--backend', ['auto', 'tensorflow', 'wasm', 'cpu'] as const),
      'auto',
    )
    .option('--json', 'one JSON object per progress event, then a summary object');
  // Every method's settings, as declared in its folder (src/main/methods/<name>/parameters.ts).
  addParameterOptions(command, METHODS);
  command.action(async (flags: TransferFlags) => {
    const request = transferRequestOf(flags);
    const bar = flags.json
      ? undefined
      : createProgressBar(
          1,
          ' {bar} {phase} {value}/{total} | loss {loss} (content {content}, style {style}) | {remaining} left',
        );
    let lastPhase = '';
    const result = await cancelOnInterrupt((signal) =>
      createEngineJobRunner().run('transfer', request, {
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
      }),
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
