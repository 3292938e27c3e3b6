// The heap limit each job gets, from the one memory budget (app/resource-budget.ts). It makes a
// runaway job's JavaScript heap stop that job alone (a failed job) rather than abort the process;
// never below 1 GiB, so ordinary jobs keep the room V8 would give them.
import { memoryBudgetBytes } from '../app/resource-budget';

export function jobHeapLimitMb(budget: number = memoryBudgetBytes()): number {
  return Math.max(1024, Math.round(budget / 2 ** 20));
}
