// The fast method's handlers with the real cache and engine: choosing a content folder (one with
// no WAV is refused, naming it), training a generator from a project track (paths only from a
// dialog), and several clips at once refused for a method that needs style tracks.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { corpusFile } from '../fixtures/paths';
import { editorFixture, type EditorFixture } from './editor-fixture';

const scratch = mkdtempSync(join(tmpdir(), 'timbrefold-ipc-generator-'));

describe('generator handlers', () => {
  let fx: EditorFixture;
  before(async () => {
    fx = await editorFixture();
  });
  after(async () => {
    await fx.close();
    rmSync(scratch, { recursive: true, force: true });
  });

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

  test('a content folder is counted, searched recursively; one with no WAV is refused', async () => {
    const empty = join(scratch, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'notes.txt'), 'no audio here');
    fx.dialogs.enqueue('training-folder', [empty]);
    assert.match(
      await refusal('models:choose-content'),
      new RegExp(`The content folder ${empty} has no WAV files`),
    );
    const content = join(scratch, 'content');
    mkdirSync(join(content, 'deeper'), { recursive: true });
    symlinkSync(
      corpusFile('keyboard_acoustic_000-033-080.wav'),
      join(content, 'keyboard_acoustic_000-033-080.wav'),
    );
    symlinkSync(
      corpusFile('guitar_acoustic_024-040-112.wav'),
      join(content, 'deeper', 'guitar_acoustic_024-040-112.wav'),
    );
    fx.dialogs.enqueue('training-folder', [content]);
    assert.deepEqual(await fx.api.chooseContentFolder(), { folder: content, clips: 2 });
  });

  test('training a generator needs a granted folder and a track of the project', async () => {
    fx.dialogs.enqueue('audio-files', [corpusFile('flute_acoustic_073-072-100.wav')]);
    const [style] = (await fx.api.importAudio({ role: 'style' })).trackIds;
    const never = join(scratch, 'never-chosen');
    mkdirSync(never);
    assert.match(
      await refusal('models:train-generator', {
        styleTrackId: style,
        data: never,
        epochs: 1,
        name: 'g',
      }),
      /choose it in a dialog|was not chosen/i,
    );
    assert.match(
      await refusal('models:train-generator', {
        styleTrackId: 'no-such-track',
        data: join(scratch, 'content'),
        epochs: 1,
        name: 'g',
      }),
      /no-such-track/,
    );
  });

  test('several clips at once are refused for a method that needs style tracks', async () => {
    fx.dialogs.enqueue('audio-files', [corpusFile('keyboard_acoustic_000-069-127.wav')]);
    const [a] = (await fx.api.importAudio({ role: 'content' })).trackIds;
    fx.dialogs.enqueue('audio-files', [corpusFile('guitar_acoustic_024-064-100.wav')]);
    const [b] = (await fx.api.importAudio({ role: 'content' })).trackIds;
    const style = (await fx.api.getProject()).document.tracks.find((t) => t.role === 'style')!;
    assert.match(
      await refusal(
        'transfer:start-batch',
        {
          method: 'shallow',
          preset: 'default',
          contentTrackId: a,
          styles: [{ trackId: style.id, weight: 1 }],
          settings: {},
          region: null,
        },
        [a, b],
      ),
      /Several clips at once are for a method with its style in its model/,
    );
    assert.match(
      await refusal(
        'transfer:start-batch',
        {
          method: 'fast',
          preset: 'generator',
          contentTrackId: a,
          styles: [],
          settings: {},
          region: null,
        },
        [a, style.id],
      ),
      /is not a content track/,
    );
    assert.equal((await fx.api.listJobs()).length, 0, 'nothing was started');
  });
});
