import type { Command } from 'commander';
import { describeAudioFile, formatAudioFileInfo } from '../services/audio-info';

export function registerInfoCommand(program: Command): void {
  program
    .command('info')
    .description(
      "Show a WAV file's format, length, sample peak and integrated loudness (ITU-R BS.1770).",
    )
    .argument('<file>', 'a WAV file')
    .option('--json', 'print one JSON object instead of text')
    .action(async (file: string, options: { json?: boolean }) => {
      const info = await describeAudioFile(file);
      process.stdout.write(
        options.json ? `${JSON.stringify(info, null, 2)}\n` : formatAudioFileInfo(info),
      );
    });
}
