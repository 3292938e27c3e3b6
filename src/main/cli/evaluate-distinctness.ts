// `timbrefold evaluate distinctness --data DIR`: seed 000's tables 2 and 3. A classifier is
// trained (and thrown away) per fold in the engine worker; the held-out files' accuracy,
// per-class precision and recall and the confusion matrix are printed as tables or one JSON object.
import type { Command } from 'commander';
import type { BackendChoice } from '../../shared/transfer';
import { ARCHITECTURES, type ArchitectureName } from '../engine/cnn/architectures';
import type { DistinctnessReport, DistinctnessRequest } from '../evaluation/distinctness';
import { DISTINCTNESS_HOLD_OUT } from '../evaluation/distinctness';
import { createEngineJobRunner } from '../worker/engine-jobs';
import { cancelOnInterrupt } from './interrupt';
import { backendOption, parseChoice, parseInteger, parseNumber, withGiven } from './parse-options';
import { createProgressBar, remainingText } from './progress';
import { addTrainingSettingOptions, type CnnCommandOptions } from './train-command';

interface DistinctnessFlags {
  data: string;
  folds?: number;
  arch: ArchitectureName;
  epochs?: number;
  lr?: number;
  width?: number;
  batchSize?: number;
  cropSeconds?: number;
  cropsPerClip?: number;
  holdOut?: number;
  seed?: number;
  backend: BackendChoice;
  json?: boolean;
}

const percent = (value: number | null): string =>
  value === null ? '-' : `${(100 * value).toFixed(1)}%`;

/** The readable form: accuracy, a per-class table, the confusion matrix. */
export function formatDistinctness(report: DistinctnessReport): string {
  const names = report.classes.map((c) => c.name);
  const width = Math.max(5, ...names.map((n) => n.length));
  const how =
    report.folds === 1
      ? `one split, ${percent(report.settings.holdOut)} of each class's files held out`
      : `${report.folds}-fold cross-validation, every file held out once`;
  const lines = [
    `${report.data}: ${report.classes.length} classes, ${report.tested} files tested (${how}), ${report.architecture} width ${report.settings.width}, ${report.settings.epochs} epochs, ${report.seconds.toFixed(1)} s on ${report.backend}`,
    `accuracy ${percent(report.accuracy)}`,
    '',
    `${'class'.padEnd(width)}  ${'files'.padStart(5)}  ${'recall'.padStart(7)}  ${'precision'.padStart(9)}`,
    ...report.classes.map(
      (c) =>
        `${c.name.padEnd(width)}  ${String(c.files).padStart(5)}  ${percent(c.recall).padStart(7)}  ${percent(c.precision).padStart(9)}`,
    ),
    '',
    'confusion (rows: the true class, columns: what the classifier said)',
    `${''.padEnd(width)}  ${names.map((n) => n.padStart(width)).join('  ')}`,
    ...report.confusion.map(
      (row, k) =>
        `${names[k]!.padEnd(width)}  ${row.map((n) => String(n).padStart(width)).join('  ')}`,
    ),
  ];
  if (report.resampled.files > 0)
    lines.push(
      `${report.resampled.files} file${report.resampled.files === 1 ? ' was' : 's were'} resampled to the analysis rate, ${report.resampled.toRate} Hz.`,
    );
  for (const s of report.skipped) lines.push(`skipped: ${s.reason}`);
  return `${lines.join('\n')}\n`;
}

export function registerDistinctnessCommand(
  evaluate: Command,
  options: CnnCommandOptions = {},
): void {
  const command = evaluate
    .command('distinctness')
    .description(
      'Train a classifier on a folder of class folders (source, dummy and generated classes) and test it on held-out files: accuracy, per-class precision and recall, confusion matrix (seed 000, tables 2 and 3). No model is kept.',
    )
    .requiredOption('--data <dir>', 'a folder with one subfolder of WAV clips per class')
    .option(
      '--folds <k>',
      'cross-validation folds: every file is tested once (default 1: one split, --hold-out tested)',
      parseInteger('--folds', 1, 100),
    )
    .option(
      '--arch <name>',
      ARCHITECTURES.join(' or '),
      parseChoice('--arch', ARCHITECTURES),
      'verma-smith',
    );
  addTrainingSettingOptions(command)
    .option(
      '--hold-out <share>',
      `with one split, the share of each class’s files tested (default ${DISTINCTNESS_HOLD_OUT.toFixed(3)})`,
      parseNumber('--hold-out', 0.01, 0.9),
    )
    .option(
      '--seed <n>',
      'seed of the split, weights and crops',
      parseInteger('--seed', 0, 2 ** 31 - 1),
    )
    .option(...backendOption())
    .option(
      '--json',
      'print one JSON object: {accuracy, classes: [{name, files, recall, precision}], confusion, files, ...}',
    )
    .action(async (flags: DistinctnessFlags) => {
      const request = withGiven<DistinctnessRequest>(
        { data: flags.data, architecture: flags.arch, backend: flags.backend },
        {
          folds: flags.folds,
          epochs: flags.epochs,
          learningRate: flags.lr,
          width: flags.width,
          batchSize: flags.batchSize,
          cropSeconds: flags.cropSeconds,
          cropsPerClip: flags.cropsPerClip,
          holdOut: flags.holdOut,
          seed: flags.seed,
        },
      );
      // The bar is on stderr: stdout holds only the table or the JSON.
      const bar = flags.json
        ? undefined
        : createProgressBar(
            1,
            ' {bar} {phase} | loss {loss} | crops {accuracy} | {remaining} left',
          );
      const runner = (options.runner ?? createEngineJobRunner)();
      let report: DistinctnessReport;
      try {
        report = await cancelOnInterrupt((signal) =>
          runner.run('distinctness', request, {
            signal,
            onProgress: (p) => {
              bar?.setTotal(Math.max(1, p.total));
              bar?.update(p.done, {
                phase:
                  p.phase === 'loading'
                    ? 'reading clips'
                    : `fold ${p.fold + 1}/${p.folds} ${p.phase === 'training' ? `epoch ${Math.min(p.done + 1, p.total)}/${p.total}` : 'testing'}`,
                loss: p.loss?.toFixed(4) ?? '-',
                accuracy: p.accuracy === undefined ? '-' : percent(p.accuracy),
                remaining: remainingText(p.remainingSeconds),
              });
            },
          }),
        );
      } finally {
        bar?.stop();
      }
      process.stdout.write(
        flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatDistinctness(report),
      );
    });
}
