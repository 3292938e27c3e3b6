// Held-out and validation clips are chosen by file, never by crop: crops of one recording are
// near copies, and a held-out crop whose neighbour was trained on would flatter the accuracy.
import { seededRandom, type SeededRandom } from '../dsp/random';

export interface SplitFractions {
  /** Share of each class's files kept aside for the final accuracy (seed 000's hold-out set). */
  holdOut: number;
  /** Share of each class's files used to watch the training epoch by epoch. */
  validation: number;
  seed: number;
}

export interface Split {
  train: number[];
  validation: number[];
  heldOut: number[];
}

/** Shuffles `items` in place (Fisher-Yates): the same generator state gives the same order. */
export function shuffle<T>(items: T[], random: SeededRandom): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * A held-out set of `count` files (a `holdOut` share of them, at least one file kept to train
 * on), the rest to train on, each in file order. A trainer that splits several classes passes
 * them one generator in turn, so each class's draw follows the last's.
 */
export function holdOutByFile(
  count: number,
  holdOut: number,
  random: SeededRandom,
): { train: number[]; heldOut: number[] } {
  const order = shuffle(
    Array.from({ length: count }, (_, i) => i),
    random,
  );
  const held = count > 1 ? Math.min(count - 1, Math.round(holdOut * count)) : 0;
  return {
    heldOut: order.slice(0, held).sort((a, b) => a - b),
    train: order.slice(held).sort((a, b) => a - b),
  };
}

/**
 * Splits clip indices per class. A class with at least two files gives at least one to the
 * held-out set; every class keeps at least one file for training.
 */
export function splitByFile(labels: readonly number[], fractions: SplitFractions): Split {
  const random = seededRandom(fractions.seed);
  const split: Split = { train: [], validation: [], heldOut: [] };
  const classes = [...new Set(labels)].sort((a, b) => a - b);
  for (const label of classes) {
    const members = shuffle(
      labels.flatMap((l, i) => (l === label ? [i] : [])),
      random,
    );
    const n = members.length;
    let held = fractions.holdOut > 0 ? Math.max(1, Math.round(n * fractions.holdOut)) : 0;
    held = Math.min(held, n - 1);
    const validation = Math.min(Math.round(n * fractions.validation), n - 1 - held);
    split.heldOut.push(...members.slice(0, held));
    split.validation.push(...members.slice(held, held + validation));
    split.train.push(...members.slice(held + validation));
  }
  for (const part of Object.values(split)) part.sort((a: number, b: number) => a - b);
  return split;
}

/**
 * k-fold cross-validation by file, stratified: each class's files are shuffled with the seed and
 * dealt to the folds in turn, so every file is tested exactly once and each fold holds out about
 * 1/k of every class. Fold f trains on every file of the other folds. Each class needs at least
 * two files (one always stays to train on); a class with fewer files than folds is absent from
 * some folds' held-out sets.
 */
export function foldsByFile(labels: readonly number[], folds: number, seed: number): Split[] {
  const random = seededRandom(seed);
  const foldOf = new Array<number>(labels.length).fill(0);
  const classes = [...new Set(labels)].sort((a, b) => a - b);
  for (const label of classes) {
    const members = shuffle(
      labels.flatMap((l, i) => (l === label ? [i] : [])),
      random,
    );
    members.forEach((clip, position) => (foldOf[clip] = position % folds));
  }
  return Array.from({ length: folds }, (_, f) => ({
    train: labels.flatMap((_, i) => (foldOf[i] !== f ? [i] : [])),
    validation: [],
    heldOut: labels.flatMap((_, i) => (foldOf[i] === f ? [i] : [])),
  }));
}
