// One memory budget for everything a setting can make large (a transfer's frames, its styles, a
// clip's place on the timeline, an export's length). Callers estimate from settings alone, before
// allocating anything, and a request that would not fit is refused with a sentence naming the
// setting, what it makes, the most that fits, and what to change.
//
// The default budget is half the machine's memory, at most 4 GiB: the engine's tensors live in one
// WebAssembly heap, which cannot grow beyond 4 GiB (wasm32), and half the memory leaves the rest
// of the app, the page and the system room. TIMBREFOLD_MEMORY_BUDGET_MB sets it explicitly.
import { totalmem } from 'node:os';
import { ParameterError } from '../../shared/user-error';

const GiB = 2 ** 30;
const WASM_HEAP_LIMIT = 4 * GiB;

/** The budget in bytes: TIMBREFOLD_MEMORY_BUDGET_MB, else min(4 GiB, half of `totalMemory`). */
export function memoryBudgetBytes(
  totalMemory: number = totalmem(),
  env: Readonly<Record<string, string | undefined>> = process.env,
): number {
  const asked = Number(env['TIMBREFOLD_MEMORY_BUDGET_MB']);
  if (Number.isFinite(asked) && asked > 0) return asked * 2 ** 20;
  return Math.min(WASM_HEAP_LIMIT, totalMemory / 2);
}

/** A request refused because it would need more memory than the budget. */
export class ResourceLimitError extends ParameterError {
  constructor(
    parameter: string,
    message: string,
    readonly neededBytes: number,
    readonly budgetBytes: number,
  ) {
    super(parameter, message);
    this.name = 'ResourceLimitError';
  }
}

/**
 * What one setting makes: `count` things (frames, seconds, styles) costing `bytesPerUnit` each,
 * on top of `fixedBytes` that the setting does not change.
 */
export interface MemoryDemand {
  /** The setting's name as the user knows it ("hop", "styles", "start"). */
  setting: string;
  /** "hop 1 makes", "200 styles make", "placing Drums at 86400 s makes". */
  makes: string;
  count: number;
  /** "frames", "style clips", "seconds of audio". */
  unit: string;
  bytesPerUnit: number;
  fixedBytes?: number;
  /** What to change, e.g. "raise hop or shorten the clip". */
  fix: string;
}

export function bytesNeeded(demand: MemoryDemand): number {
  return (demand.fixedBytes ?? 0) + demand.count * demand.bytesPerUnit;
}

/** "2.1 million", "220,500", "37": counts as a person reads them. */
export function readableCount(count: number): string {
  if (count >= 1e6) return `${(count / 1e6).toFixed(1)} million`;
  return Math.floor(count).toLocaleString('en-US');
}

export function readableBytes(bytes: number): string {
  return bytes >= GiB ? `${(bytes / GiB).toFixed(1)} GB` : `${Math.ceil(bytes / 2 ** 20)} MB`;
}

/** Throws ResourceLimitError when the demand does not fit the budget; nothing is allocated. */
export function assertWithinBudget(
  demand: MemoryDemand,
  budget: number = memoryBudgetBytes(),
): void {
  const needed = bytesNeeded(demand);
  if (needed <= budget) return;
  const room = Math.max(0, budget - (demand.fixedBytes ?? 0));
  const most = demand.bytesPerUnit > 0 ? Math.floor(room / demand.bytesPerUnit) : 0;
  throw new ResourceLimitError(
    demand.setting,
    `${demand.makes} ${readableCount(demand.count)} ${demand.unit} (about ${readableBytes(needed)}); ` +
      `at most ${readableCount(most)} fit in the ${readableBytes(budget)} memory budget: ${demand.fix}.`,
    needed,
    budget,
  );
}
