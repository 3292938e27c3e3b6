// The settings both transfer methods take under the same names on the command line (and from the
// app's start requests), mapped once to the settings they override.
import type { ShallowSettings } from '../../shared/transfer';

/** Flags the shallow and the trained-CNN transfers share; undefined means the preset's value. */
export interface CommonTransferFlags {
  seed?: number;
  alpha?: number;
  beta?: number;
  start?: ShallowSettings['start'];
  optimiser?: ShallowSettings['optimiser'];
  iterations?: number;
  learningRate?: number;
  phaseMethod?: ShallowSettings['phaseMethod'];
  phaseIterations?: number;
  phaseStart?: ShallowSettings['phaseStart'];
  channels?: ShallowSettings['channelMode'];
  windowSeconds?: number;
}

/** The shared flags as settings overrides (alpha is the content weight, beta the style weight). */
export function commonOverrides(flags: CommonTransferFlags) {
  return {
    seed: flags.seed,
    contentWeight: flags.alpha,
    styleWeight: flags.beta,
    start: flags.start,
    optimiser: flags.optimiser,
    iterations: flags.iterations,
    learningRate: flags.learningRate,
    phaseMethod: flags.phaseMethod,
    phaseIterations: flags.phaseIterations,
    phaseStart: flags.phaseStart,
    channelMode: flags.channels,
    windowSeconds: flags.windowSeconds,
  };
}

/** The entries of `record` that are set: an override left undefined must not hide the preset's value. */
export function definedOnly<T extends object>(record: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
