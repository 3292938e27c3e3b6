// Packaging (electron-builder reads this file): `npm run dist` builds the app and then the
// installers for this platform, AppImage and deb on Linux, an NSIS installer on Windows, a dmg on
// macOS. Where the shipped files are found at run time is src/main/app/resource-paths.ts's business;
// test/desktop/packaging.test.ts checks these lists against the built tree and a real packed app.
import type { Configuration } from 'electron-builder';

/**
 * Production dependencies the packaged app never loads: the page's libraries are bundled into
 * out/renderer, and the others serve the CLI, the test host or running .ts in development.
 * (The test checks that every package the built main process imports is still shipped.)
 */
export const notShipped = [
  'react',
  'react-dom',
  'scheduler',
  'konva',
  'peaks.js',
  'waveform-data',
  'tsx',
  'esbuild',
  '@esbuild',
  'commander',
  'cli-progress',
  'pureimage',
  'pngjs',
  'opentype.js',
  'jpeg-js',
  'ws',
];

const config: Configuration = {
  appId: 'org.timbrefold.app',
  productName: 'Timbrefold',
  directories: { output: 'dist', buildResources: 'build' },
  // The app is the build (out/) and package.json; electron-builder adds the production
  // dependencies under node_modules itself, less those listed above and source maps.
  files: [
    'out/**/*',
    'package.json',
    '!**/*.map',
    ...notShipped.map((name) => `!node_modules/${name}{,/**/*}`),
  ],
  asar: true,
  // WebAssembly the engine and the DSP core load at run time, outside the archive where a plain
  // file read or a worker thread finds it (resource-paths.ts names these folders).
  asarUnpack: [
    'node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm',
    'node_modules/@echogarden/pffft-wasm/dist/**/*.wasm',
  ],
  // Shipped models, demo sounds and the font for pictures: beside app.asar in the resources folder.
  extraResources: [
    { from: 'resources/models', to: 'models' },
    { from: 'resources/demo', to: 'demo' },
    { from: 'resources/fonts', to: 'fonts' },
  ],
  // Nothing native to rebuild: every dependency the app loads is JavaScript or WebAssembly.
  npmRebuild: false,
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  },
  // A deb needs a homepage and a maintainer with an e-mail address: placeholders (.invalid) until
  // the project has public ones; replace both before publishing a package.
  extraMetadata: { homepage: 'https://timbrefold.invalid/' },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Audio',
    maintainer: 'Timbrefold contributors <maintainers@timbrefold.invalid>',
  },
  win: { target: 'nsis' },
  mac: { target: 'dmg', category: 'public.app-category.music' },
};

export default config;
