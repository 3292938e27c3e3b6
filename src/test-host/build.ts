// Builds what the test host serves: the editor's renderer (electron-vite, the app's own build)
// and the page bridge (one classic script).
import { join, resolve } from 'node:path';
import { build as buildApp } from 'electron-vite';
import { build as buildScript } from 'vite';

const root = resolve(import.meta.dirname, '..', '..');

export async function buildTestHost(outDir: string): Promise<void> {
  await buildApp({
    root,
    configFile: join(root, 'electron.vite.config.ts'),
    logLevel: 'warn',
    build: { outDir },
  });
  await buildScript({
    root,
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: join(outDir, 'test-host'),
      emptyOutDir: true,
      lib: {
        entry: join(root, 'src/test-host/page-bridge.ts'),
        formats: ['iife'],
        name: 'TimbrefoldBridge',
        fileName: () => 'bridge.js',
      },
    },
  });
}
