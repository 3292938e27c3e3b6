// project.json round-trips, and a folder that is not a project or a damaged file is refused with
// a sentence naming the file and what is wrong.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { emptyDocument } from '../../src/main/project/document';
import { ProjectError } from '../../src/main/project/errors';
import {
  freshAudioName,
  readProjectFile,
  writeProjectFile,
} from '../../src/main/project/project-files';

describe('project files', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'timbrefold-project-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('a written document reads back equal', async () => {
    const folder = join(dir, 'ok');
    await mkdir(folder);
    const document = { ...emptyDocument('My song'), selection: { start: 1.5, end: 3 } };
    await writeProjectFile(folder, document);
    assert.deepEqual(await readProjectFile(folder), document);
  });

  test('problems are named', async () => {
    const cases: [string, string | null, RegExp][] = [
      ['empty-folder', null, /is not a Timbrefold project: it has no project\.json/],
      [
        'not-json',
        '{"format": "timbrefold-project", ',
        /project\.json is damaged: it is not valid JSON/,
      ],
      [
        'other-app',
        '{"format": "something-else", "version": 1}',
        /is not a Timbrefold project file/,
      ],
      [
        'newer',
        '{"format": "timbrefold-project", "version": 99}',
        /newer Timbrefold \(format 99\)/,
      ],
      [
        'bad-field',
        JSON.stringify({ ...emptyDocument('x'), tracks: [{ id: 'a' }] }),
        /project\.json is damaged: tracks\.0\.name /,
      ],
    ];
    for (const [name, text, expected] of cases) {
      const folder = join(dir, name);
      await mkdir(folder);
      if (text !== null) await writeFile(join(folder, 'project.json'), text);
      await assert.rejects(readProjectFile(folder), (error: unknown) => {
        assert.ok(error instanceof ProjectError, `${name}: ${String(error)}`);
        assert.equal(error.userFacing, true);
        assert.match(error.message, expected);
        return true;
      });
    }
  });

  test('clip names are sanitised and never collide', async () => {
    const folder = join(dir, 'names');
    await mkdir(join(folder, 'audio'), { recursive: true });
    const first = await freshAudioName(folder, '../../etc/My:Song?.mp3');
    assert.equal(first, 'audio/My_Song_.wav');
    await writeFile(join(folder, first), '');
    assert.equal(await freshAudioName(folder, 'my_song_.wav'), 'audio/my_song_ 2.wav');
    assert.equal(await freshAudioName(folder, '.hidden'), 'audio/hidden.wav');
  });
});
