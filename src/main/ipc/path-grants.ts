// Paths the page may name. A page never invents a path: it may only use files and folders the
// user chose in a dialog, dropped on the window, or opened before (recent projects). Anything
// else is refused, so a compromised page cannot read or write the user's files at will.
import { resolve } from 'node:path';
import { ParameterError } from '../../shared/user-error';

export class PathGrants {
  private readonly paths = new Set<string>();

  grant(path: string): void {
    this.paths.add(resolve(path));
  }

  has(path: string): boolean {
    return this.paths.has(resolve(path));
  }

  /** Throws ParameterError unless the user chose this path. */
  require(path: string, parameter: string): string {
    const absolute = resolve(path);
    if (!this.paths.has(absolute))
      throw new ParameterError(
        parameter,
        `${absolute} was not chosen in a dialog or dropped on the window, so the editor will not open it.`,
      );
    return absolute;
  }
}
