// Importing copies the user's file into the project (never writing the original), measures it,
// and the lanes the page draws come from the real audio: peaks match the clip's sample peak and a
// sine's spectrogram peaks at its frequency and level.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import WaveformData from 'waveform-data';
import { LANE_LEVEL_RANGE_DB, PEAKS_TIMEBASE } from '../../src/shared/ipc-lanes';
import { corpusFile } from '../fixtures/paths';
import { editorFixture, type EditorFixture } from './editor-fixture';

function largest(values: ArrayLike<number>): number {
  let top = -Infinity;
  for (let i = 0; i < values.length; i++) top = Math.max(top, values[i]!);
  return top;
}

async function sha(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

describe('importing audio and its lanes', () => {
  let fx: EditorFixture;
  before(async () => {
    fx = await editorFixture();
  });
  after(() => fx.close());

  test('a WAV is copied into the project, measured, and never written', async () => {
    const source = corpusFile('long_piano_melody_44k_stereo.wav');
    const before = await sha(source);
    fx.dialogs.enqueue('audio-files', [source]);
    const result = await fx.api.importAudio({});
    const track = result.snapshot.document.tracks.find((t) => t.id === result.trackIds[0])!;
    assert.equal(track.role, 'content', 'the first import is the content');
    assert.equal(track.name, 'long_piano_melody_44k_stereo');
    assert.equal(track.clip.sampleRate, 44100);
    assert.equal(track.clip.channels, 2);
    assert.equal(track.clip.frames, 12 * 44100);
    // The corpus README: peak -3.0 dBFS.
    assert.ok(Math.abs(track.clip.peakDb! + 3) < 0.1, `peak ${track.clip.peakDb}`);
    assert.ok(
      track.clip.loudnessLufs! < -10 && track.clip.loudnessLufs! > -30,
      `${track.clip.loudnessLufs} LUFS`,
    );
    const copy = fx.editor.session.pathOf(track.clip.file);
    assert.match(track.clip.file, /^audio\/long_piano_melody_44k_stereo\.wav$/);
    assert.equal(await sha(copy), before);
    assert.equal(await sha(source), before, 'the original was written');
    assert.match(
      result.snapshot.media[track.clip.id]!,
      /^http:\/\/media\.test\/media\/[0-9a-f]{24}\//,
    );
  });

  test('waveform peaks follow the clip: 1 ms per pixel, peak at -3 dBFS', async () => {
    const track = fx.editor.session.current.tracks[0]!;
    const lanes = await fx.api.getLanes(track.id);
    assert.equal(lanes.duration, 12);
    assert.equal(lanes.peaks.sampleRate, PEAKS_TIMEBASE);
    const waveform = WaveformData.create(lanes.peaks.data.slice().buffer);
    assert.equal(waveform.length, 12000);
    assert.ok(Math.abs(waveform.duration - 12) < 0.01, `duration ${waveform.duration}`);
    const channel = waveform.channel(0);
    const top = Math.max(largest(channel.max_array()), -Math.min(...channel.min_array()));
    assert.ok(Math.abs(top - Math.round(127 * 10 ** (-3 / 20))) <= 2, `peak ${top} of 127`);
    // The melody fades out over its last 0.3 s: the last pixels are near silence.
    assert.ok(Math.max(...channel.max_array().slice(-20)) < 10);
    const { spectrogram } = lanes;
    assert.equal(spectrogram.nFft, 2048);
    assert.equal(spectrogram.bins, 1025);
    assert.equal(spectrogram.frames, 1 + Math.floor((12 * 44100) / 512));
    assert.equal(spectrogram.levels.length, spectrogram.frames * spectrogram.bins);
    assert.equal(largest(spectrogram.levels), 255);
  });

  test("a sine's spectrogram lane peaks at its frequency and level", async () => {
    const rate = 16000;
    const sine = Float32Array.from(
      { length: rate * 2 },
      (_, i) => 0.5 * Math.sin((2 * Math.PI * 1000 * i) / rate),
    );
    const result = await fx.api.importPcm({
      name: 'sine 1k',
      sampleRate: rate,
      channels: [sine],
      role: 'style',
    });
    const lanes = await fx.api.getLanes(result.trackIds[0]!);
    const { spectrogram } = lanes;
    assert.equal(spectrogram.nFft, 512);
    const frame = Math.floor(spectrogram.frames / 2);
    const row = spectrogram.levels.subarray(
      frame * spectrogram.bins,
      (frame + 1) * spectrogram.bins,
    );
    const peakBin = row.indexOf(largest(row));
    assert.equal(peakBin, (1000 * spectrogram.nFft) / rate);
    assert.ok(
      Math.abs(spectrogram.topDb - 20 * Math.log10(0.5)) < 0.2,
      `top ${spectrogram.topDb} dB`,
    );
    assert.equal(spectrogram.rangeDb, LANE_LEVEL_RANGE_DB);
    // Far from the tone the level is well below the peak.
    assert.ok(row[peakBin * 3]! < 128);
    // Page-decoded audio is stored losslessly as 32-bit float.
    const stored = await readFile(
      fx.editor.session.pathOf(result.snapshot.document.tracks.at(-1)!.clip.file),
    );
    assert.equal(stored.readUInt16LE(20), 3, 'WAVE_FORMAT_IEEE_FLOAT');
  });

  test('dropped WAV bytes import; a file that is not audio is refused by name', async () => {
    const bytes = new Uint8Array(await readFile(corpusFile('drums_groove_120bpm.wav')));
    const result = await fx.api.importWavBytes({ name: 'drums.wav', bytes, role: 'style' });
    assert.equal(
      result.snapshot.document.tracks.find((t) => t.id === result.trackIds[0])?.clip.duration,
      4,
    );
    await assert.rejects(
      fx.api.importWavBytes({
        name: 'notes.wav',
        bytes: new TextEncoder().encode('hello there, not a wav'),
        role: 'style',
      }),
      /notes\.wav is not a WAV file/,
    );
  });

  test('compressed files come back for the page to decode', async () => {
    const mp3 = join(fx.dataDir, 'song.mp3');
    await writeFile(mp3, Uint8Array.of(0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0));
    fx.dialogs.enqueue('audio-files', [mp3]);
    const tracksBefore = fx.editor.session.current.tracks.length;
    const result = await fx.api.importAudio({});
    assert.equal(result.trackIds.length, 0);
    assert.equal(result.toDecode.length, 1);
    assert.equal(result.toDecode[0]!.name, 'song.mp3');
    assert.match(result.toDecode[0]!.url, /^http:\/\/media\.test\/media\/[0-9a-f]{24}\/song\.mp3$/);
    assert.equal(fx.editor.session.current.tracks.length, tracksBefore);
  });
});
