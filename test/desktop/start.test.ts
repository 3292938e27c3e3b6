// `npm start` (scripts/start.js): fetches Electron's binary through Electron's own installer when
// it is missing, says in one sentence what to do when that cannot happen, then runs
// `electron-vite preview` with the binary. Each run is a real child process with a time limit.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot } from '../fixtures/paths';

const startScript = join(repoRoot, 'scripts', 'start.js');
const realElectron = dirname(createRequire(join(repoRoot, 'package.json')).resolve('electron'));
const electronVersion = (
  JSON.parse(readFileSync(join(realElectron, 'package.json'), 'utf8')) as { version: string }
).version;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** This environment without any Electron setting (ELECTRON_*, npm_config_electron_* ...). */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!/electron/i.test(key) && key !== 'TIMBREFOLD_DEBUG') env[key] = value;
  return { ...env, ...extra };
}

function runStart(args: string[], env: NodeJS.ProcessEnv, limitMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [startScript, ...args], { cwd: repoRoot, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`npm start ran past ${limitMs} ms: ${stdout}${stderr}`));
    }, limitMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A port nothing listens on: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * An electron package without its binary whose installer (named by its `install-electron` bin,
 * as Electron's is) counts its runs and installs a stand-in executable that logs its arguments.
 */
function standInElectron(root: string): string {
  const dir = join(root, 'electron');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'electron',
      version: electronVersion,
      bin: { electron: 'cli.js', 'install-electron': 'fetch-binary.js' },
    }),
  );
  const executable = `#!${process.execPath}
require('node:fs').appendFileSync(process.env.STAND_IN_LOG, JSON.stringify(process.argv.slice(2)) + '\\n');
`;
  writeFileSync(
    join(dir, 'fetch-binary.js'),
    `const fs = require('node:fs');
const path = require('node:path');
fs.appendFileSync(path.join(__dirname, 'installer-runs'), 'run\\n');
fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
fs.writeFileSync(path.join(__dirname, 'dist', 'electron'), ${JSON.stringify(executable)}, { mode: 0o755 });
fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');
`,
  );
  return dir;
}

describe('npm start', () => {
  test(
    "runs Electron's installer when path.txt is missing, then electron-vite with that binary",
    {
      timeout: 120000,
      skip: process.platform === 'win32' ? 'the stand-in executable is a script' : false,
    },
    async () => {
      const work = mkdtempSync(join(tmpdir(), 'timbrefold-start-'));
      const electron = standInElectron(work);
      const log = join(work, 'electron-runs.jsonl');
      const entry = join(work, 'entry.js');
      writeFileSync(entry, '');
      // --skipBuild and ELECTRON_ENTRY: electron-vite starts the binary at once, on `entry`.
      const env = cleanEnv({
        TIMBREFOLD_ELECTRON_DIR: electron,
        ELECTRON_ENTRY: entry,
        STAND_IN_LOG: log,
      });
      assert.equal(existsSync(join(electron, 'path.txt')), false);

      const first = await runStart(['--skipBuild'], env, 60000);
      assert.equal(first.code, 0, first.stdout + first.stderr);
      assert.match(first.stdout, new RegExp(`Downloading Electron ${electronVersion}`));
      assert.equal(readFileSync(join(electron, 'installer-runs'), 'utf8'), 'run\n');
      assert.equal(readFileSync(join(electron, 'path.txt'), 'utf8'), 'electron');
      assert.deepEqual(readFileSync(log, 'utf8').trim().split('\n').map(parseArgs), [[entry]]);

      // Installed now: the installer is not run again, electron-vite starts the same binary.
      const second = await runStart(['--skipBuild'], env, 60000);
      assert.equal(second.code, 0, second.stdout + second.stderr);
      assert.doesNotMatch(second.stdout, /Downloading/);
      assert.equal(readFileSync(join(electron, 'installer-runs'), 'utf8'), 'run\n');
      assert.equal(readFileSync(log, 'utf8').trim().split('\n').length, 2);
    },
  );

  test(
    'offline: one sentence saying what to do, a non-zero exit, no electron-vite',
    { timeout: 90000 },
    async () => {
      // A copy of the real electron package (installer, checksums, its @electron/get) without a
      // binary, and a download mirror that refuses connections: the real installer fails fast.
      const work = mkdtempSync(join(tmpdir(), 'timbrefold-start-offline-'));
      const electron = join(work, 'node_modules', 'electron');
      mkdirSync(electron, { recursive: true });
      for (const file of ['package.json', 'install.js', 'checksums.json'])
        copyFileSync(join(realElectron, file), join(electron, file));
      const get = dirname(
        dirname(createRequire(join(realElectron, 'package.json')).resolve('@electron/get')),
      );
      mkdirSync(join(work, 'node_modules', '@electron'));
      symlinkSync(get, join(work, 'node_modules', '@electron', 'get'), 'junction');
      const entry = join(work, 'entry.js');
      writeFileSync(entry, '');
      const env = cleanEnv({
        TIMBREFOLD_ELECTRON_DIR: electron,
        ELECTRON_MIRROR: `http://127.0.0.1:${await closedPort()}/`,
        ELECTRON_GET_NO_PROGRESS: '1',
        electron_config_cache: join(work, 'cache'),
        ELECTRON_ENTRY: entry,
      });

      const run = await runStart(['--skipBuild'], env, 60000);
      assert.equal(run.code, 1, run.stdout + run.stderr);
      const message = run.stderr.trim();
      assert.equal(message.split('\n').length, 1, `more than one line:\n${run.stderr}`);
      assert.match(message, new RegExp(`^Could not download Electron ${electronVersion} \\(`));
      assert.match(message, /ELECTRON_MIRROR/);
      assert.match(message, /npx install-electron/);
      assert.match(message, /\.$/);
      assert.doesNotMatch(message, /\n\s+at /, 'no stack trace');
      assert.equal(existsSync(join(electron, 'path.txt')), false);
      assert.doesNotMatch(run.stdout + run.stderr, /starting electron app/);
    },
  );

  test('a missing ELECTRON_EXEC_PATH is one sentence, not a spawn error', async () => {
    const missing = join(tmpdir(), 'timbrefold-no-such-electron', 'electron');
    const run = await runStart(['--skipBuild'], cleanEnv({ ELECTRON_EXEC_PATH: missing }), 30000);
    assert.equal(run.code, 1);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.match(run.stderr, /ELECTRON_EXEC_PATH names .* which does not exist/);
  });
});

function parseArgs(line: string): string[] {
  return JSON.parse(line) as string[];
}
