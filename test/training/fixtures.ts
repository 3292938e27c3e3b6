// Training folders made of corpus clips (linked, not copied), one subfolder per class.
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusFile } from '../fixtures/paths';
import { corpusManifest } from '../fixtures/corpus-manifest';

export const FAMILIES = ['flute', 'keyboard', 'guitar', 'string'] as const;

/** The corpus's note clips of one NSynth family (six of each). */
export function familyClips(family: (typeof FAMILIES)[number]): string[] {
  return corpusManifest()
    .map((f) => f.file)
    .filter((name) => name.startsWith(`${family}_acoustic_`))
    .sort();
}

/** A fresh folder with a subfolder per class holding links to the given corpus clips. */
export function classFolder(classes: Record<string, readonly string[]>): string {
  const root = mkdtempSync(join(tmpdir(), 'timbrefold-train-'));
  for (const [name, clips] of Object.entries(classes)) {
    mkdirSync(join(root, name));
    for (const clip of clips) symlinkSync(corpusFile(clip), join(root, name, clip));
  }
  return root;
}

export const freshFolder = (): string => mkdtempSync(join(tmpdir(), 'timbrefold-models-'));
