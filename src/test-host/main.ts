// `npm run web -- [--port N] [--host ADDR] [--data-dir DIR] [--models-dir DIR] [--demo] [--no-build] [--build-dir DIR]`:
// builds the editor and serves it with the real IPC handlers and engine at http://127.0.0.1:N/
// (or ADDR, then with an access token). File dialogs are the page's in-page chooser of the host's
// folders. Models live in DIR/models of the data folder unless --models-dir names another cache.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = `Usage: npm run web -- [options]

Builds the editor and serves it, with the real IPC handlers and engine, at http://127.0.0.1:PORT/.
Open that address in a browser. Import audio uploads files from the browser's computer; Open,
Save and Export choose folders on this host in an in-page chooser.

Options:
  --port N            port to listen on, 0 for any free one (default 5180)
  --host ADDR         address to listen on (default 127.0.0.1, this machine only); any other
                      address (e.g. 0.0.0.0) requires the access token printed at start
  --data-dir DIR      the editor's data folder, its models in DIR/models
                      (default: a fresh temporary folder)
  --models-dir DIR    another model cache, e.g. the desktop app's
  --demo              open the demo session (the bundled demo sounds)
  --no-build          serve the existing build instead of building first
  --build-dir DIR     where the build is (default out)
  -h, --help          print this help
`;

function usageError(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', default: '5180' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string' },
      'models-dir': { type: 'string' },
      'build-dir': { type: 'string', default: 'out' },
      demo: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  // parseArgs says what is wrong in one sentence (an unknown option, a missing value ...).
  usageError(error instanceof Error ? error.message : String(error));
}
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  usageError(`--port must be a whole number from 0 to 65535, got ${values.port}.`);

// Loaded only now: --help and usage mistakes answer without loading the build tools or engine.
const { buildTestHost } = await import('./build');
const { startTestHost } = await import('./server');
const buildDir = resolve(values['build-dir']);
if (!values['no-build']) await buildTestHost(buildDir);
const host = await startTestHost({
  port,
  address: values.host,
  dialogs: 'page',
  buildDir,
  demo: values.demo,
  ...(values['data-dir'] !== undefined && { dataDir: resolve(values['data-dir']) }),
  ...(values['models-dir'] !== undefined && { modelsDir: resolve(values['models-dir']) }),
});
console.log(`Timbrefold test host: ${host.url} (data in ${host.dataDir})`);
if (host.token !== null)
  console.log(
    'Anyone who can reach this address and has this link can use the editor and read and write files on this host as you: share it only with yourself.',
  );
const stop = (): void => {
  void host.close().finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
