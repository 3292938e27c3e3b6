// Golden audio for phase resynthesis, driven through the public command line
// (`node bin/timbrefold.js resynth IN OUT --phase zero ...`, see ./golden.ts), so that it keeps
// passing unchanged while src/ is restructured. --phase zero makes it deterministic without a seed.
//
// Cases (./cases.ts): the drum groove's first 2 s, written here as a 32-bit float WAV (so that
// resynth, which keeps the input's sample format, writes float too), rebuilt with
//  - resynth-drums-fgla-zero: fast Griffin-Lim, 16 iterations, n_fft 2048;
//  - resynth-drums-gl-zero: plain Griffin-Lim, 16 iterations, n_fft 1024.
//
// References: test/golden/references/<case>.wav, 32-bit float, written by
//   TIMBREFOLD_REFRESH_GOLDEN=1 node scripts/run-tests.js test/golden
// on the 2-core dev machine. That command re-renders every case, checks the render is valid and
// rewrites the reference; the tests then report "refreshed", not pass. Refresh only on purpose.
//
// Threshold: THRESHOLD_DB (-60 dB, reasoning in ./golden.ts). Measured for these cases: run to
// run bit-identical (resynth does not use the tfjs backend); --iters + 1: -23.2 dB (fgla) and
// -28.7 dB (gl). Each render takes about 1.5 s.
import { describe, test } from 'node:test';
import { resynthCases } from './cases';
import { checkGolden, scratchDir, THRESHOLD_DB } from './golden';

const dir = scratchDir('resynth');

describe('golden audio: resynthesis', () => {
  for (const golden of resynthCases(dir)) {
    test(`${golden.name} is within ${THRESHOLD_DB} dB of its reference`, (t) =>
      checkGolden(t, golden, dir, THRESHOLD_DB));
  }
});
