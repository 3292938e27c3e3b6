#!/usr/bin/env node
// `npm start [-- electron-vite preview options]`: makes sure Electron's binary is installed, then
// runs `electron-vite preview` (build, then open the app).
//
// Electron 45 no longer downloads its binary when npm installs it: node_modules/electron fetches
// it the first time `require('electron')` asks for the path. electron-vite does not ask that
// way; it reads node_modules/electron/path.txt itself and stops with "Electron uninstall" when
// the file is not there yet. So this script runs Electron's own installer (its `install-electron`
// bin) first when the binary is missing, and says in one sentence what to do when the download
// cannot happen (offline). The binary it checks is handed to electron-vite as ELECTRON_EXEC_PATH.
//
// TIMBREFOLD_ELECTRON_DIR names another electron package folder (the tests use a stand-in);
// ELECTRON_EXEC_PATH, when set, is used as is; ELECTRON_OVERRIDE_DIST_PATH is honoured as
// Electron's own lookup honours it. TIMBREFOLD_DEBUG=1 prints the installer's own output.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);

/** The executable's path inside Electron's dist folder, as Electron's install.js names it. */
function platformPath() {
  const platform =
    process.env.ELECTRON_INSTALL_PLATFORM || process.env.npm_config_platform || process.platform;
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  return platform === 'win32' ? 'electron.exe' : 'electron';
}

/** The installed Electron executable of the package in `dir`, or undefined when it is missing. */
function installedBinary(dir) {
  const pathFile = join(dir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : platformPath();
    const binary = join(override, relative);
    return existsSync(binary) ? binary : undefined;
  }
  if (!existsSync(pathFile)) return undefined;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : undefined;
}

/** The last line of the installer's output that says what went wrong, shortened. */
function cause(output) {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('at '));
  const last = (lines.at(-1) ?? '').replace(/^\w*Error: /, '');
  return last.length > 160 ? `${last.slice(0, 157)}...` : last;
}

/** Runs Electron's installer in `dir`; returns the binary, or exits with one sentence. */
function install(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const installer = join(dir, pkg.bin?.['install-electron'] ?? 'install.js');
  console.log(`Downloading Electron ${pkg.version} (once; about 100 MB)...`);
  const run = spawnSync(process.execPath, [installer], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}${run.error ? String(run.error) : ''}`;
  const binary = run.status === 0 ? installedBinary(dir) : undefined;
  if (binary) return binary;
  if (process.env.TIMBREFOLD_DEBUG === '1') process.stderr.write(output);
  const why = cause(output) || `the installer exited with ${run.status ?? run.signal}`;
  console.error(
    `Could not download Electron ${pkg.version} (${why}): connect to the internet and run ` +
      '`npm start` again (or `npx install-electron`), set ELECTRON_MIRROR to a mirror you can ' +
      "reach or electron_config_cache to a copy of an online machine's Electron cache, or set " +
      `ELECTRON_EXEC_PATH to an Electron ${pkg.version} executable you already have.`,
  );
  process.exit(1);
}

function electronDir() {
  const fromEnv = process.env.TIMBREFOLD_ELECTRON_DIR;
  return fromEnv ? resolve(fromEnv) : dirname(require.resolve('electron/package.json'));
}

const given = process.env.ELECTRON_EXEC_PATH;
if (given && !existsSync(given)) {
  console.error(
    `ELECTRON_EXEC_PATH names ${given}, which does not exist: unset it or fix the path.`,
  );
  process.exit(1);
}
const dir = given ? undefined : electronDir();
const binary = given ?? installedBinary(dir) ?? install(dir);

const viteCli = join(
  dirname(require.resolve('electron-vite/package.json')),
  'bin/electron-vite.js',
);
const child = spawn(process.execPath, [viteCli, 'preview', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, ELECTRON_EXEC_PATH: binary },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
