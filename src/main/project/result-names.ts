// What a result track is called. "piano_melody × violin_d4 + flute (shallow)" cannot be told apart
// from its neighbour in a 200-pixel header, so a result is named by what differs between takes:
// its style ("Violin d4") and the setting a producer turns ("β 1"); for a method whose style is
// its model (one generator over a batch of clips), the content and the model ("Keyboard acoustic
// → violin-gen", "→ keyboard" for a CycleGAN's target class); then a take number when that is not
// enough ("#2"). The full description stays in the tooltip, the recipe, the file name on disk and
// exported stems.

const MAX_WORDS = 3;

/** "flute_acoustic_073-060-127" -> "Flute acoustic"; "style-violin-d4" -> "Style violin d4". */
export function shortClipName(name: string): string {
  const words = name
    .replace(/\.[a-z0-9]{2,5}$/i, '')
    .split(/[\s_-]+/)
    .filter((w) => w !== '' && !/^\d+$/.test(w))
    .slice(0, MAX_WORDS);
  if (words.length === 0) return name.trim() || 'Result';
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A number as a producer reads it off a slider: 1, 0.01, 1e+6 -> 1e6. */
function readable(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e4 || magnitude < 1e-3)
    return value.toExponential(1).replace('.0e', 'e').replace('e+', 'e');
  return String(Number(value.toPrecision(3)));
}

export interface ResultNaming {
  method: string;
  /** The style tracks' names; empty for methods whose style is a model. */
  styles: readonly string[];
  /** The content track's name. */
  content?: string;
  /** The model a model's method used. */
  model?: string | null;
  /** A class-to-class method's target class (CycleGAN's --to). */
  target?: string;
  /** The style weight in force (β), for the methods that have one. */
  styleWeight?: number;
  /** Names already in use: tracks, and jobs queued or running. */
  taken: Iterable<string>;
}

/** "Violin d4 β 1", then "Violin d4 β 1 #2" for the next take with the same style and β. */
export function resultTrackName(naming: ResultNaming): string {
  const style =
    naming.styles.length > 0
      ? shortClipName(naming.styles[0]!) +
        (naming.styles.length > 1 ? ` +${naming.styles.length - 1}` : '')
      : `${naming.content ? `${shortClipName(naming.content)} ` : ''}→ ${
          naming.target ?? naming.model ?? naming.method
        }`;
  const knob = naming.styleWeight !== undefined ? ` β ${readable(naming.styleWeight)}` : '';
  const base = `${style}${knob}`;
  const taken = new Set([...naming.taken].map((n) => n.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let take = 2; ; take++) {
    const name = `${base} #${take}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}
