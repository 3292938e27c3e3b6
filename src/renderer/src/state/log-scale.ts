// Log-scale sliders (alpha and beta span decades) and log-axis ticks for the loss plot.

export interface LogRange {
  min: number;
  max: number;
}

/** Slider position 0..1 -> value on a log scale. */
export function valueOfPosition(position: number, range: LogRange): number {
  const lo = Math.log10(range.min);
  const hi = Math.log10(range.max);
  return 10 ** (lo + Math.max(0, Math.min(1, position)) * (hi - lo));
}

export function positionOfValue(value: number, range: LogRange): number {
  const lo = Math.log10(range.min);
  const hi = Math.log10(range.max);
  if (!(value > 0)) return 0;
  return Math.max(0, Math.min(1, (Math.log10(value) - lo) / (hi - lo)));
}

/** Rounds to 3 significant digits (fine enough for a slider step of 1.8 %), as weights are stored. */
export function roundWeight(value: number): number {
  return Number(value.toPrecision(3));
}

/** Powers of ten spanning [min, max] (at least two). */
export function decadeTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max >= min)) return [1];
  const lo = Math.floor(Math.log10(min));
  const hi = Math.max(lo + 1, Math.ceil(Math.log10(max)));
  const ticks: number[] = [];
  for (let e = lo; e <= hi; e++) ticks.push(10 ** e);
  return ticks;
}

/** Compact text for a weight or a loss: 0.01, 1, 250, 1.2e-5. */
export function formatNumber(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e5) return String(Number(value.toPrecision(3)));
  return value.toExponential(1);
}
