// `timbrefold evaluate curves RESULT.recipe.json --out CURVES.png`: seed 001's figures 2 and 3
// from the history a render kept in its recipe.
import type { Command } from 'commander';
import { readRecipeCurves, type RecipeCurves } from '../evaluation/curves';
import { writeFileAtomic } from '../fs/atomic-write';
import { renderLinePlot } from '../plot/line-plot';

interface CurvesFlags {
  out?: string;
  json?: boolean;
}

/** Loss terms on a log scale beside the content correlation, over the render's iterations. */
export function curvesPicture(curves: RecipeCurves): Uint8Array {
  const terms = Object.keys(curves.history[0]!.losses);
  return renderLinePlot(
    [
      {
        title: 'Loss (log scale)',
        yLabel: 'loss',
        log: true,
        series: terms.map((term) => ({
          name: term,
          values: curves.history.map((r) => r.losses[term] ?? null),
        })),
      },
      {
        title: 'Envelope correlation with the content',
        yLabel: 'correlation',
        log: false,
        series: [{ name: 'correlation', values: curves.history.map((r) => r.contentCorrelation) }],
      },
    ],
    {
      title: `Curves of ${curves.recipe}`,
      subtitle: `${curves.method}, preset ${curves.preset}, ${curves.summary.iterations} iterations over every window and stream`,
      xLabel: 'iteration',
      width: 1100,
      height: 480,
    },
  );
}

export function registerCurvesCommand(evaluate: Command): void {
  evaluate
    .command('curves')
    .description(
      'Draw a render’s loss terms per iteration (log scale) and the correlation of each iterate’s envelope with the content’s, from its recipe (seed 001, figures 2 and 3).',
    )
    .argument('<recipe>', 'the .recipe.json beside a result')
    .option('--out <file.png>', 'the picture to write')
    .option('--json', 'print one JSON object: {recipe, method, summary, history}')
    .action(async (recipe: string, flags: CurvesFlags) => {
      const curves = await readRecipeCurves(recipe);
      if (flags.out) await writeFileAtomic(flags.out, curvesPicture(curves), { protect: [recipe] });
      if (flags.json) {
        process.stdout.write(
          `${JSON.stringify({ ...curves, ...(flags.out && { picture: flags.out }) }, null, 2)}\n`,
        );
        return;
      }
      const s = curves.summary;
      const lines = [
        `${recipe}: ${curves.method}, ${s.iterations} iterations`,
        ...Object.entries(s.losses).map(
          ([term, v]) =>
            `  ${term.padEnd(10)} ${v.first.toPrecision(4)} -> ${v.last.toPrecision(4)}`,
        ),
        `  content correlation ${s.contentCorrelation.first?.toFixed(3) ?? '-'} -> ${s.contentCorrelation.last?.toFixed(3) ?? '-'}`,
      ];
      if (flags.out) lines.push(`Curves: ${flags.out}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
