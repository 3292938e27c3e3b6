// Issue 10, item 5: a path the user chose to read can never be written through the editor: only a
// place chosen in a save dialog may be, and a place to save is not thereby a file to read.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PathGrants } from '../../src/main/ipc/path-grants';
import { corpusFile } from '../fixtures/paths';
import { editorFixture, type EditorFixture } from './editor-fixture';

const sha256 = (path: string): string =>
  createHash('sha256').update(readFileSync(path)).digest('hex');

describe('path grants say what a path may be used for', () => {
  test('a grant to read is not a grant to write, nor the other way round', () => {
    const grants = new PathGrants();
    grants.grant('/music/victim.wav', 'read');
    grants.grant('/exports', 'write');
    assert.equal(grants.require('/music/victim.wav', 'paths[0]', 'read'), '/music/victim.wav');
    assert.throws(
      () => grants.require('/music/victim.wav', 'file', 'write'),
      /chosen to be read, not as a place to save/,
    );
    assert.throws(() => grants.require('/exports', 'paths[0]', 'read'), /not to be read/);
    assert.throws(() => grants.require('/elsewhere', 'file', 'write'), /was not chosen/);
    assert.equal(grants.has('/exports', 'write'), true);
    assert.equal(grants.has('/exports', 'read'), false);
  });

  describe('through the editor', () => {
    let fx: EditorFixture;
    before(async () => {
      fx = await editorFixture();
    });
    after(() => fx.close());

    test('an imported file cannot be replaced by a model export or used as a stem folder', async () => {
      const victim = join(fx.dataDir, 'victim.wav');
      copyFileSync(corpusFile('speech_espeak_en-us.wav'), victim);
      const before = sha256(victim);
      fx.dialogs.enqueue('audio-files', [victim]);
      const { trackIds } = await fx.api.importAudio({});
      await assert.rejects(
        fx.api.exportModel({ name: 'demo-verma-smith', file: victim }),
        /chosen to be read, not as a place to save/,
      );
      assert.equal(sha256(victim), before);
      const folder = join(fx.dataDir, 'imported-from');
      mkdirSync(folder);
      fx.dialogs.enqueue('project-folder', [folder]);
      await fx.api.openProject().catch(() => undefined); // not a project; the grant stays
      await assert.rejects(
        fx.api.exportStems({
          trackIds,
          folder,
          sampleFormat: 'pcm16',
          sampleRate: 48000,
          padToCommonLength: false,
          namingPattern: '{track}',
        }),
        /chosen to be read, not as a place to save/,
      );
    });
  });
});
