// The strongest pitch of each frame, and whether a clip is one sustained note: a style clip that
// holds one pitch imprints that pitch on every result (its spectrum over time is the style). Also
// how much of a result's pitch follows the content's rather than the style's note. Pure functions
// over mono samples at PITCH_RATE.
import type { Hertz } from '../../shared/units';
import { magnitudeSpectrogram } from './quality-metrics';

/** The rate pitch is tracked at (7.8 Hz bins with QUALITY.md's n_fft 2048). */
export const PITCH_RATE: Hertz = 16000;

const LOWEST: Hertz = 40;
/** Nyquist over MIN_HARMONICS: C7 (2093 Hz) is in. */
const HIGHEST: Hertz = PITCH_RATE / 2 / 3;
/** Candidates a quarter semitone apart. */
const STEPS_PER_SEMITONE = 4;
const HARMONICS = 5;
const MIN_HARMONICS = 3;
/** Frames quieter than this below the loudest frame carry no pitch. */
const ACTIVE_DB = 30;

/** A frame's pitch in fractional MIDI notes (69 = A4 = 440 Hz), NaN where the frame is quiet. */
export type PitchTrack = Float64Array;

export function midiOfHz(hz: Hertz): number {
  return 69 + 12 * Math.log2(hz / 440);
}

export function hzOfMidi(midi: number): Hertz {
  return 440 * 2 ** ((midi - 69) / 12);
}

const NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];

/** "D4" for MIDI 62. */
export function noteName(midi: number): string {
  const n = Math.round(midi);
  return `${NAMES[((n % 12) + 12) % 12]}${Math.floor(n / 12) - 1}`;
}

/**
 * Each frame's pitch by harmonic sum: the candidate fundamental whose first five harmonics
 * (the strongest bin within one bin of each) hold the most magnitude.
 */
export function pitchTrack(samples: Float32Array): PitchTrack {
  const { frames, bins, data } = magnitudeSpectrogram(samples, 'the clip');
  const binHz = PITCH_RATE / (2 * (bins - 1));
  const energies = new Float64Array(frames);
  for (let t = 0; t < frames; t++) {
    let sum = 0;
    for (let k = 0; k < bins; k++) sum += data[t * bins + k]! ** 2;
    energies[t] = sum;
  }
  const loudest = Math.max(...energies);
  const floor = loudest * 10 ** (-ACTIVE_DB / 10);
  const lowMidi = midiOfHz(LOWEST);
  const candidates = Math.floor((midiOfHz(HIGHEST) - lowMidi) * STEPS_PER_SEMITONE);
  const track = new Float64Array(frames).fill(NaN);
  for (let t = 0; t < frames; t++) {
    if (!(energies[t]! > floor) || loudest === 0) continue;
    const row = data.subarray(t * bins, (t + 1) * bins);
    let best = -1;
    let bestMidi = NaN;
    for (let c = 0; c <= candidates; c++) {
      const midi = lowMidi + c / STEPS_PER_SEMITONE;
      const f0 = hzOfMidi(midi);
      let sum = 0;
      let counted = 0;
      for (let h = 1; h <= HARMONICS; h++) {
        const k = Math.round((h * f0) / binHz);
        if (k + 1 >= bins) break;
        sum += Math.max(row[k - 1] ?? 0, row[k]!, row[k + 1]!);
        counted++;
      }
      // A high candidate has fewer harmonics below Nyquist: scored by those it has, at least
      // three (with fewer, an octave above the note would score as well as the note).
      const score = counted < MIN_HARMONICS ? 0 : (sum * HARMONICS) / counted;
      if (score > best) {
        best = score;
        bestMidi = midi;
      }
    }
    track[t] = bestMidi;
  }
  return track;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export interface SustainedNote {
  /** The held pitch, in fractional MIDI notes. */
  midi: number;
  note: string;
  /** Share of the clip's sounding frames within a semitone of it. */
  share: number;
}

/** A clip is one sustained note when at least this share of its sounding frames hold one pitch. */
export const SUSTAINED_SHARE = 0.7;

/** The pitch most frames hold, and their share (null when no frame sounds). */
export function heldPitch(track: PitchTrack): SustainedNote | null {
  const sounding = [...track].filter((m) => !Number.isNaN(m));
  if (sounding.length === 0) return null;
  const midi = median(sounding);
  const share = sounding.filter((m) => Math.abs(m - midi) <= 1).length / sounding.length;
  return { midi, note: noteName(midi), share };
}

/** The note a style clip holds throughout, or null when its pitch moves (a melody, speech, drums). */
export function sustainedNote(samples: Float32Array): SustainedNote | null {
  const held = heldPitch(pitchTrack(samples));
  return held && held.share >= SUSTAINED_SHARE ? held : null;
}

export interface PitchFollowing {
  /** Share of the result's sounding frames within a semitone of the content's pitch there. */
  content: number;
  /** Share of them within a semitone of the style's held pitch (the imprint). */
  style: number;
}

/** How much a result's pitch follows the content's, frame by frame, and how much the style's note. */
export function pitchFollowing(
  content: PitchTrack,
  result: PitchTrack,
  styleMidi: number,
): PitchFollowing {
  let both = 0;
  let followsContent = 0;
  let followsStyle = 0;
  for (let t = 0; t < Math.min(content.length, result.length); t++) {
    const c = content[t]!;
    const r = result[t]!;
    if (Number.isNaN(c) || Number.isNaN(r)) continue;
    both++;
    if (Math.abs(r - c) <= 1) followsContent++;
    if (Math.abs(r - styleMidi) <= 1) followsStyle++;
  }
  return both === 0
    ? { content: 0, style: 0 }
    : { content: followsContent / both, style: followsStyle / both };
}
