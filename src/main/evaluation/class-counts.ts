// Seed 000's consistency check (table 1, METHODS.md section 6): classify generated clips with
// the source classifier and count how many fall in each class.
import type { FileClassification } from '../training/classify-job';

export interface ClassCounts {
  /** Files asked for, classified or not. */
  files: number;
  /** Files the classifier gave a class. */
  classified: number;
  /** Clips per class, in the model's class order, every class listed (0 included). */
  counts: Record<string, number>;
  /** Files that could not be classified, with the reason. */
  failed: { file: string; error: string }[];
}

export function countClasses(results: readonly FileClassification[]): ClassCounts {
  const counts: Record<string, number> = {};
  const failed: ClassCounts['failed'] = [];
  for (const r of results) {
    if ('error' in r) {
      failed.push({ file: r.file, error: r.error });
      continue;
    }
    // Every classification lists all the model's classes, so each one starts at 0.
    for (const name of Object.keys(r.probabilities)) counts[name] ??= 0;
    counts[r.class] = (counts[r.class] ?? 0) + 1;
  }
  return { files: results.length, classified: results.length - failed.length, counts, failed };
}
