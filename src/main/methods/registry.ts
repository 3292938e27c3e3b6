// Every transfer method Timbrefold offers, in the order the panel and --help list them. The worker,
// the render queue, the CLI, the IPC schemas and the panel all iterate this one list: a new method
// is its folder plus one line here.
import { cnnMethod } from './cnn/cnn-method';
import { cycleGanMethod } from './cyclegan/cyclegan-method';
import { fastMethod } from './fast/fast-method';
import type { PipelineSettings, TransferMethod } from './method';
import { shallowMethod } from './shallow/shallow-method';
import { listChoices } from '../../shared/parameters';
import { ParameterError } from '../../shared/user-error';
import type { LossTerms } from '../../shared/transfer';

// Each method is typed by its own settings; the list holds them by the interface they share.
export type AnyMethod = TransferMethod<PipelineSettings & Record<string, unknown>, LossTerms>;

export const METHODS: readonly AnyMethod[] = [
  shallowMethod,
  cnnMethod,
  fastMethod,
  cycleGanMethod,
] as unknown as AnyMethod[];

export const METHOD_NAMES: readonly string[] = METHODS.map((m) => m.name);

/** The method of that name; a ParameterError naming the methods there are otherwise. */
export function methodNamed(name: unknown): AnyMethod {
  const method = METHODS.find((m) => m.name === name);
  if (!method)
    throw new ParameterError(
      'method',
      `Unknown method "${String(name)}": this engine offers ${listChoices(METHOD_NAMES)}.`,
    );
  return method;
}
