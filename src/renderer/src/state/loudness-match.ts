// Loudness-matched A/B: every candidate plays at the content's loudness, so a result neither wins
// nor loses a comparison by being louder, and the content sounds as the producer made it. A
// quieter candidate is turned up only as far as its peak allows (it never clips); then it stays
// a little quieter and is listed as limited. Without a measurable content: the quietest one's.
import type { Decibels, Lufs } from '../../../shared/units';

export interface MatchCandidate {
  id: string;
  loudnessLufs: Lufs | null;
  /** Sample peak, dBFS; null for silence. */
  peakDb?: Decibels | null;
}

export interface LoudnessMatch {
  /** The loudness every candidate is brought to; null if none can be measured. */
  targetLufs: Lufs | null;
  /** Gain per candidate id (0 dB for silent or unmeasured ones). */
  gains: Record<string, Decibels>;
  /** Candidates held below the target so their peaks stay under full scale. */
  limited: string[];
}

/** Headroom kept below full scale when turning a candidate up. */
const HEADROOM_DB = 0.1;

export function matchLoudness(
  candidates: MatchCandidate[],
  referenceId: string | null = null,
): LoudnessMatch {
  const measurable = (c: MatchCandidate): boolean =>
    c.loudnessLufs !== null && Number.isFinite(c.loudnessLufs);
  const measured = candidates.filter(measurable);
  if (measured.length === 0)
    return {
      targetLufs: null,
      gains: Object.fromEntries(candidates.map((c) => [c.id, 0])),
      limited: [],
    };
  const reference = measured.find((c) => c.id === referenceId);
  const targetLufs = reference
    ? reference.loudnessLufs!
    : Math.min(...measured.map((c) => c.loudnessLufs!));
  const gains: Record<string, Decibels> = {};
  const limited: string[] = [];
  for (const c of candidates) {
    if (!measurable(c)) {
      gains[c.id] = 0;
      continue;
    }
    const wanted = targetLufs - c.loudnessLufs!;
    const ceiling = c.peakDb == null ? Infinity : -HEADROOM_DB - c.peakDb;
    gains[c.id] = Math.min(wanted, Math.max(ceiling, Math.min(wanted, 0)));
    if (gains[c.id]! < wanted - 0.05) limited.push(c.id);
  }
  return { targetLufs, gains, limited };
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
