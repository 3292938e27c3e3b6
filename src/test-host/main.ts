// `npm run web -- --port N [--data-dir DIR] [--models-dir DIR] [--demo] [--no-build] [--build-dir DIR]`:
// builds the editor and serves it with the real IPC handlers and engine at http://127.0.0.1:N/.
// Models live in DIR/models of the data folder unless --models-dir names another cache.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildTestHost } from './build';
import { startTestHost } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5180' },
    'data-dir': { type: 'string' },
    'models-dir': { type: 'string' },
    'build-dir': { type: 'string', default: 'out' },
    demo: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a whole number from 0 to 65535, got ${values.port}.`);
  process.exit(2);
}
const buildDir = resolve(values['build-dir']);
if (!values['no-build']) await buildTestHost(buildDir);
const host = await startTestHost({
  port,
  buildDir,
  demo: values.demo,
  ...(values['data-dir'] !== undefined && { dataDir: resolve(values['data-dir']) }),
  ...(values['models-dir'] !== undefined && { modelsDir: resolve(values['models-dir']) }),
});
console.log(`Timbrefold test host: ${host.url} (data in ${host.dataDir})`);
const stop = (): void => {
  void host.close().finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
