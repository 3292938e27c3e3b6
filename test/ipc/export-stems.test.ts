// Export Stems writes each chosen track as a WAV in the chosen format and rate, with its gain,
// placed at its position from the session start, padded to one length when asked, and never
// over a project clip.
import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readWav, samplePeakDb } from '../../src/main/audio';
import { corpusFile } from '../fixtures/paths';
import { editorFixture, type EditorFixture } from './editor-fixture';

function firstSound(channel: Float32Array): number {
  return channel.findIndex((v) => Math.abs(v) > 1e-4);
}

describe('export stems', () => {
  let fx: EditorFixture;
  let piano: string;
  let violin: string;
  before(async () => {
    fx = await editorFixture();
    fx.dialogs.enqueue('audio-files', [
      corpusFile('long_piano_melody_44k_stereo.wav'),
      corpusFile('string_acoustic_040-062-100.wav'),
    ]);
    [piano, violin] = (await fx.api.importAudio({})).trackIds as [string, string];
    await fx.api.editProject({ type: 'move-clip', trackId: violin, start: 2 });
    await fx.api.editProject({ type: 'set-track-gain', trackId: violin, gainDb: -6 });
  });
  after(() => fx.close());

  test('24-bit at 48 kHz, padded: aligned to the session start, gain applied, one length', async () => {
    const folder = join(fx.dataDir, 'stems-48k');
    await mkdir(folder);
    fx.dialogs.enqueue('export-folder', [folder]);
    const result = await fx.api.exportStems({
      trackIds: [piano, violin],
      sampleFormat: 'pcm24',
      sampleRate: 48000,
      padToCommonLength: true,
      namingPattern: '{n} {track}',
    });
    assert.ok(result);
    assert.deepEqual(
      result.stems.map((s) => basename(s.file)),
      ['01 long_piano_melody_44k_stereo.wav', '02 string_acoustic_040-062-100.wav'],
    );
    const pianoStem = await readWav(result.stems[0]!.file);
    const violinStem = await readWav(result.stems[1]!.file);
    for (const stem of [pianoStem, violinStem]) {
      assert.equal(stem.format.codec, 'pcm');
      assert.equal(stem.format.bitDepth, 24);
      assert.equal(stem.audio.sampleRate, 48000);
      assert.equal(stem.audio.channels[0]!.length, 12 * 48000);
    }
    assert.equal(pianoStem.audio.channels.length, 2);
    assert.equal(violinStem.audio.channels.length, 1);
    // The violin starts 2 s into the session: silence before, sound from there.
    const onset = firstSound(violinStem.audio.channels[0]!);
    assert.ok(onset >= 2 * 48000 && onset < 2 * 48000 + 480, `violin starts at sample ${onset}`);
    // -10.6 dBFS in the corpus, -6 dB of track gain.
    const peak = samplePeakDb(violinStem.audio);
    assert.ok(Math.abs(peak - (-10.6 - 6)) < 0.5, `violin stem peak ${peak} dBFS`);
    assert.ok(Math.abs(samplePeakDb(pianoStem.audio) + 3) < 0.3);
  });

  test('32-bit float at 96 kHz without padding keeps each length', async () => {
    const folder = join(fx.dataDir, 'stems-96k');
    await mkdir(folder);
    fx.dialogs.enqueue('export-folder', [folder]);
    const result = await fx.api.exportStems({
      trackIds: [violin, piano],
      sampleFormat: 'float32',
      sampleRate: 96000,
      padToCommonLength: false,
      namingPattern: '{project} - {role}',
    });
    assert.deepEqual(
      result?.stems.map((s) => basename(s.file)),
      ['Untitled - style.wav', 'Untitled - content.wav'],
    );
    const violinStem = await readWav(result!.stems[0]!.file);
    assert.equal(violinStem.format.codec, 'float');
    assert.equal(violinStem.format.bitDepth, 32);
    assert.equal(violinStem.audio.channels[0]!.length, 6 * 96000);
    assert.equal(result!.stems[1]!.frames, 12 * 96000);
  });

  test('names that collide are numbered; project clips are never overwritten', async () => {
    const folder = join(fx.dataDir, 'stems-same');
    await mkdir(folder);
    fx.dialogs.enqueue('export-folder', [folder]);
    const result = await fx.api.exportStems({
      trackIds: [piano, violin],
      sampleFormat: 'pcm16',
      sampleRate: 44100,
      padToCommonLength: true,
      namingPattern: 'stem',
    });
    assert.deepEqual(
      result?.stems.map((s) => basename(s.file)),
      ['stem.wav', 'stem 2.wav'],
    );
    fx.dialogs.enqueue('export-folder', [join(fx.editor.session.folder, 'audio')]);
    await assert.rejects(
      fx.api.exportStems({
        trackIds: [piano],
        sampleFormat: 'pcm16',
        sampleRate: 44100,
        padToCommonLength: false,
        namingPattern: '{track}',
      }),
      /Refusing to overwrite long_piano_melody_44k_stereo\.wav/,
    );
  });

  test('a folder the user did not choose is refused; a cancelled dialog exports nothing', async () => {
    await assert.rejects(
      fx.api.exportStems({
        trackIds: [piano],
        sampleFormat: 'pcm16',
        sampleRate: 44100,
        padToCommonLength: false,
        namingPattern: '{track}',
        folder: '/tmp',
      }),
      /was not chosen in a dialog/,
    );
    fx.dialogs.enqueue('export-folder', null);
    assert.equal(
      await fx.api.exportStems({
        trackIds: [piano],
        sampleFormat: 'pcm16',
        sampleRate: 44100,
        padToCommonLength: false,
        namingPattern: '{track}',
      }),
      null,
    );
  });

  test("existing files are never replaced without confirmation, nor the user's sources at all", async () => {
    const folder = join(fx.dataDir, 'stems-again');
    await mkdir(folder);
    const request = {
      trackIds: [piano],
      sampleFormat: 'pcm16' as const,
      sampleRate: 44100 as const,
      padToCommonLength: false,
      namingPattern: 'mix',
    };
    fx.dialogs.enqueue('export-folder', [folder]);
    await fx.api.exportStems(request);
    const first = await readFile(join(folder, 'mix.wav'));
    fx.dialogs.enqueue('export-folder', [folder]);
    await assert.rejects(
      fx.api.exportStems({ ...request, sampleFormat: 'float32' }),
      /already exists in .*\(mix\.wav\).*confirm replacing/,
    );
    assert.deepEqual(await readFile(join(folder, 'mix.wav')), first);
    fx.dialogs.enqueue('export-folder', [folder]);
    const replaced = await fx.api.exportStems({
      ...request,
      sampleFormat: 'float32',
      replace: true,
    });
    assert.equal(replaced?.stems.length, 1);
    assert.notDeepEqual(await readFile(join(folder, 'mix.wav')), first);

    // A source the user imported, in the folder chosen for the stems: never replaced.
    const sources = join(fx.dataDir, 'my-sources');
    await mkdir(sources);
    const source = join(sources, 'song.wav');
    await copyFile(corpusFile('speech_espeak_en-us.wav'), source);
    const original = await readFile(source);
    fx.dialogs.enqueue('audio-files', [source]);
    const [song] = (await fx.api.importAudio({})).trackIds;
    fx.dialogs.enqueue('export-folder', [sources]);
    await assert.rejects(
      fx.api.exportStems({
        ...request,
        trackIds: [song!],
        namingPattern: '{track}',
        replace: true,
      }),
      /Refusing to overwrite song\.wav/,
    );
    assert.deepEqual(await readFile(source), original);
  });
});
