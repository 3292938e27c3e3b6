// Atomic saving: the target is the old file or the whole new one, never a part; failures leave
// no temporary file; protected paths are never overwritten, however they are spelled.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { repoRoot } from '../fixtures/paths';
import { fileSystemWriteError, writeFileAtomic } from '../../src/main/fs/atomic-write';
import { FileWriteError } from '../../src/main/fs/errors';
import type { FileWriteErrorCode } from '../../src/main/fs/errors';

async function expectWriteError(
  promise: Promise<unknown>,
  code: FileWriteErrorCode,
  message: RegExp,
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof FileWriteError, String(error));
    assert.equal(error.code, code, error.message);
    assert.match(error.message, message);
    return true;
  });
}

describe('writeFileAtomic', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'timbrefold-atomic-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const fresh = (name: string) => {
    const folder = join(dir, name);
    mkdirSync(folder);
    return folder;
  };

  test('writes bytes, text and streamed blocks, leaving nothing else in the folder', async () => {
    const folder = fresh('kinds');
    await writeFileAtomic(join(folder, 'a.bin'), Uint8Array.of(1, 2, 3));
    await writeFileAtomic(join(folder, 'b.txt'), 'héllo');
    await writeFileAtomic(
      join(folder, 'c.bin'),
      (function* () {
        yield Uint8Array.of(1);
        yield Uint8Array.of(2, 3);
      })(),
    );
    await writeFileAtomic(
      join(folder, 'd.bin'),
      (async function* () {
        yield Uint8Array.of(4);
      })(),
    );
    assert.deepEqual(readdirSync(folder).sort(), ['a.bin', 'b.txt', 'c.bin', 'd.bin']);
    assert.deepEqual([...readFileSync(join(folder, 'c.bin'))], [1, 2, 3]);
    assert.equal(readFileSync(join(folder, 'b.txt'), 'utf8'), 'héllo');
  });

  test('replacing a file keeps its permissions', async () => {
    const path = join(fresh('mode'), 'take.wav');
    writeFileSync(path, 'old');
    chmodSync(path, 0o640);
    await writeFileAtomic(path, 'new');
    assert.equal(readFileSync(path, 'utf8'), 'new');
    assert.equal(statSync(path).mode & 0o777, 0o640);
  });

  test('a data source that fails midway leaves the old file intact and no temporary file', async () => {
    const folder = fresh('failing');
    const path = join(folder, 'take.wav');
    writeFileSync(path, 'the original take');
    const failure = new Error('encoder gave up');
    const source = (function* () {
      yield new Uint8Array(100_000).fill(7);
      throw failure;
    })();
    await assert.rejects(writeFileAtomic(path, source), (error) => error === failure);
    assert.equal(readFileSync(path, 'utf8'), 'the original take');
    assert.deepEqual(readdirSync(folder), ['take.wav']);
  });

  test('a process killed mid-write leaves the old file under the final name', () => {
    const folder = fresh('killed');
    const path = join(folder, 'take.wav');
    writeFileSync(path, 'the original take');
    const module = join(repoRoot, 'src/main/fs/atomic-write.ts');
    const script = `
      const { writeFileAtomic } = await import(${JSON.stringify(module)});
      await writeFileAtomic(${JSON.stringify(path)}, (function* () {
        yield new Uint8Array(1 << 20).fill(1);
        process.kill(process.pid, 'SIGKILL');
        yield new Uint8Array(1 << 20).fill(2);
      })());`;
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: repoRoot },
    );
    assert.equal(child.signal, 'SIGKILL', child.stderr.toString());
    assert.equal(readFileSync(path, 'utf8'), 'the original take');
    const leftovers = readdirSync(folder).filter((f) => f !== 'take.wav');
    assert.equal(leftovers.length, 1, 'the half-written temporary file stays beside, hidden');
    assert.match(leftovers[0]!, /^\.take\.wav\.\d+-[0-9a-f]{8}\.tmp$/);
  });

  test('a folder that does not exist', async () => {
    const path = join(dir, 'missing', 'take.wav');
    await expectWriteError(
      writeFileAtomic(path, 'x'),
      'FOLDER_NOT_FOUND',
      /^Cannot save take\.wav: the folder .*missing does not exist\.$/,
    );
  });

  test('a "folder" that is a file', async () => {
    const file = join(fresh('notdir'), 'plain');
    writeFileSync(file, 'x');
    await expectWriteError(
      writeFileAtomic(join(file, 'take.wav'), 'x'),
      'FOLDER_NOT_FOUND',
      /is not a folder/,
    );
  });

  test('a folder in the way of the target', async () => {
    const target = join(fresh('blocked'), 'take.wav');
    mkdirSync(target);
    await expectWriteError(
      writeFileAtomic(target, 'x'),
      'IS_A_FOLDER',
      /a folder of that name is in the way/,
    );
    assert.ok(statSync(target).isDirectory());
  });

  test('protected paths are refused however they are named, and left untouched', async () => {
    const folder = fresh('protect');
    const input = join(folder, 'flute.wav');
    writeFileSync(input, 'the input');
    symlinkSync(input, join(folder, 'link.wav'));
    linkSync(input, join(folder, 'hard.wav'));
    const spellings = [
      input,
      relative(process.cwd(), input),
      join(folder, '.', 'flute.wav'),
      join(folder, 'link.wav'),
      join(folder, 'hard.wav'),
    ];
    for (const target of spellings) {
      await expectWriteError(
        writeFileAtomic(target, 'x', { protect: [input] }),
        'PROTECTED',
        /^Refusing to overwrite .*: it is one of the input files/,
      );
    }
    assert.equal(readFileSync(input, 'utf8'), 'the input');
    await writeFileAtomic(join(folder, 'out.wav'), 'fine', { protect: [input] });
    assert.equal(readFileSync(join(folder, 'out.wav'), 'utf8'), 'fine');
  });

  test('system errors that root cannot provoke here map to their codes', () => {
    const systemError = (code: string) => Object.assign(new Error(code), { code, syscall: 'open' });
    const cases: [string, FileWriteErrorCode, RegExp][] = [
      [
        'EACCES',
        'PERMISSION_DENIED',
        /^Cannot save take\.wav: no permission to write in \/music\.$/,
      ],
      ['EROFS', 'READ_ONLY', /read-only disk/],
      ['ENOSPC', 'DISK_FULL', /the disk is full/],
      ['EIO', 'WRITE_FAILED', /EIO/],
    ];
    for (const [errno, code, message] of cases) {
      const mapped = fileSystemWriteError(systemError(errno), '/music/take.wav');
      assert.ok(mapped instanceof FileWriteError);
      assert.equal(mapped.code, code);
      assert.match(mapped.message, message);
    }
  });
});
