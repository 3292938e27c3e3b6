// Undo and redo over whole documents: documents are immutable, so a step keeps the document
// before and after it. Edits with the same coalesce key within `coalesceMs` extend the last step
// (a slider drag is one step, not a hundred).
import type { ProjectDocument } from '../../shared/ipc-project';

interface Step {
  label: string;
  before: ProjectDocument;
  after: ProjectDocument;
  coalesceKey: string | null;
  at: number;
}

export interface HistoryOptions {
  /** Steps kept (oldest dropped first). */
  limit?: number;
  coalesceMs?: number;
  now?: () => number;
}

export class UndoHistory {
  private done: Step[] = [];
  private undone: Step[] = [];
  private readonly limit: number;
  private readonly coalesceMs: number;
  private readonly now: () => number;

  constructor(options: HistoryOptions = {}) {
    this.limit = options.limit ?? 500;
    this.coalesceMs = options.coalesceMs ?? 1500;
    this.now = options.now ?? Date.now;
  }

  record(
    label: string,
    before: ProjectDocument,
    after: ProjectDocument,
    coalesceKey: string | null,
  ): void {
    if (before === after) return;
    const at = this.now();
    this.undone = [];
    const last = this.done.at(-1);
    if (
      last &&
      coalesceKey !== null &&
      last.coalesceKey === coalesceKey &&
      last.after === before &&
      at - last.at <= this.coalesceMs
    ) {
      last.after = after;
      last.at = at;
      return;
    }
    this.done.push({ label, before, after, coalesceKey, at });
    if (this.done.length > this.limit) this.done.shift();
  }

  /** The document to go back to, or undefined when there is nothing to undo. */
  undo(): ProjectDocument | undefined {
    const step = this.done.pop();
    if (!step) return undefined;
    this.undone.push(step);
    return step.before;
  }

  redo(): ProjectDocument | undefined {
    const step = this.undone.pop();
    if (!step) return undefined;
    step.at = 0; // a redone step never absorbs the next edit
    this.done.push(step);
    return step.after;
  }

  get undoLabel(): string | null {
    return this.done.at(-1)?.label ?? null;
  }

  get redoLabel(): string | null {
    return this.undone.at(-1)?.label ?? null;
  }

  clear(): void {
    this.done = [];
    this.undone = [];
  }
}
