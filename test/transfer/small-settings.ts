import type { ShallowSettings } from '../../src/main/methods/shallow/parameters';

/** A network and STFT small enough for tests to run in seconds on two cores, same code paths. */
export const smallSettings: Partial<ShallowSettings> = {
  analysisRate: 8000,
  nFft: 512,
  hop: 128,
  filters: 64,
  kernelWidth: 5,
  iterations: 6,
  phaseIterations: 6,
  phaseMethod: 'fgla',
};
