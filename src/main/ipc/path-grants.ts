// Paths the page may name. A page never invents a path: it may only use files and folders the
// user chose in a dialog, dropped on the window, or opened before (recent projects). Anything
// else is refused, so a compromised page cannot read or write the user's files at will.
//
// A grant also says what the path may be used for. A file the user chose to import (or dropped on
// the window) may be read, never written: only a path chosen in a dialog that asked where to save
// (Save As, Export Stems, a model export) may be written to.
import { resolve } from 'node:path';
import { ParameterError } from '../../shared/user-error';

/** 'read': an input the user chose; 'write': a place the user chose to save into. */
export type PathUse = 'read' | 'write';

export class PathGrants {
  private readonly paths = new Map<string, Set<PathUse>>();

  grant(path: string, use: PathUse): void {
    const absolute = resolve(path);
    const uses = this.paths.get(absolute) ?? new Set<PathUse>();
    uses.add(use);
    this.paths.set(absolute, uses);
  }

  has(path: string, use: PathUse): boolean {
    return this.paths.get(resolve(path))?.has(use) ?? false;
  }

  /** Every path granted for this use (the files the user chose to read: never to be written). */
  granted(use: PathUse): string[] {
    return [...this.paths].filter(([, uses]) => uses.has(use)).map(([path]) => path);
  }

  /** Throws ParameterError unless the user chose this path for this use. */
  require(path: string, parameter: string, use: PathUse): string {
    const absolute = resolve(path);
    const uses = this.paths.get(absolute);
    if (uses === undefined)
      throw new ParameterError(
        parameter,
        `${absolute} was not chosen in a dialog or dropped on the window, so the editor will not open it.`,
      );
    if (!uses.has(use))
      throw new ParameterError(
        parameter,
        use === 'write'
          ? `${absolute} was chosen to be read, not as a place to save, so the editor will not write to it.`
          : `${absolute} was chosen as a place to save, not to be read, so the editor will not open it.`,
      );
    return absolute;
  }
}
