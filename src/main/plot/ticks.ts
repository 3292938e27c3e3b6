// Where to put axis ticks: pure helpers, tested without a canvas.

/** Evenly spaced "nice" values (1, 2 or 5 times a power of ten) covering [min, max], about `target` of them. */
export function niceTicks(min: number, max: number, target: number): number[] {
  if (!(max > min) || target < 1) return [min];
  const rough = (max - min) / target;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  // Index-based, so that 0.1 + 0.2 style drift never drops the last tick; toPrecision trims the
  // drift from the values (and `+ 0` turns -0 into 0).
  for (let i = Math.ceil(min / step - 1e-9); i * step <= max + step * 1e-9; i++) {
    ticks.push(Number((i * step).toPrecision(12)) + 0);
  }
  return ticks;
}

/** Tick frequencies for a logarithmic or mel axis: 1-2-5 per decade, within range. */
export function decadeTicks(minHz: number, maxHz: number): number[] {
  const ticks: number[] = [];
  for (let decade = 10; decade <= maxHz; decade *= 10) {
    for (const m of [1, 2, 5]) {
      const f = m * decade;
      if (f >= minHz && f <= maxHz) ticks.push(f);
    }
  }
  return ticks;
}

export function formatHertz(hz: number): string {
  if (hz >= 1000) {
    const k = hz / 1000;
    return `${Number.isInteger(k) ? k.toFixed(0) : k.toFixed(1)}k`;
  }
  return `${Math.round(hz)}`;
}

export function formatSeconds(seconds: number, step: number): string {
  const decimals = Math.max(0, Math.min(3, -Math.floor(Math.log10(step) + 1e-9)));
  return seconds.toFixed(decimals);
}
