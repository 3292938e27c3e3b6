import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    // Worker threads are entries of their own, emitted beside index.js where the runners look.
    build: {
      rollupOptions: {
        input: {
          index: resolve('src/main/shell/index.ts'),
          'engine-worker': resolve('src/main/worker/engine-worker.ts'),
          'media-worker': resolve('src/main/media/media-worker.ts'),
        },
      },
    },
  },
  preload: {
    // A sandboxed preload must be one CommonJS file.
    build: {
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    build: { rollupOptions: { input: { index: resolve('src/renderer/index.html') } } },
  },
});
