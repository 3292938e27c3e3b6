// Layering rules (STYLE.md, after openDAW's restricted imports per package), one per room: only
// the Electron shell imports `electron`, the page never imports main-process code, shared code
// imports nothing of main, and the rooms of src/main are layered: a room imports only rooms below
// it in LAYERS, so no two rooms import each other and the engine stays generic tfjs.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronOnlyInShell = {
  name: 'electron',
  message: 'Only src/main/shell/ and src/main/ipc/electron-*.ts import electron.',
};

/**
 * The rooms of src/main, bottom first; every file of src/main is in one. docs/ARCHITECTURE.md
 * explains each room.
 */
const LAYERS = [
  'app', // the app's version, and where its resources are in every layout
  'fs',
  'dsp',
  'audio',
  'plot',
  'peaks',
  'models', // model files and manifests, no networks
  'engine', // generic tfjs: backend, optimise(), losses, networks
  'jobs', // the generic job runner, no job implementations
  'methods', // one folder per transfer method behind TransferMethod
  'training',
  'evaluation', // measures results and models; a consumer, not a method
  'transfer', // the one skeleton every method runs in
  'services',
  'media',
  'worker', // the engine worker's entry and its job table
  'project',
  'cli',
  'ipc',
  'shell', // Electron: lifecycle, window, security, menus, the app protocol
];

/** An import of src/main/`room` from anywhere in src/main: './engine', '../../engine/lbfgs' ... */
const importsOf = (room) =>
  ['./', '../', '../../', '../../../'].flatMap((up) => [`${up}${room}`, `${up}${room}/**`]);

function layerRule(index) {
  const room = LAYERS[index];
  const above = LAYERS.slice(index + 1);
  return {
    files: [`src/main/${room}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: above.map((other) => ({
            group: importsOf(other),
            message: `${room}/ sits below ${other}/ (eslint.config.js LAYERS): it must not import it.`,
          })),
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', 'resources/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell] }],
    },
  },
  ...LAYERS.map((_, index) => layerRule(index)),
  {
    files: ['src/main/shell/**/*.ts', 'src/main/ipc/electron-*.ts', 'src/preload/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**', 'node:*'],
              message:
                'src/shared is the contract between processes: it imports nothing of main, the page or Node.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [
            {
              group: ['**/main/**', 'node:*'],
              message: 'The page talks to the main process only through window.timbrefold.',
            },
          ],
        },
      ],
    },
  },
);
