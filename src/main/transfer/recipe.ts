// Every result gets a sidecar JSON recipe: everything needed to render it again, sample for sample
// on the same backend, and to tell whether the inputs have changed since.
import type { MethodName, TransferResult } from '../../shared/transfer';
import type { Hertz, Seconds } from '../../shared/units';
import { writeFileAtomic } from '../fs/atomic-write';
import { packageVersion } from '../app/version';

export interface RecipeInput {
  path: string;
  sha256: string;
  sampleRate: Hertz;
  channels: number;
  frames: number;
}

export interface Recipe {
  format: 'timbrefold-recipe';
  formatVersion: 1;
  createdAt: string;
  method: MethodName;
  preset: string;
  /** Every setting of the method, by its declared name. */
  settings: Record<string, unknown>;
  seed: number;
  content: RecipeInput;
  region: { start: Seconds; end: Seconds } | null;
  styles: (RecipeInput & { weight: number })[];
  output: { path: string; sampleRate: Hertz; channels: number; frames: number; gainDb: number };
  backend: string;
  versions: { timbrefold: string; tfjs: string; node: string };
  result: Pick<TransferResult, 'iterations' | 'finalLosses' | 'wallSeconds'>;
  /** QUALITY.md's numbers of the result. */
  quality: TransferResult['quality'];
  /** Every iteration's losses and content correlation (`evaluate curves` draws them). */
  history: TransferResult['history'];
}

/** OUT.wav -> OUT.recipe.json beside it. */
export function recipePathFor(output: string): string {
  return output.replace(/\.wav$/i, '') + '.recipe.json';
}

export async function writeRecipe(
  output: string,
  recipe: Omit<Recipe, 'format' | 'formatVersion' | 'createdAt' | 'versions'> & {
    tfjsVersion: string;
  },
  methodFields: Record<string, unknown> = {},
): Promise<string> {
  const { tfjsVersion, ...rest } = recipe;
  // Besides the common fields, what the method records (a model's method: the model, its analysis).
  const full: Recipe & Record<string, unknown> = {
    format: 'timbrefold-recipe',
    formatVersion: 1,
    createdAt: new Date().toISOString(),
    ...rest,
    ...methodFields,
    versions: { timbrefold: packageVersion(), tfjs: tfjsVersion, node: process.version },
  };
  const path = recipePathFor(output);
  // Never over one of the transfer's inputs, nor over the result it describes.
  const protect = [rest.content.path, ...rest.styles.map((style) => style.path), output];
  await writeFileAtomic(path, `${JSON.stringify(full, null, 2)}\n`, { protect });
  return path;
}
