// `timbrefold models list|show|delete|import|export`: the model cache from a terminal.
import type { Command } from 'commander';
import { defaultModelsFolder, shippedModelsFolder } from '../models/locations';
import { exportModel, importModel } from '../models/model-bundle';
import { ModelCache, readModel, type ListedModel } from '../models/model-cache';

interface CacheFlags {
  models?: string;
  json?: boolean;
}

function cacheOf(flags: CacheFlags): ModelCache {
  return new ModelCache({
    dir: flags.models ?? defaultModelsFolder(),
    shipped: [shippedModelsFolder()],
  });
}

const percent = (v: number | null): string =>
  v === null ? 'no held-out clips' : `${(100 * v).toFixed(1)}% held-out`;

function describe(m: ListedModel): string {
  const where = m.shipped ? ' [shipped]' : '';
  if (m.status === 'damaged') return `${m.name}${where}: DAMAGED (${m.problem})`;
  const x = m.manifest;
  if (x.kind === 'generator')
    return `${m.name}${where}: generator for the style ${x.style.name} through ${x.lossNetwork.name}; held-out loss ${x.loss.heldOut === null ? '-' : x.loss.heldOut.toFixed(3)}; ${x.spectrogram.sampleRate} Hz, n_fft ${x.spectrogram.nFft}; ${(m.bytes / 1024).toFixed(0)} KiB; ${x.createdAt.slice(0, 10)}`;
  if (x.kind === 'cyclegan') {
    const last = x.history.at(-1);
    return `${m.name}${where}: CycleGAN between ${x.classes[0]} and ${x.classes[1]} (both directions); ${x.training.epochs} epochs${last ? `, last cycle loss ${last.cycle.toFixed(3)}` : ''}; ${x.spectrogram.sampleRate} Hz, n_fft ${x.spectrogram.nFft}; ${(m.bytes / 1024).toFixed(0)} KiB; ${x.createdAt.slice(0, 10)}`;
  }
  return `${m.name}${where}: ${x.architecture} classifier of ${x.classes.join(', ')}; ${percent(x.accuracy.heldOut)}; ${x.spectrogram.sampleRate} Hz, n_fft ${x.spectrogram.nFft}; ${(m.bytes / 1024).toFixed(0)} KiB; ${x.createdAt.slice(0, 10)}`;
}

export function registerModelsCommand(program: Command): void {
  const models = program
    .command('models')
    .description('List, inspect, delete, import and export trained models.');
  const common = (command: Command): Command =>
    command.option(
      '--models <dir>',
      'the model cache folder (default: the app’s user-data folder)',
    );

  common(models.command('list').description('List the models, the shipped ones too.'))
    .option('--json', 'print a JSON array')
    .action(async (flags: CacheFlags) => {
      const list = await cacheOf(flags).list();
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      if (list.length === 0) process.stdout.write(`No models in ${cacheOf(flags).dir}.\n`);
      for (const m of list) process.stdout.write(`${describe(m)}\n`);
    });

  common(models.command('show').description('Print a model’s manifest.').argument('<name>')).action(
    async (name: string, flags: CacheFlags) => {
      // Checked (manifest, weights' size and hash) but not decoded: decoding makes tensors,
      // and this process starts no engine backend (every model was reported damaged).
      const { manifest } = await readModel(await cacheOf(flags).locate(name));
      process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
    },
  );

  common(
    models.command('delete').description('Delete a model from the cache.').argument('<name>'),
  ).action(async (name: string, flags: CacheFlags) => {
    await cacheOf(flags).delete(name);
    process.stdout.write(`Deleted ${name}.\n`);
  });

  common(
    models
      .command('export')
      .description('Write a model to one file, to copy to another machine.')
      .argument('<name>')
      .argument('<file>', 'the file to write (e.g. NAME.tfmodel)'),
  ).action(async (name: string, file: string, flags: CacheFlags) => {
    await exportModel(cacheOf(flags), name, file);
    process.stdout.write(`Exported ${name} to ${file}.\n`);
  });

  common(
    models
      .command('import')
      .description('Add a model from an exported file (checked before anything is written).')
      .argument('<file>')
      .option('--name <name>', 'the name to give it (default: its own)')
      .option('--replace', 'replace a model of the same name'),
  ).action(async (file: string, flags: CacheFlags & { name?: string; replace?: boolean }) => {
    const manifest = await importModel(cacheOf(flags), file, {
      ...(flags.name !== undefined && { name: flags.name }),
      replace: flags.replace ?? false,
    });
    process.stdout.write(`Imported ${manifest.name}.\n`);
  });
}
