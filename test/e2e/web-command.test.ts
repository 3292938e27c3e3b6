// `npm run web -- --port N` builds the editor and serves it on 127.0.0.1 with the bridge
// injected (the page's window.timbrefold) and a strict CSP; it stops cleanly on SIGTERM.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot } from '../fixtures/paths';

describe('npm run web', () => {
  test(
    'serves the built editor with the bridge and stops on SIGTERM',
    { timeout: 120000 },
    async () => {
      const buildDir = join(repoRoot, 'test-results', `web-build-${process.pid}`);
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/test-host/main.ts', '--port', '0', '--build-dir', buildDir],
        { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      try {
        const url = await new Promise<string>((resolve, reject) => {
          let output = '';
          child.stdout.on('data', (data: Buffer) => {
            output += data.toString();
            const match = /Timbrefold test host: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
            if (match) resolve(match[1]!);
          });
          child.once('exit', (code) =>
            reject(new Error(`npm run web exited (${code}): ${output}`)),
          );
        });
        const page = await fetch(url);
        assert.equal(page.status, 200);
        const csp = page.headers.get('content-security-policy') ?? '';
        assert.match(csp, /default-src 'self'/);
        assert.match(csp, /script-src 'self'(;|$)/, 'no inline or remote scripts');
        assert.match(
          csp,
          new RegExp(`connect-src 'self' ws://127\\.0\\.0\\.1:${new URL(url).port}`),
        );
        const html = await page.text();
        assert.match(html, /<script src="\/__host\/bridge\.js"><\/script>/);
        assert.ok(
          html.indexOf('bridge.js') < html.indexOf('type="module"'),
          'the bridge runs before the editor',
        );
        const bridge = await fetch(new URL('/__host/bridge.js', url));
        assert.equal(bridge.status, 200);
        assert.match(await bridge.text(), /timbrefold/);
        const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        assert.equal(await exited, 0);
      } finally {
        child.kill('SIGKILL');
        await rm(buildDir, { recursive: true, force: true });
      }
    },
  );
});
