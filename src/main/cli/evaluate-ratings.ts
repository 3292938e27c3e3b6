// `timbrefold evaluate ratings PROJECT_DIR`: the project's blind listening ratings per pair and
// method (seed 001, table 2), as a table, JSON or CSV.
import type { Command } from 'commander';
import {
  ratingsCsv,
  REFERENCE,
  summariseRatings,
  type RatingsSummary,
} from '../evaluation/ratings';
import { writeFileAtomic } from '../fs/atomic-write';
import { projectFile, readProjectFile } from '../project/project-files';

interface RatingsFlags {
  csv?: string;
  json?: boolean;
}

export function formatRatings(summary: RatingsSummary): string {
  const lines = [
    `${summary.project}: ${summary.rated} of ${summary.results} results rated (blind, 1 to 5)`,
  ];
  if (summary.groups.length === 0) {
    lines.push('No result has been rated yet: rate results in the A/B panel’s blind mode.');
    return `${lines.join('\n')}\n`;
  }
  const pair = (g: RatingsSummary['groups'][number]) =>
    g.method === REFERENCE ? `${g.content} (the content itself)` : `${g.content} <- ${g.styles}`;
  const width = Math.max(4, ...summary.groups.map((g) => pair(g).length));
  const method = Math.max(6, ...summary.groups.map((g) => g.method.length));
  lines.push(
    '',
    `${'pair'.padEnd(width)}  ${'method'.padEnd(method)}  count   mean    std  range`,
    ...summary.groups.map(
      (g) =>
        `${pair(g).padEnd(width)}  ${g.method.padEnd(method)}  ${String(g.count).padStart(5)}  ${g.mean.toFixed(2).padStart(5)}  ${(g.std === null ? '-' : g.std.toFixed(2)).padStart(5)}  ${g.min}-${g.max}`,
    ),
  );
  return `${lines.join('\n')}\n`;
}

export function registerRatingsCommand(evaluate: Command): void {
  evaluate
    .command('ratings')
    .description(
      'Summarise a project’s blind listening ratings per pair (content and styles) and method: mean, count, spread (seed 001, table 2).',
    )
    .argument('<project>', 'a Timbrefold project folder')
    .option('--csv <file>', 'also write the summary as CSV, one line per pair and method')
    .option('--json', 'print one JSON object: {project, rated, results, groups}')
    .action(async (project: string, flags: RatingsFlags) => {
      const summary = summariseRatings(await readProjectFile(project));
      // Never over the project file itself.
      if (flags.csv)
        await writeFileAtomic(flags.csv, ratingsCsv(summary), { protect: [projectFile(project)] });
      process.stdout.write(
        flags.json ? `${JSON.stringify(summary, null, 2)}\n` : formatRatings(summary),
      );
    });
}
