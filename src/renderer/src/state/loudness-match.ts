// Loudness-matched A/B: every candidate plays at the loudness of the quietest one (turning the
// others down never clips), so a louder result does not win a comparison by being louder.
import type { Decibels, Lufs } from '../../../shared/units';

export interface MatchCandidate {
  id: string;
  loudnessLufs: Lufs | null;
}

export interface LoudnessMatch {
  /** The loudness every candidate is brought to; null if none can be measured. */
  targetLufs: Lufs | null;
  /** Gain per candidate id (0 dB for silent or unmeasured ones). */
  gains: Record<string, Decibels>;
}

export function matchLoudness(candidates: MatchCandidate[]): LoudnessMatch {
  const measured = candidates.filter(
    (c) => c.loudnessLufs !== null && Number.isFinite(c.loudnessLufs),
  );
  if (measured.length === 0)
    return { targetLufs: null, gains: Object.fromEntries(candidates.map((c) => [c.id, 0])) };
  const targetLufs = Math.min(...measured.map((c) => c.loudnessLufs!));
  const gains: Record<string, Decibels> = {};
  for (const c of candidates)
    gains[c.id] =
      c.loudnessLufs === null || !Number.isFinite(c.loudnessLufs) ? 0 : targetLufs - c.loudnessLufs;
  return { targetLufs, gains };
}

/** A stable shuffle (seeded): blind mode hides the order results were made in. */
export function blindOrder<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  const next = (): number => {
    // xorshift32
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
