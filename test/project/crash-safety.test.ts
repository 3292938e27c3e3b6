// Killing the app at any moment never corrupts the project: a process that edits and autosaves
// nonstop is killed (SIGKILL) at random times, and project.json is always a complete, valid
// document, with the edits of the last moments at most lost.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { documentSchema } from '../../src/main/project/document-schema';
import { repoRoot } from '../fixtures/paths';

async function readDocument(path: string) {
  const parsed = documentSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
  return parsed;
}

describe('crash safety', () => {
  test('project.json survives SIGKILL during autosave, every time', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'timbrefold-crash-'));
    try {
      for (let run = 0; run < 8; run++) {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', join(repoRoot, 'test/project/autosave-child.ts'), dataDir],
          { stdio: ['ignore', 'pipe', 'inherit'] },
        );
        const folder = await new Promise<string>((resolve, reject) => {
          child.stdout.once('data', (data: Buffer) => resolve(data.toString().trim()));
          child.once('exit', (code) =>
            reject(new Error(`the editing process exited early (${code})`)),
          );
        });
        const file = join(folder, 'project.json');
        // Wait until autosave has put edits on disk, then kill at a random moment of the saving.
        for (let tries = 0; ; tries++) {
          const saved = await readDocument(file).catch(() => undefined);
          if (saved?.success && saved.data.tracks.some((t) => t.gainDb !== 0)) break;
          assert.ok(tries < 600, `run ${run}: no edit reached project.json`);
          await sleep(20);
        }
        await sleep(Math.random() * 200);
        child.kill('SIGKILL');
        await new Promise((resolve) => child.once('exit', resolve));
        const parsed = await readDocument(file);
        assert.ok(
          parsed.success,
          `run ${run}: project.json is not a valid project after the kill: ${parsed.error?.issues[0]?.message}`,
        );
        assert.equal(parsed.data.tracks.length, 40);
        // What was saved stays saved: a kill can lose only edits newer than the last save.
        assert.ok(
          parsed.data.tracks.some((t) => t.gainDb !== 0),
          `run ${run}: saved edits were lost`,
        );
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
