// Float audio can hold samples far beyond full scale (a +600 dBFS file is legal, if absurd).
// We keep such audio as it is rather than normalise it: the user's level is theirs to change,
// the analysis works at any level, and every result is peak-limited below full scale when it is
// written (transfer/finish-transfer.ts). What we owe the user is a warning where the file is read.
import type { Decibels } from '../../shared/units';

/** A sentence naming the file and its peak when that peak is above 0 dBFS; otherwise undefined. */
export function aboveFullScaleWarning(name: string, peakDb: Decibels | null): string | undefined {
  if (peakDb === null || !(peakDb > 0)) return undefined;
  return (
    `${name} peaks at +${peakDb.toFixed(1)} dBFS, above full scale (0 dBFS). It is used at its ` +
    'own level, not normalised (a result is still limited below full scale); lower its gain if ' +
    'that level is a mistake.'
  );
}
