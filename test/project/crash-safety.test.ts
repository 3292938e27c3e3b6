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

describe('crash safety', () => {
  test('project.json survives SIGKILL during autosave, every time', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'timbrefold-crash-'));
    try {
      let editedRuns = 0;
      const runs = 8;
      for (let run = 0; run < runs; run++) {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', join(repoRoot, 'test/project/autosave-child.ts'), dataDir],
          {
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        );
        const folder = await new Promise<string>((resolve, reject) => {
          child.stdout.once('data', (data: Buffer) => resolve(data.toString().trim()));
          child.once('exit', (code) =>
            reject(new Error(`the editing process exited early (${code})`)),
          );
        });
        await sleep(30 + Math.random() * 250);
        child.kill('SIGKILL');
        await new Promise((resolve) => child.once('exit', resolve));
        const text = await readFile(join(folder, 'project.json'), 'utf8');
        const parsed = documentSchema.safeParse(JSON.parse(text));
        assert.ok(
          parsed.success,
          `run ${run}: project.json is not a valid project after the kill: ${parsed.error?.issues[0]?.message}`,
        );
        assert.equal(parsed.data.tracks.length, 40);
        if (parsed.data.tracks.some((t) => t.gainDb !== 0)) editedRuns++;
      }
      // Autosave keeps up: the edits made before the kill reached the disk in most runs.
      assert.ok(
        editedRuns >= runs / 2,
        `edits reached the disk in only ${editedRuns} of ${runs} runs`,
      );
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
