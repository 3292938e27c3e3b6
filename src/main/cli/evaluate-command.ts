// `timbrefold evaluate metrics|consistency` (and, from their own files, distinctness|tsne|curves|
// ratings): how good transfer results are, from the files alone.
// metrics: QUALITY.md's style gain and content-envelope correlation of each result; consistency:
// seed 000's table 1, the generated clips counted per class of a trained classifier.
import type { Command } from 'commander';
import { ParameterError } from '../../shared/user-error';
import { countClasses, type ClassCounts } from '../evaluation/class-counts';
import { EvaluationError } from '../evaluation/errors';
import { evaluateResultFiles, type ResultFilesReport } from '../evaluation/quality-files';
import { createEngineJobRunner } from '../worker/engine-jobs';
import { registerDistinctnessCommand } from './evaluate-distinctness';
import { registerTsneCommand } from './evaluate-tsne';
import { registerCurvesCommand } from './evaluate-curves';
import { registerRatingsCommand } from './evaluate-ratings';
import { addClassifierOptions, classifyInWorker, type ClassifierFlags } from './classify-command';
import type { CnnCommandOptions } from './train-command';

interface MetricsFlags {
  content: string;
  style: string[];
  json?: boolean;
}

interface ConsistencyFlags extends ClassifierFlags {
  json?: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

const clipInfo = (clip: { file: string; sampleRate: number; durationSeconds: number }): string =>
  `${clip.file} (${clip.sampleRate} Hz, ${clip.durationSeconds.toFixed(2)} s)`;

/** The readable form: what was compared, then one aligned line per result. */
export function formatMetricsTable(report: ResultFilesReport): string {
  const header = ['result', 'style gain', 'content corr.', 'rate', 'duration'];
  const width = Math.max(header[0]!.length, ...report.rows.map((r) => r.file.length));
  const lines = [
    `content: ${clipInfo(report.content)}`,
    ...report.styles.map((s) => `style:   ${clipInfo(s)}`),
    `metrics at ${report.content.sampleRate} Hz, mono (QUALITY.md)`,
    '',
    `${header[0]!.padEnd(width)}  ${header[1]!.padStart(10)}  ${header[2]!.padStart(13)}  ${header[3]!.padStart(8)}  ${header[4]!.padStart(8)}`,
  ];
  for (const row of report.rows) {
    if ('error' in row) {
      lines.push(`${row.file.padEnd(width)}  cannot measure: ${row.error}`);
      continue;
    }
    lines.push(
      `${row.file.padEnd(width)}  ${row.styleGain.toFixed(3).padStart(10)}  ${row.contentCorrelation.toFixed(3).padStart(13)}  ${`${row.sampleRate} Hz`.padStart(8)}  ${`${row.durationSeconds.toFixed(2)} s`.padStart(8)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The readable form of a consistency count: each class with its share of the files. */
export function formatClassCounts(model: string, counts: ClassCounts): string {
  const width = Math.max(...Object.keys(counts.counts).map((c) => c.length), 0);
  const lines = [`${model} classed ${counts.classified} of ${counts.files} files:`];
  for (const [name, n] of Object.entries(counts.counts))
    lines.push(
      `  ${name.padEnd(width)}  ${n} of ${counts.classified} (${((100 * n) / Math.max(1, counts.classified)).toFixed(1)}%)`,
    );
  for (const f of counts.failed) lines.push(`${f.file}: cannot classify: ${f.error}`);
  return `${lines.join('\n')}\n`;
}

export function registerEvaluateCommand(program: Command, options: CnnCommandOptions = {}): void {
  const evaluate = program
    .command('evaluate')
    .description(
      'Measure transfer results and models: metrics, consistency, distinctness, t-SNE maps, curves and listening ratings (METHODS.md section 6).',
    );

  evaluate
    .command('metrics')
    .description(
      'Style gain (1 = the style’s timbre, 0 = unchanged) and content-envelope correlation of each result, as QUALITY.md defines them.',
    )
    .argument('<results...>', 'the transfer results (WAV) to measure')
    .requiredOption('--content <file>', 'the content sound the results were made from')
    .option(
      '--style <file>',
      'the style sound; repeat for a class of styles (their mean profile)',
      collect,
      [],
    )
    .option('--json', 'print one JSON object per result, one a line')
    .action(async (results: string[], flags: MetricsFlags) => {
      if (flags.style.length === 0)
        throw new ParameterError('--style', 'Give the style sound with --style FILE.');
      const report = await evaluateResultFiles({
        content: flags.content,
        styles: flags.style,
        results,
      });
      if (flags.json)
        process.stdout.write(report.rows.map((row) => `${JSON.stringify(row)}\n`).join(''));
      else process.stdout.write(formatMetricsTable(report));
      // A result that could not be measured makes the command fail, after the others are shown.
      // Thrown rather than set as process.exitCode, which main()'s return value would overwrite.
      const failed = report.rows.filter((row) => 'error' in row).length;
      if (failed > 0)
        throw new EvaluationError(
          'INCOMPLETE',
          `${failed} of ${results.length} results could not be measured (see above).`,
        );
    });

  const consistency = evaluate
    .command('consistency')
    .description(
      'Classify generated clips with a trained classifier and count the clips in each class (seed 000, table 1).',
    )
    .argument('<files...>', 'the generated clips (WAV)');
  addClassifierOptions(consistency)
    .option('--json', 'print one JSON object: {model, files, classified, counts, failed}')
    .action(async (files: string[], flags: ConsistencyFlags) => {
      const runner = (options.runner ?? createEngineJobRunner)();
      const results = await classifyInWorker(files, flags, runner);
      const counts = countClasses(results);
      if (flags.json)
        process.stdout.write(`${JSON.stringify({ model: flags.model, ...counts }, null, 2)}\n`);
      else process.stdout.write(formatClassCounts(flags.model, counts));
      if (counts.failed.length > 0)
        throw new EvaluationError(
          'INCOMPLETE',
          `${counts.failed.length} of ${counts.files} files could not be classified (see above).`,
        );
    });

  registerDistinctnessCommand(evaluate, options);
  registerTsneCommand(evaluate, options);
  registerCurvesCommand(evaluate);
  registerRatingsCommand(evaluate);
}
