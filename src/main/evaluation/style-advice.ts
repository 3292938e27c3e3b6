// What the transfer panel tells the user about a style clip before a transfer: whether it is a
// single sustained note, whose pitch every result would take on.
import type { StyleAdvice } from '../../shared/ipc-jobs';
import { readWav } from '../audio';
import { PITCH_RATE, hzOfMidi, sustainedNote } from './pitch-track';
import { monoAtRate } from './quality-files';

/** Enough of a clip to tell a held note from a melody; a long song is not read to its end. */
const MAX_SECONDS = 30;

export async function styleAdvice(path: string): Promise<StyleAdvice> {
  const { audio } = await readWav(path);
  const frames = Math.min(audio.channels[0]!.length, MAX_SECONDS * audio.sampleRate);
  const opening = { ...audio, channels: audio.channels.map((c) => c.subarray(0, frames)) };
  const mono = await monoAtRate(opening, PITCH_RATE, 'medium');
  let held = null;
  try {
    held = sustainedNote(mono);
  } catch {
    // Too short or silent to have a pitch: nothing to warn about.
  }
  return {
    sustainedNote: held && {
      note: held.note,
      hz: Math.round(hzOfMidi(held.midi)),
      share: Math.round(held.share * 100) / 100,
    },
  };
}
