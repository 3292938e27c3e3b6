import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourcePaths } from './resource-paths';

let cached: string | undefined;

/** The version in package.json, read once (recipes and --version quote it). */
export function packageVersion(): string {
  if (cached === undefined) {
    // The app's root is the checkout, or app.asar in a packaged app: package.json is in both.
    const file = join(resourcePaths().appRoot, 'package.json');
    cached = (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return cached;
}
