import { mkdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Command } from 'commander';
import type { BackendChoice, TransferRequest } from '../../shared/transfer';
import { ParameterError } from '../../shared/user-error';
import { METHOD_NAMES, METHODS, methodNamed } from '../methods/registry';
import { resourcePaths } from '../app/resource-paths';
import { createEngineJobRunner } from '../worker/engine-jobs';
import { cancelOnInterrupt } from './interrupt';
import { addParameterOptions, settingsFromFlags } from './parameter-options';
import { backendOption, parseChoice, parseNumber } from './parse-options';
import { createProgressBar, remainingText } from './progress';

const demoDir = resourcePaths().demo;
export const demoContent = join(demoDir, 'content-piano-melody.wav');
export const demoStyle = join(demoDir, 'style-drum-bass-loop.wav');

/** The transfer's own flags; the settings' flags (derived from the declarations) ride along. */
interface TransferFlags {
  method: string;
  preset?: string;
  model?: string;
  models?: string;
  /** One content, or several (commander collects repeated --content flags). */
  content?: string | string[];
  style: string[];
  styleWeight: number[];
  out?: string;
  outDir?: string;
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
function contentsOf(flags: TransferFlags): string[] {
  return flags.content === undefined
    ? []
    : Array.isArray(flags.content)
      ? flags.content
      : [flags.content];
}

/** The request a set of flags stands for (its first content); with no inputs, the bundled demo. */
export function transferRequestOf(flags: TransferFlags): TransferRequest {
  const method = methodNamed(flags.method);
  const styleFromModel = method.styleFrom === 'model';
  const contents = contentsOf(flags);
  const usingDemo = !styleFromModel && contents.length === 0 && flags.style.length === 0;
  const content = contents[0] ?? (usingDemo ? demoContent : undefined);
  if (content === undefined)
    throw new ParameterError(
      '--content',
      styleFromModel
        ? 'Give a content sound with --content FILE (repeat it for several).'
        : 'Give a content sound with --content FILE (or no inputs at all, for the demo).',
    );
  const styles = usingDemo ? [demoStyle] : flags.style;
  if (styleFromModel && styles.length > 0)
    throw new ParameterError(
      '--style',
      `The ${method.name} method’s style is its model’s (trained for one style): leave out --style.`,
    );
  if (!styleFromModel && styles.length === 0)
    throw new ParameterError('--style', 'Give at least one style sound with --style FILE.');
  if (flags.styleWeight.length > styles.length) {
    throw new ParameterError(
      '--style-weight',
      `There are ${flags.styleWeight.length} --style-weight values for ${styles.length} --style files.`,
    );
  }
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
    output:
      flags.out ??
      (flags.outDir !== undefined
        ? outputIn(flags.outDir, content)
        : usingDemo
          ? 'timbrefold-demo.wav'
          : 'timbrefold-result.wav'),
    ...(flags.region && { region: flags.region }),
    backend: flags.backend,
    previewEvery: 0,
  };
}

/** What the reader noticed about the inputs, on stderr beside the progress bar. */
function printWarnings(warnings: readonly string[] | undefined): void {
  for (const warning of warnings ?? []) process.stderr.write(`\ntimbrefold: warning: ${warning}\n`);
}

/** DIR/NAME.wav for the content NAME.wav: a batch's result is named after its input. */
function outputIn(dir: string, content: string): string {
  return join(dir, `${basename(content, extname(content))}.wav`);
}

/** The batch a set of flags stands for: one item per --content, written into --out-dir. */
export function batchItemsOf(
  flags: TransferFlags,
  request: TransferRequest,
): { content: string; output: string }[] {
  const contents = contentsOf(flags);
  if (contents.length > 1 && flags.outDir === undefined)
    throw new ParameterError(
      '--out-dir',
      `${contents.length} --content files need --out-dir DIR (one result each, named after its input), not --out.`,
    );
  if (flags.outDir !== undefined && flags.out !== undefined)
    throw new ParameterError('--out', 'Give either --out FILE or --out-dir DIR, not both.');
  if (flags.outDir === undefined) return [{ content: request.content, output: request.output }];
  const dir = flags.outDir;
  return contents.map((content) => ({ content, output: outputIn(dir, content) }));
}

export function registerTransferCommand(program: Command): void {
  const command = program
    .command('transfer')
    .description(
      'Render the content sound with the timbre of the style sound(s). With no inputs, runs on the bundled demo sounds.',
    )
    .option(
      '--content <file>',
      'the content sound (WAV); repeat for several (with --out-dir)',
      collect(String),
      [],
    )
    .option('--style <file>', 'a style sound (WAV); repeat for several', collect(String), [])
    .option(
      '--style-weight <w>',
      'weight of the matching --style (default 1)',
      collect(parseNumber('--style-weight', 1e-6, 1e6)),
      [],
    )
    .option('--out <file>', 'the result WAV (a .recipe.json is written beside it)')
    .option(
      '--out-dir <dir>',
      'a folder for the results: one WAV (and recipe) per --content, named after it',
    )
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
      'a model in the model cache, for a method that uses one: a classifier for cnn (default: the shipped demo), a generator for fast',
    )
    .option('--models <dir>', 'the model cache folder (default: the app’s user-data folder)')
    .option(
      '--region <start:end>',
      'transfer only this part of the content, in seconds',
      parseRegion,
    )
    .option(...backendOption())
    .option('--json', 'one JSON object per progress event, then a summary object');
  // Every method's settings, as declared in its folder (src/main/methods/<name>/parameters.ts).
  addParameterOptions(command, METHODS);
  command.action(async (flags: TransferFlags) => {
    const request = transferRequestOf(flags);
    const items = batchItemsOf(flags, request);
    if (flags.outDir !== undefined) {
      await mkdir(flags.outDir, { recursive: true });
      await runBatch(request, items, flags.json ?? false);
      return;
    }
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
          if (!flags.json) printWarnings(progress.warnings);
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
            remaining: remainingText(progress.remainingSeconds),
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

/** Several contents in one engine job: the method (its model) is opened once. */
async function runBatch(
  request: TransferRequest,
  items: { content: string; output: string }[],
  json: boolean,
): Promise<void> {
  const bar = json
    ? undefined
    : createProgressBar(items.length, ' {bar} {value}/{total} clips | {phase} | {elapsed} s');
  const started = performance.now();
  const results = await cancelOnInterrupt((signal) =>
    createEngineJobRunner().run(
      'transfer-batch',
      { request, items },
      {
        signal,
        onProgress: (progress) => {
          if (!json) printWarnings(progress.warnings);
          if (json) {
            process.stdout.write(
              `${JSON.stringify({ event: 'progress', ...progress, preview: undefined })}\n`,
            );
            return;
          }
          bar?.update(progress.batch?.index ?? 0, {
            phase: progress.phase.padEnd(14),
            elapsed: ((performance.now() - started) / 1000).toFixed(1),
          });
        },
      },
    ),
  );
  bar?.update(items.length, { phase: 'done'.padEnd(14), elapsed: '' });
  bar?.stop();
  if (json) {
    process.stdout.write(`${JSON.stringify({ event: 'done', results })}\n`);
    return;
  }
  for (const result of results)
    process.stdout.write(`Wrote ${result.output} and ${result.recipe}\n`);
  process.stdout.write(
    `${results.length} result${results.length === 1 ? '' : 's'} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}
