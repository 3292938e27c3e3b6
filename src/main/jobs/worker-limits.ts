// The heap limit each job's worker gets, from the one memory budget (app/resource-budget.ts). It
// makes a runaway job's JavaScript heap stop that worker alone (a failed job) rather than abort
// the process; never below 1 GiB, so ordinary jobs keep the room V8 would give them.
import type { ResourceLimits } from 'node:worker_threads';
import { memoryBudgetBytes } from '../app/resource-budget';

export function workerResourceLimits(budget: number = memoryBudgetBytes()): ResourceLimits {
  return { maxOldGenerationSizeMb: Math.max(1024, Math.round(budget / 2 ** 20)) };
}
