import type { Command } from 'commander';
import { COLORMAPS, type ColormapName, type FrequencyScale } from '../dsp';
import { writeSpectrogramPicture } from '../services/spectrogram-picture';
import { parseChoice, parseInteger, parseNumber, parsePowerOfTwo } from './parse-options';

interface SpectrogramFlags {
  nFft: number;
  hop?: number;
  dbRange: number;
  scale: FrequencyScale;
  colormap: ColormapName;
  width: number;
  height: number;
}

export function registerSpectrogramCommand(program: Command): void {
  program
    .command('spectrogram')
    .description('Draw a spectrogram of a WAV file as a PNG picture, with time and frequency axes.')
    .argument('<in>', 'the WAV file to read (several channels are mixed to mono)')
    .argument('<out>', 'the PNG file to write')
    .option(
      '--n-fft <n>',
      'FFT size, a power of two from 256 to 8192',
      parsePowerOfTwo('--n-fft', 256, 8192),
      2048,
    )
    .option('--hop <n>', 'hop in samples (default n-fft / 4)', parseInteger('--hop', 1, 8192))
    .option(
      '--db-range <db>',
      'levels shown below the loudest cell, in dB',
      parseNumber('--db-range', 10, 200),
      80,
    )
    .option(
      '--scale <axis>',
      'frequency axis: linear, log or mel',
      parseChoice('--scale', ['linear', 'log', 'mel'] as const),
      'log',
    )
    .option(
      '--colormap <name>',
      `colour map: ${COLORMAPS.join(', ')}`,
      parseChoice('--colormap', COLORMAPS),
      'magma',
    )
    .option('--width <px>', 'picture width in pixels', parseInteger('--width', 200, 8000), 1200)
    .option('--height <px>', 'picture height in pixels', parseInteger('--height', 200, 4000), 600)
    .action(async (input: string, output: string, flags: SpectrogramFlags) => {
      await writeSpectrogramPicture(input, output, {
        nFft: flags.nFft,
        hop: flags.hop ?? flags.nFft / 4,
        dbRange: flags.dbRange,
        scale: flags.scale,
        colormap: flags.colormap,
        width: flags.width,
        height: flags.height,
      });
      process.stdout.write(`Wrote ${output} (${flags.width} x ${flags.height})\n`);
    });
}
