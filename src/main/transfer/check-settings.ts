// Checks shared by every transfer method's settings: the parts the common pipeline uses
// (windows, channel mode, phase reconstruction). Each method checks its own network settings.
import type { ChannelMode } from '../../shared/transfer';
import type { Seconds } from '../../shared/units';
import { ParameterError } from '../../shared/user-error';

/** Throws ParameterError naming `parameter` unless `ok`. */
export function check(ok: boolean, parameter: string, message: string): void {
  if (!ok) throw new ParameterError(parameter, message);
}

export interface PipelineSettings {
  phaseMethod: 'gl' | 'fgla';
  phaseIterations: number;
  phaseStart: 'random' | 'content';
  channelMode: ChannelMode;
  windowSeconds: Seconds;
}

export function checkPipelineSettings(s: PipelineSettings): void {
  check(
    ['gl', 'fgla'].includes(s.phaseMethod),
    'phaseMethod',
    `phaseMethod must be gl or fgla, not ${String(s.phaseMethod)}.`,
  );
  check(
    Number.isInteger(s.phaseIterations) && s.phaseIterations >= 0 && s.phaseIterations <= 10000,
    'phaseIterations',
    `phaseIterations must be a whole number from 0 to 10000, not ${String(s.phaseIterations)}.`,
  );
  check(
    ['random', 'content'].includes(s.phaseStart),
    'phaseStart',
    `phaseStart must be random or content, not ${String(s.phaseStart)}.`,
  );
  check(
    ['mono', 'per-channel', 'mid-side'].includes(s.channelMode),
    'channelMode',
    `channelMode must be mono, per-channel or mid-side, not ${String(s.channelMode)}.`,
  );
  check(
    Number.isFinite(s.windowSeconds) && s.windowSeconds >= 1 && s.windowSeconds <= 600,
    'windowSeconds',
    `windowSeconds must be from 1 to 600 seconds, not ${String(s.windowSeconds)}.`,
  );
}
