// Issue 10, item 7: a symbolic link inside a project folder is never followed: a clip that links
// to a private file is missing (not served, not analysed, not rendered), and Save As does not copy
// the link's target into the new project.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, rm, symlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { corpusFile } from '../fixtures/paths';
import { editorFixture, type EditorFixture } from '../ipc/editor-fixture';

describe('symbolic links in a project folder', () => {
  let fx: EditorFixture;
  before(async () => {
    fx = await editorFixture();
  });
  after(() => fx.close());

  test('a clip that links elsewhere is missing, never served, analysed or copied', async () => {
    const project = join(fx.dataDir, 'Linked');
    fx.dialogs.enqueue('audio-files', [corpusFile('speech_espeak_en-us.wav')]);
    const { trackIds } = await fx.api.importAudio({});
    fx.dialogs.enqueue('save-folder', [project]);
    await fx.api.saveProject();
    const clip = fx.editor.session.current.tracks[0]!.clip;
    // Behind the app, the clip becomes a link to a private file (a WAV, so it would play).
    const secret = join(fx.dataDir, 'private.wav');
    await copyFile(corpusFile('string_acoustic_040-069-080.wav'), secret);
    await rm(join(project, clip.file));
    await symlink(secret, join(project, clip.file));
    await fx.api.newProject();
    const reopened = await fx.api.openProject(project);
    assert.deepEqual(reopened?.missing, [clip.id]);
    assert.equal(reopened?.media[clip.id], undefined, 'a linked clip is not served');
    await assert.rejects(fx.api.getLanes(trackIds[0]!), /symbolic link/);

    const copy = join(fx.dataDir, 'Copy');
    fx.dialogs.enqueue('save-folder', [copy]);
    await fx.api.saveProjectAs();
    assert.equal(existsSync(join(copy, clip.file)), false, "the link's target was copied");
  });

  test('a linked audio folder is not followed either', async () => {
    const project = fx.editor.session.folder;
    const clip = fx.editor.session.current.tracks[0]!.clip;
    // A real WAV of the clip's name, in a folder outside the project that audio/ links to.
    const elsewhere = join(fx.dataDir, 'elsewhere');
    await mkdir(elsewhere);
    await copyFile(
      corpusFile('string_acoustic_040-069-080.wav'),
      join(elsewhere, basename(clip.file)),
    );
    await rm(join(project, 'audio'), { recursive: true });
    await symlink(elsewhere, join(project, 'audio'));
    await fx.api.newProject();
    const reopened = await fx.api.openProject(project);
    assert.deepEqual(reopened?.missing, [clip.id]);
    assert.equal(reopened?.media[clip.id], undefined);
  });
});
