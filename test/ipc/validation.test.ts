// Every request is checked at the main side: a wrong type, range or shape, an unknown track or a
// path the user never chose is refused with one sentence naming the argument and the value.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { API_METHODS } from '../../src/shared/ipc-channels';
import { IpcCallError } from '../../src/shared/ipc-client';
import { corpusFile } from '../fixtures/paths';
import { editorFixture, type EditorFixture } from './editor-fixture';

describe('IPC validation', () => {
  let fx: EditorFixture;
  before(async () => {
    fx = await editorFixture();
  });
  after(() => fx.close());

  async function refusal(
    channel: Parameters<EditorFixture['call']>[0],
    ...args: unknown[]
  ): Promise<string> {
    const reply = await fx.call(channel, ...args);
    assert.equal(reply.ok, false, `${channel} accepted ${JSON.stringify(args)}`);
    if (reply.ok) return '';
    assert.equal(reply.error.userFacing, true, reply.error.message);
    return reply.error.message;
  }

  test('the page API has one method per channel, plus on() and pathForFile()', () => {
    for (const method of Object.keys(API_METHODS))
      assert.equal(
        typeof (fx.api as unknown as Record<string, unknown>)[method],
        'function',
        method,
      );
    assert.equal(typeof fx.api.on, 'function');
    assert.equal(fx.api.pathForFile({ name: 'x.wav' }), null);
  });

  test('out-of-range and mistyped values name the argument and the value', async () => {
    const gain = await refusal('project:edit', {
      type: 'set-track-gain',
      trackId: 'abc',
      gainDb: -100,
    });
    assert.match(gain, /gainDb/);
    assert.match(gain, /-100/);
    const type = await refusal('project:edit', { type: 'explode' });
    assert.match(type, /type/);
    const extra = await refusal('project:edit', {
      type: 'remove-track',
      trackId: 'abc',
      sneaky: 1,
    });
    assert.match(extra, /sneaky/);
    const nan = await refusal('transfer:start', {
      method: 'shallow',
      preset: 'default',
      contentTrackId: 'a',
      styles: [{ trackId: 'b', weight: -1 }],
      settings: {},
      region: null,
    });
    assert.match(nan, /styles\.0\.weight/);
    // No channels at all: a sentence naming them, not an internal TypeError (issue 10, item 10).
    const empty = await refusal('audio:import-pcm', {
      name: 'x.wav',
      sampleRate: 44100,
      channels: [],
      role: 'content',
    });
    assert.match(empty, /channels/);
    assert.doesNotMatch(empty, /Cannot read properties/);
    const arity = await refusal('track:lanes', 'a', 'b');
    assert.match(arity, /track:lanes/);
  });

  test('unknown tracks and jobs are refused by name', async () => {
    assert.match(await refusal('track:lanes', 'nosuchtrack'), /no track with id "nosuchtrack"/);
    assert.match(await refusal('transfer:cancel', 'job-99'), /no transfer job "job-99"/);
    assert.match(await refusal('project:undo'), /nothing to undo/i);
  });

  test('paths must be absolute and chosen by the user', async () => {
    assert.match(await refusal('audio:import', { paths: ['relative/file.wav'] }), /absolute path/);
    const path = corpusFile('drums_groove_120bpm.wav');
    assert.match(
      await refusal('audio:import', { paths: [path] }),
      /was not chosen in a dialog or dropped/,
    );
    assert.match(await refusal('project:open', '/etc'), /was not chosen/);
    // The same file is accepted once the user picked it in a dialog.
    fx.dialogs.enqueue('audio-files', [path]);
    const picked = await fx.api.importAudio({});
    assert.equal(picked.trackIds.length, 1);
    const again = await fx.api.importAudio({ paths: [path], role: 'style' });
    assert.equal(again.snapshot.document.tracks.at(-1)?.role, 'style');
  });

  test('PCM from the page must be well formed', async () => {
    const message = await refusal('audio:import-pcm', {
      name: 'x',
      sampleRate: 16000,
      channels: [new Float32Array(10), new Float32Array(11)],
      role: 'content',
    });
    assert.match(message, /same length/);
    const bad = new Float32Array(100);
    bad[42] = NaN;
    const nan = await refusal('audio:import-pcm', {
      name: 'Recording 1',
      sampleRate: 16000,
      channels: [bad],
      role: 'content',
    });
    assert.match(nan, /Recording 1 has a sample that is not a number \(channel 1, sample 42\)/);
    const list = await refusal('audio:import-pcm', {
      name: 'x',
      sampleRate: 16000,
      channels: [[0, 1]],
      role: 'content',
    });
    assert.match(list, /channels/);
  });

  test('errors reach the page API as IpcCallError with the same sentence', async () => {
    await assert.rejects(fx.api.getLanes('gone'), (error: unknown) => {
      assert.ok(error instanceof IpcCallError);
      assert.equal(error.userFacing, true);
      assert.match(error.message, /no track with id "gone"/);
      return true;
    });
  });
});
