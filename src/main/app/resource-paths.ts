// Where the app's own files are: the shipped models, the demo sounds, the font for pictures and
// the WebAssembly binaries. One answer for each of the three ways the code runs:
//   source    src/main/**/*.ts through tsx (the tests, the CLI, `npm run web`): the checkout
//   built     the build's main/*.js (`npm start`, the test host): the checkout it was built in
//   packaged  <resources>/app.asar/out/main/*.js: models, demo sounds and fonts beside app.asar
//             (electron-builder's extraResources), the .wasm files in app.asar.unpacked
//             (asarUnpack); electron-builder.ts ships them there.
// The layout is read from where the running module sits, not from Electron, so a worker thread
// gets the same answer as the main process. TIMBREFOLD_SHIPPED_MODELS and TIMBREFOLD_WASM_DIR
// override the models and the tfjs WebAssembly folders, as they do elsewhere.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, parse, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type ResourceLayout = 'source' | 'built' | 'packaged';

export interface ResourcePaths {
  layout: ResourceLayout;
  /** The app's root: the checkout, or app.asar in a packaged app. */
  appRoot: string;
  /** Folder of the demo sounds. */
  demo: string;
  /** Folder of the shipped (read-only) models. */
  models: string;
  /** The font spectrogram pictures are labelled with. */
  font: string;
  /** Folder of @tensorflow/tfjs-backend-wasm's .wasm binaries (no trailing separator). */
  tfjsWasm: string;
  /** Folder holding @echogarden/pffft-wasm's simd/pffft.wasm and non-simd/pffft.wasm. */
  pffftWasm: string;
}

export interface ResourceLookup {
  /** A file of the running code; default: this module. */
  moduleFile?: string;
  /** Where the overrides are read; default: process.env. */
  env?: NodeJS.ProcessEnv;
}

const FONT = 'DejaVuSans.ttf';
const TFJS_WASM = '@tensorflow/tfjs-backend-wasm';
const PFFFT_WASM = '@echogarden/pffft-wasm';

/** The resource paths for the code running from `lookup.moduleFile` (default: this module). */
export function resourcePaths(lookup: ResourceLookup = {}): ResourcePaths {
  const moduleFile = resolve(lookup.moduleFile ?? fileURLToPath(import.meta.url));
  const env = lookup.env ?? process.env;
  const found = locate(moduleFile);
  const models = env['TIMBREFOLD_SHIPPED_MODELS'];
  const wasm = env['TIMBREFOLD_WASM_DIR'];
  if (models) found.models = resolve(models);
  if (wasm) found.tfjsWasm = resolve(wasm);
  return found;
}

function locate(moduleFile: string): ResourcePaths {
  const asar = /[\\/]app\.asar(?=[\\/]|$)/.exec(moduleFile);
  if (asar) {
    const resources = moduleFile.slice(0, asar.index);
    const unpacked = join(resources, 'app.asar.unpacked', 'node_modules');
    return {
      layout: 'packaged',
      appRoot: join(resources, 'app.asar'),
      demo: join(resources, 'demo'),
      models: join(resources, 'models'),
      font: join(resources, 'fonts', FONT),
      tfjsWasm: join(unpacked, ...TFJS_WASM.split('/'), 'dist'),
      pffftWasm: join(unpacked, ...PFFFT_WASM.split('/'), 'dist'),
    };
  }
  const root = checkoutRoot(dirname(moduleFile));
  const resources = join(root, 'resources');
  return {
    layout: moduleFile.endsWith('.ts') ? 'source' : 'built',
    appRoot: root,
    demo: join(resources, 'demo'),
    models: join(resources, 'models'),
    font: join(resources, 'fonts', FONT),
    // The packages' own folders, wherever the installation put them.
    tfjsWasm: packageFolder(root, TFJS_WASM, (main) => dirname(main)),
    pffftWasm: packageFolder(root, PFFFT_WASM, (main) => dirname(dirname(main))),
  };
}

/** The nearest folder at or above `start` holding package.json and resources/. */
function checkoutRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'resources'))) return dir;
    if (dir === parse(dir).root)
      throw new Error(`Timbrefold's resources folder is not in ${start} or above it.`);
  }
}

/** `dist` of an installed package, from its entry point; its usual place if it does not resolve. */
function packageFolder(root: string, name: string, distOf: (main: string) => string): string {
  try {
    return distOf(createRequire(join(root, 'package.json')).resolve(name));
  } catch {
    return join(root, 'node_modules', ...name.split('/'), 'dist');
  }
}
