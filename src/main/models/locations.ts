// Where models live. The app passes its user-data folder; the CLI finds the same folder the way
// Electron does (TIMBREFOLD_DATA_DIR first, as the app honours it too), so both see one cache.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { resourcePaths } from '../app/resource-paths';

/** Electron's app.getPath('userData') for this app, without Electron. */
export function userDataFolder(): string {
  const override = process.env['TIMBREFOLD_DATA_DIR'];
  if (override) return resolve(override);
  const home = homedir();
  switch (process.platform) {
    case 'win32':
      return join(process.env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'timbrefold');
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'timbrefold');
    default:
      return join(process.env['XDG_CONFIG_HOME'] ?? join(home, '.config'), 'timbrefold');
  }
}

/** The user's model cache: `models` in the user-data folder. */
export function defaultModelsFolder(): string {
  return join(userDataFolder(), 'models');
}

/**
 * Models shipped with the app: resources/models of the checkout, or of a packaged app's resources
 * (TIMBREFOLD_SHIPPED_MODELS overrides; resource-paths.ts knows every layout).
 */
export function shippedModelsFolder(): string {
  return resourcePaths().models;
}
