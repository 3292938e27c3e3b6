// Option parsers that reject absurd values with a sentence naming the option.
import { BACKEND_CHOICES, type BackendChoice } from '../../shared/transfer';
import { ParameterError } from '../../shared/user-error';

export function parseInteger(option: string, min: number, max: number) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new ParameterError(
        option,
        `${option} must be a whole number from ${min} to ${max}, not "${raw}".`,
      );
    }
    return value;
  };
}

export function parseNumber(option: string, min: number, max: number) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || value > max) {
      throw new ParameterError(
        option,
        `${option} must be a number from ${min} to ${max}, not "${raw}".`,
      );
    }
    return value;
  };
}

export function parseChoice<T extends string>(option: string, choices: readonly T[]) {
  return (raw: string): T => {
    if (!(choices as readonly string[]).includes(raw)) {
      throw new ParameterError(
        option,
        `${option} must be one of ${choices.join(', ')}, not "${raw}".`,
      );
    }
    return raw as T;
  };
}

export function parsePowerOfTwo(option: string, min: number, max: number) {
  const parseRange = parseInteger(option, min, max);
  return (raw: string): number => {
    const value = parseRange(raw);
    if ((value & (value - 1)) !== 0) {
      throw new ParameterError(
        option,
        `${option} must be a power of two from ${min} to ${max}, not ${value}.`,
      );
    }
    return value;
  };
}

/** --backend's arguments to Command.option, as every command that runs the engine takes it. */
export function backendOption(): [string, string, (raw: string) => BackendChoice, BackendChoice] {
  return [
    '--backend <name>',
    `${BACKEND_CHOICES.slice(0, -1).join(', ')} or ${BACKEND_CHOICES.at(-1)}`,
    parseChoice('--backend', BACKEND_CHOICES),
    'auto',
  ];
}

/** `request` with each setting that was given: one left out keeps the default of who reads it. */
export function withGiven<Request extends object>(
  request: Request,
  given: Partial<Request>,
): Request {
  for (const [key, value] of Object.entries(given))
    if (value !== undefined) (request as Record<string, unknown>)[key] = value;
  return request;
}
