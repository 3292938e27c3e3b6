// Export Stems in FLAC and MP3, at the project's own rate, and of the selection only; Show in
// folder reveals only files this session exported, and only where the host can (the desktop app).
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { FLACDecoder } from '@wasm-audio-decoders/flac';
import { MPEGDecoder } from 'mpg123-decoder';
import { readWav } from '../../src/main/audio';
import { corpusFile } from '../fixtures/paths';
import { editorFixture, type EditorFixture } from './editor-fixture';

describe('export formats, selection and Show in folder', () => {
  let fx: EditorFixture;
  let flute: string;
  let piano: string;
  const shown: string[] = [];
  before(async () => {
    fx = await editorFixture({ showInFolder: (file) => shown.push(file) });
    fx.dialogs.enqueue('audio-files', [
      corpusFile('flute_acoustic_073-060-127.wav'),
      corpusFile('long_piano_melody_44k_stereo.wav'),
    ]);
    [flute, piano] = (await fx.api.importAudio({})).trackIds as [string, string];
    await fx.api.editProject({ type: 'move-clip', trackId: flute, start: 1 });
  });
  after(() => fx.close());

  async function exportTo(name: string, request: Record<string, unknown>) {
    const folder = join(fx.dataDir, name);
    await mkdir(folder);
    fx.dialogs.enqueue('export-folder', [folder]);
    return fx.api.exportStems({
      trackIds: [flute],
      sampleFormat: 'pcm24',
      sampleRate: 16000,
      padToCommonLength: false,
      namingPattern: '{track}',
      ...request,
    });
  }

  test('FLAC at the project rate (16 kHz) holds the WAV export’s samples', async () => {
    const flac = await exportTo('flac', { fileFormat: 'flac' });
    const wav = await exportTo('wav', {});
    assert.equal(basename(flac!.stems[0]!.file), 'flute_acoustic_073-060-127.flac');
    const decoder = new FLACDecoder();
    await decoder.ready;
    const decoded = await decoder.decodeFile(await readFile(flac!.stems[0]!.file));
    decoder.free();
    const reference = (await readWav(wav!.stems[0]!.file)).audio.channels[0]!;
    assert.equal(decoded.sampleRate, 16000);
    assert.equal(decoded.bitDepth, 24);
    assert.equal(decoded.samplesDecoded, reference.length);
    // 1 s of silence (the clip starts at 1 s), then the flute, sample for sample.
    let worst = 0;
    for (let i = 0; i < reference.length; i++)
      worst = Math.max(worst, Math.abs(decoded.channelData[0]![i]! - reference[i]!));
    assert.ok(worst < 2 ** -22, `largest difference ${worst}`);
    assert.ok(reference.slice(0, 15000).every((v) => Math.abs(v) < 1e-6));
  });

  test('MP3 of the selection: only that stretch, stereo, at 48 kHz', async () => {
    const result = await exportTo('mp3', {
      trackIds: [piano, flute],
      fileFormat: 'mp3',
      mp3Bitrate: 192,
      sampleRate: 48000,
      range: { start: 2, end: 4.5 },
    });
    assert.deepEqual(
      result!.stems.map((s) => [basename(s.file), s.frames, s.channels]),
      [
        ['long_piano_melody_44k_stereo.mp3', 2.5 * 48000, 2],
        ['flute_acoustic_073-060-127.mp3', 2.5 * 48000, 1],
      ],
    );
    const decoder = new MPEGDecoder();
    await decoder.ready;
    const decoded = decoder.decode(await readFile(result!.stems[0]!.file));
    decoder.free();
    assert.equal(decoded.sampleRate, 48000);
    assert.equal(decoded.channelData.length, 2);
    // 2.5 s plus the codec's delay and padding (under 0.1 s).
    const seconds = decoded.samplesDecoded / 48000;
    assert.ok(seconds >= 2.5 && seconds < 2.6, `${seconds} s`);
  });

  test('settings a format cannot hold are refused before anything is written', async () => {
    await assert.rejects(
      exportTo('flac-float', { fileFormat: 'flac', sampleFormat: 'float32' }),
      /FLAC holds 16- or 24-bit samples, not 32-bit float/,
    );
    await assert.rejects(
      exportTo('mp3-96k', { fileFormat: 'mp3', sampleRate: 96000 }),
      /MP3 cannot hold 96 kHz/,
    );
    await assert.rejects(
      exportTo('bad-range', { range: { start: 3, end: 1 } }),
      /the selection must end after it starts/,
    );
  });

  test('Show in folder reveals exported files only', async () => {
    const result = await exportTo('shown', {});
    const file = result!.stems[0]!.file;
    await fx.api.showInFolder(file);
    assert.deepEqual(shown, [file]);
    await assert.rejects(
      fx.api.showInFolder(corpusFile('flute_acoustic_073-060-127.wav')),
      /is not a file this session exported/,
    );
    assert.equal(shown.length, 1);
  });
});
