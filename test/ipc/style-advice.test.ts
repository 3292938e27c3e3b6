// transfer:style-advice through the handler table: a held violin note is named, speech is not,
// and a track that does not exist is a sentence, not a crash. Recent offers untitled autosaves.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { IpcCallError } from '../../src/shared/ipc-client';
import { corpusFile } from '../fixtures/paths';
import { editorFixture, type EditorFixture } from './editor-fixture';

describe('style advice and untitled autosaves', () => {
  let fx: EditorFixture;
  before(async () => {
    fx = await editorFixture();
  });
  after(() => fx.close());

  test('a style clip that holds one note is named; speech is not', async () => {
    fx.dialogs.enqueue('audio-files', [
      corpusFile('speech_espeak_en-us.wav'),
      corpusFile('string_acoustic_040-062-100.wav'),
    ]);
    const { trackIds } = await fx.api.importAudio({});
    const [speech, violin] = trackIds;
    assert.deepEqual((await fx.api.styleAdvice(violin!)).sustainedNote?.note, 'D4');
    assert.equal((await fx.api.styleAdvice(speech!)).sustainedNote, null);
    await assert.rejects(fx.api.styleAdvice('no-such-track'), (error: unknown) => {
      assert.ok(error instanceof IpcCallError);
      assert.match(error.message, /no track with id "no-such-track"/);
      return true;
    });
  });

  test('after New, Recent offers the untitled session with its tracks, and it opens', async () => {
    const before = await fx.api.getProject();
    assert.equal(before.folder, null);
    await fx.api.newProject();
    const recent = await fx.api.recentProjects();
    const autosaved = recent.filter((r) => r.autosaved);
    assert.equal(autosaved.length, 1, 'the empty new session is not offered');
    const reopened = await fx.api.openProject(autosaved[0]!.folder);
    assert.equal(reopened?.document.tracks.length, 2);
    assert.equal(reopened?.folder, null, 'it is still untitled');
  });
});
