// Project files of format 1 (the panel's alpha, beta, iterations, seed and start as fields of their
// own) read as format 2 (every setting by its declared name). Nothing is written until the user
// saves; the file on disk stays as it was.
import { PROJECT_VERSION } from '../../shared/ipc-project';

/** The format-1 fields that became declared settings, in both the panel and result recipes. */
const MOVED = [
  'contentWeight',
  'styleWeight',
  'energyWeight',
  'frequencyWeight',
  'iterations',
  'seed',
  'start',
] as const;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Moves the named fields of `record` into a map under `into`; the rest stays. */
function gather(record: Json, fields: readonly string[], into: string): Json {
  const rest: Json = {};
  const gathered: Json = {};
  for (const [key, value] of Object.entries(record)) {
    if (fields.includes(key)) gathered[key] = value;
    else rest[key] = value;
  }
  return { ...rest, [into]: gathered };
}

/** A format-1 document in format 2's shape (the schema then checks it as any other). */
export function fromVersion1(json: unknown): unknown {
  if (!isObject(json)) return json;
  const transfer = isObject(json.transfer) ? gather(json.transfer, MOVED, 'values') : json.transfer;
  const tracks = Array.isArray(json.tracks)
    ? json.tracks.map((track: unknown) => {
        if (!isObject(track) || !isObject(track.recipe)) return track;
        // Iterations and seed stay fields of a result's recipe (what was run); the rest moves.
        const moved = MOVED.filter((f) => f !== 'iterations' && f !== 'seed');
        return { ...track, recipe: gather(track.recipe, moved, 'settings') };
      })
    : json.tracks;
  return { ...json, version: PROJECT_VERSION, transfer, tracks };
}
