// `timbrefold evaluate tsne --model CLASSIFIER --data DIR --out PLOT.png`: seed 000's figure 3.
// The features are taken and mapped in the engine worker; the picture is drawn here.
import type { Command } from 'commander';
import { CLUSTER_SEED_RANGE, EMBEDDING_LABELS } from '../../shared/ipc-evaluation';
import type { BackendChoice } from '../../shared/transfer';
import {
  EMBEDDING_METHODS,
  type ClusterReport,
  type ClusterRequest,
  type EmbeddingMethod,
} from '../evaluation/cluster-features';
import { writeFileAtomic } from '../fs/atomic-write';
import { defaultModelsFolder, shippedModelsFolder } from '../models/locations';
import { renderScatterPlot } from '../plot/scatter-plot';
import { createEngineJobRunner } from '../worker/engine-jobs';
import { cancelOnInterrupt } from './interrupt';
import { backendOption, parseChoice, parseInteger } from './parse-options';
import { createProgressBar } from './progress';
import type { CnnCommandOptions } from './train-command';

interface TsneFlags {
  model: string;
  data: string;
  out: string;
  layer?: string;
  seed: number;
  method: EmbeddingMethod;
  models?: string;
  backend: BackendChoice;
  json?: boolean;
}

/** The map as a PNG: one colour per class, a legend, axes. */
export function clusterPicture(report: ClusterReport): Uint8Array {
  const name = EMBEDDING_LABELS[report.method];
  return renderScatterPlot(
    report.points.map((p) => ({ x: p.x, y: p.y, group: report.classes.indexOf(p.class) })),
    {
      title: `${name} of ${report.model}'s ${report.layer} features`,
      subtitle: `${report.points.length} clips, ${report.features} features each, seed ${report.seed}`,
      xLabel: `${name} 1`,
      yLabel: `${name} 2`,
      groups: report.classes,
      width: 900,
      height: 620,
    },
  );
}

export function registerTsneCommand(evaluate: Command, options: CnnCommandOptions = {}): void {
  evaluate
    .command('tsne')
    .description(
      'Map each clip of a folder of class folders by a classifier’s features (its last pooling layer by default) to two dimensions with t-SNE (or UMAP) and draw the map (seed 000, figure 3).',
    )
    .requiredOption('--model <name>', 'the source classes’ classifier, in the model cache')
    .requiredOption('--data <dir>', 'a folder with one subfolder of WAV clips per class')
    .requiredOption('--out <file.png>', 'the picture to write')
    .option('--layer <name>', 'the activation to map (default: the last pooling layer)')
    .option(
      '--seed <n>',
      'seed of the map’s starting layout',
      parseInteger('--seed', CLUSTER_SEED_RANGE.min, CLUSTER_SEED_RANGE.max),
      CLUSTER_SEED_RANGE.default,
    )
    .option(
      '--method <name>',
      EMBEDDING_METHODS.join(' or '),
      parseChoice('--method', EMBEDDING_METHODS),
      EMBEDDING_METHODS[0],
    )
    .option('--models <dir>', 'the model cache folder (default: the app’s user-data folder)')
    .option(...backendOption())
    .option(
      '--json',
      'print one JSON object: {model, layer, method, classes, points: [{file, class, x, y}]}',
    )
    .action(async (flags: TsneFlags) => {
      const request: ClusterRequest = {
        model: flags.model,
        modelsDir: flags.models ?? defaultModelsFolder(),
        shippedModelsDirs: [shippedModelsFolder()],
        data: flags.data,
        method: flags.method,
        seed: flags.seed,
        backend: flags.backend,
        ...(flags.layer !== undefined && { layer: flags.layer }),
      };
      const bar = flags.json ? undefined : createProgressBar(1, ' {bar} {phase} {value}/{total}');
      const runner = (options.runner ?? createEngineJobRunner)();
      let report: ClusterReport;
      try {
        report = await cancelOnInterrupt((signal) =>
          runner.run('cluster', request, {
            signal,
            onProgress: (p) => {
              bar?.setTotal(Math.max(1, p.total));
              bar?.update(p.done, { phase: p.phase });
            },
          }),
        );
      } finally {
        bar?.stop();
      }
      // Never over one of the clips it was made of.
      await writeFileAtomic(flags.out, clusterPicture(report), {
        protect: report.points.map((p) => p.file),
      });
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ ...report, picture: flags.out }, null, 2)}\n`);
        return;
      }
      const lines = [
        `${EMBEDDING_LABELS[report.method]} of ${report.points.length} clips (${report.classes.join(', ')}) by ${report.model}'s ${report.layer}: ${flags.out}`,
      ];
      if (report.resampled.files > 0)
        lines.push(
          `${report.resampled.files} file${report.resampled.files === 1 ? ' was' : 's were'} resampled to the classifier's rate, ${report.resampled.toRate} Hz.`,
        );
      for (const s of report.skipped) lines.push(`skipped: ${s.reason}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
