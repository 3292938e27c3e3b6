import type { Command } from 'commander';
import { createEngineJobRunner } from '../worker/engine-jobs';
import type { ResynthesisJobParams } from '../services/resynthesis-job';
import { cancelOnInterrupt } from './interrupt';
import { parseChoice, parseInteger, parsePowerOfTwo } from './parse-options';
import { createProgressBar } from './progress';

interface ResynthFlags {
  iters: number;
  method: 'gl' | 'fgla';
  phase: 'random' | 'zero';
  nFft: number;
  hop?: number;
  seed: number;
  json?: boolean;
}

export function registerResynthCommand(program: Command): void {
  program
    .command('resynth')
    .description(
      'Rebuild a sound from its STFT magnitude alone (Griffin-Lim) and report the spectral convergence.',
    )
    .argument('<in>', 'the WAV file to read')
    .argument('<out>', 'the WAV file to write')
    .option(
      '--iters <n>',
      'phase reconstruction iterations',
      parseInteger('--iters', 1, 10000),
      100,
    )
    .option(
      '--method <name>',
      'gl (Griffin-Lim) or fgla (fast Griffin-Lim)',
      parseChoice('--method', ['gl', 'fgla'] as const),
      'fgla',
    )
    .option(
      '--phase <start>',
      'starting phase: random or zero',
      parseChoice('--phase', ['random', 'zero'] as const),
      'random',
    )
    .option(
      '--n-fft <n>',
      'FFT size, a power of two from 256 to 8192',
      parsePowerOfTwo('--n-fft', 256, 8192),
      2048,
    )
    .option('--hop <n>', 'hop in samples (default n-fft / 4)', parseInteger('--hop', 1, 8192))
    .option(
      '--seed <n>',
      'seed of the random starting phase',
      parseInteger('--seed', 0, 2 ** 31 - 1),
      0,
    )
    .option('--json', 'print the result as one JSON object')
    .action(async (input: string, output: string, flags: ResynthFlags) => {
      const started = performance.now();
      let totalIterations = 0;
      const bar = createProgressBar(
        flags.iters,
        ' {bar} {percentage}% | channel {channel} | iteration {value}/{total} | SC {sc} | ETA {eta}s',
      );
      const params: ResynthesisJobParams = {
        input,
        output,
        options: {
          nFft: flags.nFft,
          hop: flags.hop ?? flags.nFft / 4,
          iterations: flags.iters,
          method: flags.method,
          initialPhase: flags.phase,
          seed: flags.seed,
        },
      };
      const result = await cancelOnInterrupt((signal) =>
        createEngineJobRunner().run('resynth', params, {
          signal,
          onProgress: ({ channel, iteration, spectralConvergence }) => {
            totalIterations++;
            bar.update(iteration, {
              channel: String(channel + 1),
              sc: spectralConvergence.toFixed(4),
            });
          },
        }),
      );
      bar.stop();
      const seconds = (performance.now() - started) / 1000;
      if (flags.json) {
        process.stdout.write(
          `${JSON.stringify({ output, method: flags.method, iterations: flags.iters, spectralConvergence: result.spectralConvergence, wallSeconds: seconds })}\n`,
        );
        return;
      }
      const perChannel = result.spectralConvergence
        .map(
          (sc, ch) =>
            `channel ${ch + 1}: ${sc.toFixed(4)} (${(20 * Math.log10(sc)).toFixed(1)} dB)`,
        )
        .join(', ');
      process.stdout.write(
        `Wrote ${output} after ${totalIterations} ${flags.method} iterations in ${seconds.toFixed(1)} s\nSpectral convergence ${perChannel}\n`,
      );
    });
}
