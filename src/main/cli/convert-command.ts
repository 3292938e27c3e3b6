import type { Command } from 'commander';
import { convertAudioFile, type SampleFormat } from '../services/audio-convert';
import { parseChoice, parseInteger } from './parse-options';

const bitChoices = ['16', '24', '32f'] as const;
const sampleFormatOfBits: Record<(typeof bitChoices)[number], SampleFormat> = {
  '16': 'pcm16',
  '24': 'pcm24',
  '32f': 'float32',
};

interface ConvertFlags {
  rate?: number;
  bits?: (typeof bitChoices)[number];
  channels?: number;
  midSide?: boolean;
}

export function registerConvertCommand(program: Command): void {
  program
    .command('convert')
    .description(
      'Convert a WAV file: sample rate, bit depth, channels, mid/side. The input is never written.',
    )
    .argument('<in>', 'the WAV file to read')
    .argument('<out>', 'the WAV file to write (written atomically)')
    .option(
      '--rate <hz>',
      'output sample rate in Hz (8000 to 192000)',
      parseInteger('--rate', 8000, 192000),
    )
    .option(
      '--bits <depth>',
      'output sample format: 16, 24 (PCM, dithered) or 32f (float)',
      parseChoice('--bits', bitChoices),
    )
    .option(
      '--channels <n>',
      'output channel count: 1 (mixdown) or 2',
      parseInteger('--channels', 1, 2),
    )
    .option('--mid-side', 'encode stereo as mid (channel 1) and side (channel 2)')
    .action(async (input: string, output: string, flags: ConvertFlags) => {
      const result = await convertAudioFile(input, output, {
        ...(flags.rate !== undefined && { sampleRate: flags.rate }),
        ...(flags.bits !== undefined && { sampleFormat: sampleFormatOfBits[flags.bits] }),
        ...(flags.channels !== undefined && { channels: flags.channels }),
        midSide: flags.midSide === true,
      });
      const o = result.output;
      process.stdout.write(
        `Wrote ${output}: ${o.channels} channel(s), ${o.sampleRate} Hz, ${o.sampleFormat}, ${o.frames} samples\n`,
      );
    });
}
