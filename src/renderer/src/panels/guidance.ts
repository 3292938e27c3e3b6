// The transfer panel's tooltips: each declared setting's doc (written once, in a producer's words,
// beside its declaration) as a sentence, and the words for the controls that are not settings.
import type { ParameterDeclaration } from '../../../shared/parameters';

/** "content weight (alpha): how much …" -> "Content weight (alpha): how much ….". */
export function sentence(doc: string): string {
  const text = doc.trim();
  if (text === '') return text;
  const capital = text[0]!.toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** The tooltip and the screen reader's description of a setting's control. */
export function describe(d: Pick<ParameterDeclaration, 'doc'>): {
  title: string;
  'aria-description': string;
} {
  const text = sentence(d.doc);
  return { title: text, 'aria-description': text };
}

/** The method choice's tooltip: every method with its own doc. */
export function methodTip(methods: readonly { label: string; doc: string }[]): string {
  return [
    'How the style is transferred.',
    ...methods.map((m) => `${m.label}: ${sentence(m.doc)}`),
  ].join(' ');
}

/** The controls of the panel that are not declared settings. */
export const PANEL_TIPS = {
  preset: 'A starting point for every setting below; choosing one drops the values you changed.',
  model: 'The trained model this method listens through (import or train one under Models).',
  contentTrack: 'The sound to keep: its notes, rhythm and words. The result is as long as it.',
  style: 'Use this clip as a style: the result takes on its tone and texture.',
  styleWeight: 'How much of the mix of styles this clip makes up, against the other styles.',
  region: 'Only this part of the content is transferred. Drag on the timeline to choose another.',
  start: 'Render a result with these settings; it appears as a new track when it is done.',
  cancel: 'Stop the newest running transfer; nothing is added.',
} as const;
