// The CLI as src/main/cli.ts runs it, with the trained-network commands registered (until the
// lead registers them there): same error handling, same exit codes.
import { Command, CommanderError } from 'commander';
import { registerClassifyCommand } from '../../src/main/cli/classify-command';
import { describeFailure } from '../../src/main/cli/failure';
import { registerModelsCommand } from '../../src/main/cli/models-command';
import { registerTrainCommand } from '../../src/main/cli/train-command';

const program = new Command('timbrefold').exitOverride();
registerTrainCommand(program);
registerClassifyCommand(program);
registerModelsCommand(program);
try {
  await program.parseAsync(process.argv.slice(2), { from: 'user' });
} catch (error) {
  if (error instanceof CommanderError) process.exitCode = error.exitCode === 0 ? 0 : 2;
  else {
    const failure = describeFailure(error);
    process.stderr.write(`timbrefold: ${failure.message}\n`);
    if (failure.internal)
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = failure.exitCode;
  }
}
