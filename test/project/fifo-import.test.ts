// Issue 10, item 9: importing a FIFO (or any non-regular file) fails at once with a sentence, and
// the editor's file operations (New, Import, Save) carry on behind it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { corpusFile } from '../fixtures/paths';
import { editorFixture, type EditorFixture } from '../ipc/editor-fixture';

const withinMs = <T>(ms: number, work: Promise<T>): Promise<T> =>
  Promise.race([
    work,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms).unref(),
    ),
  ]);

describe('importing a FIFO', { skip: process.platform === 'win32' }, () => {
  let fx: EditorFixture;
  before(async () => {
    fx = await editorFixture();
  });
  after(() => fx.close());

  test('fails fast with a clear message and blocks no later file operation', async () => {
    for (const name of ['pipe.wav', 'pipe.mp3']) {
      const fifo = join(fx.dataDir, name);
      execFileSync('mkfifo', [fifo]);
      fx.dialogs.enqueue('audio-files', [fifo]);
      await assert.rejects(
        withinMs(3000, fx.api.importAudio({})),
        new RegExp(`${name.replace('.', '\\.')} is not a regular file`),
      );
    }
    await withinMs(3000, fx.api.newProject());
    fx.dialogs.enqueue('audio-files', [corpusFile('speech_espeak_en-us.wav')]);
    const { trackIds } = await withinMs(5000, fx.api.importAudio({}));
    assert.equal(trackIds.length, 1);
    fx.dialogs.enqueue('save-folder', [join(fx.dataDir, 'After the pipe')]);
    await withinMs(5000, fx.api.saveProject());
  });
});
