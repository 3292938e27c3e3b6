// Issue 10, item 10: a kill during a write leaves a hidden ".NAME.PID-xxxxxxxx.tmp", and a kill
// during a render leaves its reserved result name. Ours, whose process is gone, are removed on
// the next write to that folder and when a project is opened; nothing of any other form is.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { writeFileAtomic } from '../../src/main/fs/atomic-write';
import { removeStaleFiles, reserveFile } from '../../src/main/fs/stale-files';
import { MediaRegistry } from '../../src/main/media/media-registry';
import { reserveAudioName } from '../../src/main/project/project-files';
import { RecentProjects } from '../../src/main/project/recent-projects';
import { ProjectSession } from '../../src/main/project/session';
import { repoRoot } from '../fixtures/paths';

const fresh = (name: string) => mkdtempSync(join(tmpdir(), `timbrefold-stale-${name}-`));

/** The PID of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  assert.equal(child.status, 0);
  return child.pid;
}

/** A write into `folder` that the process is killed in the middle of (kill -9). */
function killedWrite(folder: string, name: string): void {
  const module = join(repoRoot, 'src/main/fs/atomic-write.ts');
  const script = `
    const { writeFileAtomic } = await import(${JSON.stringify(module)});
    await writeFileAtomic(${JSON.stringify(join(folder, name))}, (function* () {
      yield new Uint8Array(1 << 20).fill(1);
      process.kill(process.pid, 'SIGKILL');
    })());`;
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    {
      cwd: repoRoot,
    },
  );
  assert.equal(child.signal, 'SIGKILL', child.stderr.toString());
}

/** Files that look like ours but are not, or are ours and still in use: none may go. */
function decoys(folder: string, dead: number): string[] {
  const names = {
    user: 'take.wav',
    userTmp: 'notes.tmp',
    hiddenTmp: '.take.wav.tmp',
    notHex: `.take.wav.${dead}-zzzzzzzz.tmp`,
    noDot: `take.wav.${dead}-0123abcd.tmp`,
    live: `.take.wav.${process.pid}-0123abcd.tmp`,
    // A reservation by a live process, an empty WAV, and a WAV that only starts like a marker.
    reservedLive: 'mine.wav',
    empty: 'empty.wav',
    longer: 'longer.wav',
  };
  writeFileSync(join(folder, names.user), 'the user take');
  writeFileSync(join(folder, names.userTmp), 'notes');
  writeFileSync(join(folder, names.hiddenTmp), 'x');
  writeFileSync(join(folder, names.notHex), 'x');
  writeFileSync(join(folder, names.noDot), 'x');
  writeFileSync(join(folder, names.live), 'a write under way');
  writeFileSync(join(folder, names.empty), '');
  writeFileSync(
    join(folder, names.longer),
    `Timbrefold: reserved for a result being made by process ${dead}\nand then some audio`,
  );
  // A link and a folder named like a dead process's temporary are not files of ours.
  const outside = join(fresh('outside'), 'private.txt');
  writeFileSync(outside, 'private');
  symlinkSync(outside, join(folder, `.link.${dead}-0123abcd.tmp`));
  mkdirSync(join(folder, `.dir.${dead}-0123abcd.tmp`));
  return [
    ...Object.values(names).filter((n) => n !== names.reservedLive),
    `.link.${dead}-0123abcd.tmp`,
    `.dir.${dead}-0123abcd.tmp`,
  ];
}

describe('stale temporary files', () => {
  test('a write killed mid-way leaves a temporary that the next write to the folder removes', async () => {
    const folder = fresh('next-write');
    killedWrite(folder, 'take.wav');
    const left = readdirSync(folder);
    assert.equal(left.length, 1);
    assert.match(left[0]!, /^\.take\.wav\.\d+-[0-9a-f]{8}\.tmp$/);
    const kept = decoys(folder, deadPid());
    await reserveFile(join(folder, 'mine.wav'));
    await writeFileAtomic(join(folder, 'other.json'), '{}');
    assert.deepEqual(
      readdirSync(folder).sort(),
      [...kept, 'mine.wav', 'other.json'].sort(),
      "only the dead process's temporary went",
    );
  });

  test('a reserved name appears with its whole marker, leaves no temporary, and is exclusive', async () => {
    const folder = fresh('reserve');
    writeFileSync(join(folder, 'taken.wav'), 'the user’s audio');
    await reserveFile(join(folder, 'mine.wav'));
    assert.deepEqual(readdirSync(folder).sort(), ['mine.wav', 'taken.wav']);
    assert.equal(
      readFileSync(join(folder, 'mine.wav'), 'utf8'),
      `Timbrefold: reserved for a result being made by process ${process.pid}\n`,
    );
    for (const name of ['mine.wav', 'taken.wav'])
      await assert.rejects(reserveFile(join(folder, name)), { code: 'EEXIST' });
    assert.equal(readFileSync(join(folder, 'taken.wav'), 'utf8'), 'the user’s audio');
    assert.deepEqual(readdirSync(folder).sort(), ['mine.wav', 'taken.wav'], 'no temporary left');
  });

  test("a live process's temporary goes only once it is older than a day", async () => {
    const folder = fresh('age');
    const name = `.take.wav.${process.pid}-0123abcd.tmp`;
    writeFileSync(join(folder, name), 'x');
    assert.deepEqual(await removeStaleFiles(folder), []);
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    utimesSync(join(folder, name), twoDaysAgo, twoDaysAgo);
    assert.deepEqual(await removeStaleFiles(folder), [name]);
  });

  test('a folder that is a link is not tidied', async () => {
    const real = fresh('real');
    const name = `.take.wav.${deadPid()}-0123abcd.tmp`;
    writeFileSync(join(real, name), 'x');
    const link = join(fresh('link'), 'audio');
    symlinkSync(real, link);
    assert.deepEqual(await removeStaleFiles(link), []);
    assert.ok(existsSync(join(real, name)));
  });
});

describe('opening a project removes what dead processes left', () => {
  test("temporaries and an unfinished render's reserved name go; clips and other files stay", async () => {
    const dataDir = fresh('project');
    const session = new ProjectSession({
      dataDir,
      media: new MediaRegistry(),
      mediaUrl: (p) => p,
      recent: new RecentProjects(dataDir),
      onChange: () => undefined,
      onSaveError: (error) => assert.fail(String(error)),
    });
    await session.createUntitled();
    const project = join(dataDir, 'Song');
    await session.saveAs(project);
    const audio = join(project, 'audio');
    // A render that was killed: its name was reserved by a process that no longer exists.
    const dead = deadPid();
    const reserved = await reserveAudioName(project, 'song x violin (shallow)');
    writeFileSync(
      join(project, reserved),
      `Timbrefold: reserved for a result being made by process ${dead}\n`,
    );
    killedWrite(project, 'project.json');
    killedWrite(audio, 'import.wav');
    const keptTop = readdirSync(project).filter((n) => !/^\.project\.json\.\d+-/.test(n));
    const keptAudio = decoys(audio, dead);
    // A render of this process still running keeps its name.
    const running = await reserveAudioName(project, 'song x cello (shallow)');
    await session.createUntitled();
    await session.open(project);
    assert.deepEqual(readdirSync(project).sort(), keptTop.sort());
    assert.deepEqual(
      readdirSync(audio).sort(),
      [...keptAudio, running.slice('audio/'.length)].sort(),
    );
    await session.close();
  });
});
