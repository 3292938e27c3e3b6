// A project is a folder: edits reach project.json on their own within moments (autosave), Save As
// copies the project into a folder the user chose, reopening restores every track and edit, and
// the recent list remembers it. Undo and redo go through the same API the page uses.
import assert from 'node:assert/strict';
import { readFile, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ProjectDocument } from '../../src/shared/ipc-project';
import { corpusFile } from '../fixtures/paths';
import { editorFixture, type EditorFixture } from '../ipc/editor-fixture';

async function saved(folder: string): Promise<ProjectDocument> {
  return JSON.parse(await readFile(join(folder, 'project.json'), 'utf8')) as ProjectDocument;
}

async function until<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(30);
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe('saving and opening projects', () => {
  let fx: EditorFixture;
  let target: string;
  before(async () => {
    fx = await editorFixture({ autosaveDelayMs: 50 });
    target = join(fx.dataDir, 'Saved Song');
  });
  after(() => fx.close());

  test('edits are autosaved to project.json without asking', async () => {
    const scratch = fx.editor.session.folder;
    fx.dialogs.enqueue('audio-files', [
      corpusFile('long_piano_melody_44k_stereo.wav'),
      corpusFile('string_acoustic_040-069-080.wav'),
    ]);
    const { trackIds } = await fx.api.importAudio({});
    await fx.api.editProject({ type: 'set-track-gain', trackId: trackIds[1]!, gainDb: -6 });
    const document = await until('the autosave', async () => {
      const d = await saved(scratch);
      return d.tracks[1]?.gainDb === -6 ? d : undefined;
    });
    assert.equal(document.tracks.length, 2);
    assert.equal(document.tracks[0]!.role, 'content');
  });

  test('undo and redo go back and forth through edits', async () => {
    const [content, style] = fx.editor.session.current.tracks;
    await fx.api.editProject({ type: 'rename-track', trackId: content!.id, name: 'Piano' });
    await fx.api.editProject({ type: 'set-selection', selection: { start: 1, end: 5 } });
    let snapshot = await fx.api.undo();
    assert.equal(snapshot.document.selection, null);
    assert.equal(snapshot.redo, 'Select region');
    snapshot = await fx.api.undo();
    assert.equal(snapshot.document.tracks[0]!.name, 'long_piano_melody_44k_stereo');
    snapshot = await fx.api.undo();
    assert.equal(snapshot.document.tracks[1]!.gainDb, 0);
    snapshot = await fx.api.redo();
    assert.equal(snapshot.document.tracks[1]!.gainDb, -6);
    snapshot = await fx.api.redo();
    assert.equal(snapshot.document.tracks[0]!.name, 'Piano');
    snapshot = await fx.api.redo();
    assert.deepEqual(snapshot.document.selection, { start: 1, end: 5 });
    assert.equal(snapshot.document.tracks[0]!.name, 'Piano');
    assert.equal(style!.id, snapshot.document.tracks[1]!.id);
  });

  test('Save on an untitled project asks for a folder and moves the project there', async () => {
    const scratch = fx.editor.session.folder;
    fx.dialogs.enqueue('save-folder', [target]);
    const snapshot = await fx.api.saveProject();
    assert.equal(snapshot?.folder, target);
    assert.equal(snapshot?.document.name, 'Saved Song');
    const document = await saved(target);
    assert.equal(document.tracks.length, 2);
    const audio = await readdir(join(target, 'audio'));
    assert.deepEqual(audio.sort(), [
      'long_piano_melody_44k_stereo.wav',
      'string_acoustic_040-069-080.wav',
    ]);
    await assert.rejects(stat(scratch), 'the untitled scratch folder is removed once saved');
    const recent = await fx.api.recentProjects();
    assert.equal(recent[0]?.folder, target);
  });

  test('a new project, then reopening the saved one from the recent list, restores it', async () => {
    const fresh = await fx.api.newProject();
    assert.equal(fresh.document.tracks.length, 0);
    assert.equal(fresh.folder, null);
    const reopened = await fx.api.openProject(target);
    assert.equal(reopened?.folder, target);
    assert.equal(reopened?.document.tracks[0]!.name, 'Piano');
    assert.deepEqual(reopened?.document.selection, { start: 1, end: 5 });
    assert.equal(reopened?.undo, null, 'a reopened project starts a fresh history');
    assert.deepEqual(reopened?.missing, []);
  });

  test('Save As onto a folder that holds another project refuses and leaves it whole', async () => {
    const before = await readFile(join(target, 'project.json'), 'utf8');
    await fx.api.newProject();
    fx.dialogs.enqueue('audio-files', [corpusFile('long_piano_melody_44k_stereo.wav')]);
    await fx.api.importAudio({});
    fx.dialogs.enqueue('save-folder', [target]);
    await assert.rejects(fx.api.saveProjectAs(), /already holds a Timbrefold project/);
    assert.equal(await readFile(join(target, 'project.json'), 'utf8'), before);
    assert.notEqual(fx.editor.session.folder, target);
    await fx.api.newProject();
    await fx.api.openProject(target);
  });

  test('a clip deleted behind the app is marked missing, not fatal', async () => {
    const clip = fx.editor.session.current.tracks[1]!.clip;
    await rm(join(target, clip.file));
    await fx.api.newProject();
    const reopened = await fx.api.openProject(target);
    assert.deepEqual(reopened?.missing, [clip.id]);
    await assert.rejects(fx.api.getLanes(fx.editor.session.current.tracks[1]!.id), /was not found/);
  });
});
