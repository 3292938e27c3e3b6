// Issue 10: 50 kill -9s at random moments of a process saving, autosaving, importing, exporting
// and rendering on a real project leave the project openable, with no clip missing, and with no
// temporary file or unfinished result name left once it is opened again (the next start).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { readWav } from '../../src/main/audio';
import { MediaRegistry } from '../../src/main/media/media-registry';
import { importWavFile, newId } from '../../src/main/project/audio-import';
import { readProjectFile } from '../../src/main/project/project-files';
import { RecentProjects } from '../../src/main/project/recent-projects';
import { ProjectSession } from '../../src/main/project/session';
import { corpusFile, repoRoot } from '../fixtures/paths';

const KILLS = 50;
/** Each in turn, so every kind of write is interrupted KILLS / 5 times. */
const OPERATIONS = ['save', 'autosave', 'import', 'export', 'render'];
const sources = [
  corpusFile('drums_groove_120bpm.wav'),
  corpusFile('flute_acoustic_073-060-127.wav'),
  corpusFile('guitar_acoustic_024-040-112.wav'),
];

function sessionIn(dataDir: string): ProjectSession {
  return new ProjectSession({
    dataDir,
    media: new MediaRegistry(),
    mediaUrl: (p) => p,
    recent: new RecentProjects(dataDir),
    onChange: () => undefined,
    onSaveError: (error) => assert.fail(String(error)),
  });
}

/** Hidden temporaries of our atomic writes, and result names still reserved. */
function leftovers(folder: string): string[] {
  return readdirSync(folder).filter((name) => /^\..+\.\d+-[0-9a-f]{8}\.tmp$/.test(name));
}

describe('fault injection', () => {
  test(`${KILLS} kill -9s during save, autosave, import, export and render lose nothing`, async (t) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'timbrefold-faults-'));
    const project = join(dataDir, 'Song');
    const exports = join(dataDir, 'Exports');
    try {
      const setup = sessionIn(dataDir);
      await setup.createUntitled();
      for (const [i, source] of sources.slice(0, 2).entries()) {
        const clip = await importWavFile(setup.folder, source);
        setup.addTracks(
          [
            {
              id: newId(),
              name: `Clip ${i}`,
              role: i === 0 ? 'content' : 'style',
              clip,
              mute: false,
              solo: false,
              gainDb: 0,
              recipe: null,
            },
          ],
          'Import',
        );
      }
      await setup.saveAs(project);
      await setup.close();
      await mkdir(exports);

      // Which operation each kill interrupted (the child names each as it starts it).
      const interrupted = new Map<string, number>();
      for (let kill = 0; kill < KILLS; kill++) {
        const child = spawn(
          process.execPath,
          [
            '--import',
            'tsx',
            join(repoRoot, 'test/project/fault-child.ts'),
            OPERATIONS[kill % OPERATIONS.length]!,
            dataDir,
            project,
            exports,
            ...sources,
          ],
          { stdio: ['ignore', 'pipe', 'pipe'] },
        );
        let stderr = '';
        let stdout = '';
        child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
        child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
        const exited = new Promise<NodeJS.Signals | null>((resolve) =>
          child.once('exit', (_code, signal) => resolve(signal)),
        );
        await new Promise<void>((resolve, reject) => {
          child.stdout.once('data', () => resolve());
          child.once('exit', (code) =>
            reject(
              new Error(`kill ${kill}: the working process exited early (${code}): ${stderr}`),
            ),
          );
        });
        // Anywhere in the first second of work (a render's: its first 2.5 s, which reach its write).
        const operation = OPERATIONS[kill % OPERATIONS.length]!;
        await sleep(Math.random() * (operation === 'render' ? 2500 : 1000));
        child.kill('SIGKILL');
        assert.equal(await exited, 'SIGKILL', `kill ${kill}: it stopped by itself: ${stderr}`);
        // How many times the operation had started when the kill came.
        const runs = stdout.split('\n').filter((line) => line === operation).length;
        interrupted.set(operation, (interrupted.get(operation) ?? 0) + runs);

        // The document is whole ...
        const document = await readProjectFile(project);
        // ... the next start opens it, every clip there and readable ...
        const session = sessionIn(dataDir);
        const opened = await session.open(project);
        assert.deepEqual(opened.missing, [], `kill ${kill}: clips missing after the kill`);
        for (const track of document.tracks)
          await readWav(session.pathOf(track.clip.file)).catch((error: unknown) =>
            assert.fail(`kill ${kill}: ${track.clip.file} is damaged: ${String(error)}`),
          );
        // ... and nothing the killed process was writing is left behind.
        const audio = join(project, 'audio');
        assert.deepEqual([...leftovers(project), ...leftovers(audio)], [], `kill ${kill}`);
        const placeholders: string[] = [];
        for (const name of readdirSync(audio).filter((n) => n.endsWith('.wav')))
          await readWav(join(audio, name)).catch(() => placeholders.push(name));
        assert.deepEqual(placeholders, [], `kill ${kill}: unreadable files in audio/`);
        await session.close();
      }
      t.diagnostic(
        `operations started before the kills: ${[...interrupted].map(([op, n]) => `${op} ${n}`).join(', ')}`,
      );
      for (const operation of OPERATIONS)
        assert.ok((interrupted.get(operation) ?? 0) > 0, `no ${operation} ever started`);
      // Every stem an export finished is a whole WAV (the export folder is tidied by its next write).
      for (const name of readdirSync(exports).filter((n) => n.endsWith('.wav')))
        await readWav(join(exports, name));
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
