// `timbrefold classify --model NAME FILE...`: each file's class and class probabilities, from a
// classifier in the model cache (seed 000's consistency check; sorting a sample library).
import type { Command } from 'commander';
import type { BackendChoice } from '../../shared/transfer';
import { defaultModelsFolder, shippedModelsFolder } from '../models/locations';
import { createEngineJobRunner, type EngineJobRunner } from '../worker/engine-jobs';
import type { ClassifyRequest, FileClassification } from '../training/classify-job';
import { cancelOnInterrupt } from './interrupt';
import { backendOption } from './parse-options';
import type { CnnCommandOptions } from './train-command';

/** The flags of a command that classifies files with a classifier of the model cache. */
export interface ClassifierFlags {
  model: string;
  models?: string;
  backend: BackendChoice;
}

interface ClassifyFlags extends ClassifierFlags {
  json?: boolean;
}

/** --model, --models and --backend, as every classifying command takes them. */
export function addClassifierOptions(command: Command): Command {
  return command
    .requiredOption('--model <name>', 'a classifier in the model cache')
    .option('--models <dir>', 'the model cache folder (default: the app’s user-data folder)')
    .option(...backendOption());
}

/** The files classified in the engine worker (Ctrl-C cancels); a file that fails gets its error. */
export function classifyInWorker(
  files: string[],
  flags: ClassifierFlags,
  runner: EngineJobRunner,
): Promise<FileClassification[]> {
  const request: ClassifyRequest = {
    model: flags.model,
    files,
    modelsDir: flags.models ?? defaultModelsFolder(),
    shippedModelsDirs: [shippedModelsFolder()],
    backend: flags.backend,
  };
  return cancelOnInterrupt((signal) => runner.run('classify', request, { signal }));
}

export function registerClassifyCommand(program: Command, options: CnnCommandOptions = {}): void {
  const command = program
    .command('classify')
    .description(
      'Print the class a trained classifier gives each sound file, with the class probabilities.',
    )
    .argument('<files...>', 'the WAV files to classify');
  addClassifierOptions(command)
    .option('--json', 'print a JSON array of {file, class, probabilities}')
    .action(async (files: string[], flags: ClassifyFlags) => {
      const runner = (options.runner ?? createEngineJobRunner)();
      const results = await classifyInWorker(files, flags, runner);
      if (flags.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
      else
        for (const r of results) {
          if ('error' in r) {
            process.stdout.write(`${r.file}: cannot classify: ${r.error}\n`);
            continue;
          }
          const ranked = Object.entries(r.probabilities)
            .sort(([, a], [, b]) => b - a)
            .map(([name, p]) => `${name} ${(100 * p).toFixed(1)}%`)
            .join(', ');
          process.stdout.write(`${r.file}: ${r.class} (${ranked})\n`);
        }
      // A file that could not be classified makes the command fail, after the others are shown.
      if (results.some((r) => 'error' in r)) process.exitCode = 1;
    });
}
