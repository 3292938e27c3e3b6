// Seed 001's curves from a result's recipe: the loss terms of every iteration and the content
// correlation of each iterate, as the render recorded them (transfer/window-loop.ts).
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { IterationRecord } from '../../shared/transfer';
import { EvaluationError } from './errors';

const recordSchema = z.object({
  iteration: z.number().int().min(1),
  stream: z.number().int().min(0),
  window: z.number().int().min(0),
  losses: z.record(z.string(), z.number()),
  contentCorrelation: z.number().nullable(),
});

export interface RecipeCurves {
  recipe: string;
  method: string;
  preset: string;
  history: IterationRecord[];
  /** Per loss term: first and last value, and the content correlation's. */
  summary: {
    iterations: number;
    losses: Record<string, { first: number; last: number }>;
    contentCorrelation: { first: number | null; last: number | null };
  };
}

/** The history a recipe holds; a recipe without one (or not a recipe) is a clear error. */
export async function readRecipeCurves(path: string): Promise<RecipeCurves> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new EvaluationError(
      'NO_HISTORY',
      `${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}): give a result's .recipe.json.`,
    );
  }
  let recipe: unknown;
  try {
    recipe = JSON.parse(text);
  } catch {
    throw new EvaluationError('NO_HISTORY', `${path} is not JSON: give a result's .recipe.json.`);
  }
  const head = z
    .object({ format: z.literal('timbrefold-recipe'), method: z.string(), preset: z.string() })
    .safeParse(recipe);
  if (!head.success)
    throw new EvaluationError(
      'NO_HISTORY',
      `${path} is not a Timbrefold recipe: give the .recipe.json written beside a result.`,
    );
  const raw = (recipe as { history?: unknown }).history;
  if (raw === undefined || (Array.isArray(raw) && raw.length === 0))
    throw new EvaluationError(
      'NO_HISTORY',
      raw === undefined
        ? `${path} has no iteration history: the result was rendered before Timbrefold kept one; render it again to draw its curves.`
        : `${path} has no iteration history: the ${head.data.method} method renders in one pass, without iterations to draw.`,
    );
  const parsed = z.array(recordSchema).safeParse(raw);
  if (!parsed.success)
    throw new EvaluationError(
      'NO_HISTORY',
      `${path} has a damaged iteration history (${parsed.error.issues[0]?.path.join('.') ?? 'history'}: ${parsed.error.issues[0]?.message ?? 'invalid'}).`,
    );
  const history = parsed.data as IterationRecord[];
  const first = history[0]!;
  const last = history.at(-1)!;
  const losses: RecipeCurves['summary']['losses'] = {};
  for (const term of Object.keys(first.losses))
    losses[term] = { first: first.losses[term]!, last: last.losses[term] ?? NaN };
  return {
    recipe: path,
    method: head.data.method,
    preset: head.data.preset,
    history,
    summary: {
      iterations: history.length,
      losses,
      contentCorrelation: { first: first.contentCorrelation, last: last.contentCorrelation },
    },
  };
}
