// The headless face of Timbrefold: the same services the app uses, from a terminal.
import { Command, CommanderError } from 'commander';
import { registerClassifyCommand } from './classify-command';
import { registerConvertCommand } from './convert-command';
import { registerEvaluateCommand } from './evaluate-command';
import { registerInfoCommand } from './info-command';
import { registerModelsCommand } from './models-command';
import { registerResynthCommand } from './resynth-command';
import { registerSpectrogramCommand } from './spectrogram-command';
import { registerTrainCommand } from './train-command';
import { registerTransferCommand } from './transfer-command';
import { describeFailure } from './failure';
import { createEngineJobRunner } from '../worker/engine-jobs';
import { packageVersion } from '../app/version';

export function buildProgram(): Command {
  const program = new Command('timbrefold')
    .description(
      'Neural style transfer of sound, offline. Headless tools for the Timbrefold engine.',
    )
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerTransferCommand(program);
  registerInfoCommand(program);
  registerConvertCommand(program);
  registerSpectrogramCommand(program);
  registerResynthCommand(program);
  registerTrainCommand(program, { runner: createEngineJobRunner });
  registerClassifyCommand(program, { runner: createEngineJobRunner });
  registerModelsCommand(program);
  registerEvaluateCommand(program, { runner: createEngineJobRunner });
  return program;
}

/** Runs the CLI and returns the process exit code; never throws for a user's mistake. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    // A command that finished but failed in part (classify with an unreadable file) sets it.
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (usage errors, --help, --version).
      return error.exitCode === 0 ? 0 : 2;
    }
    const failure = describeFailure(error);
    process.stderr.write(`timbrefold: ${failure.message}\n`);
    if (failure.internal || process.env['TIMBREFOLD_DEBUG']) {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    }
    return failure.exitCode;
  }
}
