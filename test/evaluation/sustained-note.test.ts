// A style clip that holds one note imprints its pitch: the check tells the corpus's 24 single-note
// clips (flute, piano, guitar, violin; their pitch is in their names) from its melody, speech and
// drum clips, and names the held note.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { styleAdvice } from '../../src/main/evaluation/style-advice';
import {
  heldPitch,
  noteName,
  pitchFollowing,
  pitchTrack,
  PITCH_RATE,
  SUSTAINED_SHARE,
} from '../../src/main/evaluation/pitch-track';
import { monoAtRate } from '../../src/main/evaluation/quality-files';
import { corpusManifest } from '../fixtures/corpus-manifest';
import { loadCorpusClip } from '../fixtures/corpus-audio';
import { corpusFile } from '../fixtures/paths';

const NOTE_CLIP = /^\w+_acoustic_\d{3}-(\d{3})-\d{3}\.wav$/;

async function track(file: string): Promise<Float64Array> {
  return pitchTrack(await monoAtRate(loadCorpusClip(file), PITCH_RATE, 'medium'));
}

describe('sustained-note check', () => {
  test('every single-note corpus clip is one held note, named right', async () => {
    const notes = corpusManifest().filter((e) => NOTE_CLIP.test(e.file));
    assert.equal(notes.length, 24);
    for (const entry of notes) {
      const midi = Number(NOTE_CLIP.exec(entry.file)![1]);
      const advice = await styleAdvice(corpusFile(entry.file));
      assert.ok(advice.sustainedNote, `${entry.file} is a held note`);
      // A1's 55 Hz is a bin and a half wide at 16 kHz: a semitone's slack.
      const tolerance = midi < 40 ? 1 : 0;
      const named = [midi - 1, midi, midi + 1].filter((m) => Math.abs(m - midi) <= tolerance);
      assert.ok(
        named.map(noteName).includes(advice.sustainedNote.note),
        `${entry.file}: ${advice.sustainedNote.note}, expected ${noteName(midi)}`,
      );
    }
  });

  test('the melody, speech and drum clips are not', async () => {
    for (const file of [
      'long_piano_melody_44k_stereo.wav',
      'long_drum_bass_loop_44k_stereo.wav',
      'speech_espeak_en-us.wav',
      'drums_groove_120bpm.wav',
    ]) {
      const held = heldPitch(await track(file))!;
      assert.ok(
        held.share < SUSTAINED_SHARE - 0.1,
        `${file} holds one pitch ${held.share} of the time`,
      );
      assert.equal((await styleAdvice(corpusFile(file))).sustainedNote, null);
    }
  });

  test('a clip follows its own pitch and not another note', async () => {
    const melody = await track('long_piano_melody_44k_stereo.wav');
    const violin = heldPitch(await track('string_acoustic_040-062-100.wav'))!;
    const self = pitchFollowing(melody, melody, violin.midi);
    assert.equal(self.content, 1);
    assert.ok(self.style < 0.2, `the melody sits on the violin's D4 ${self.style} of the time`);
  });
});
