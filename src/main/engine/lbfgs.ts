// Limited-memory BFGS (Nocedal & Wright, Numerical Optimization, 2nd ed.: algorithm 7.4, the
// two-loop recursion; algorithms 3.5-3.6, a line search that meets the strong Wolfe conditions
// with cubic interpolation). tfjs has no L-BFGS; this one is small and keeps its vectors in
// float64 on the JS side. Step rules and stopping tests follow scipy's L-BFGS-B (the peer's
// optimiser): first step 1 / ||g||, then 1; stop on maxiter, on a relative decrease below
// 2.2e-9 (factr 1e7) or on max |g| below 1e-5. One departure: when the loss is known to be
// bounded below (the transfer's sums of squares are >= 0), the first step is Polyak's,
// (f - bound) / ||g||^2, the step at which the linear model reaches the bound. From the content
// at the default preset scipy's rule tried 0.003, 0.03 and 0.27 before accepting (three
// evaluations, ~4.5 s); Polyak's step there is 0.19 and is accepted at once.

/** What one evaluation must give; any other fields ride along to `onIteration`. */
export interface Evaluated {
  loss: number;
  gradient: ArrayLike<number>;
}

export interface LbfgsOptions<E extends Evaluated> {
  /** History length m (scipy's maxcor: 10). */
  memory: number;
  maxIterations: number;
  /** Stop when (f_old - f_new) / max(|f_old|, |f_new|, 1) is at most this. */
  relativeTolerance?: number;
  /** Stop when max |g_i| is at most this. */
  gradientTolerance?: number;
  /** A known lower bound of the loss (e.g. 0): sets the first step by Polyak's rule. */
  lowerBound?: number;
  /** Evaluations one line search may spend (default 20). */
  maxLineSearchEvaluations?: number;
  /** Called before every evaluation; throw from it to stop (cancellation). */
  beforeEvaluation?: () => void;
  /** Called after every iteration with the accepted point; awaited (a place to yield). */
  onIteration?: (progress: {
    iteration: number;
    evaluations: number;
    at: E;
    /** The accepted point itself (do not modify). */
    x: Float64Array;
  }) => unknown;
}

export type LbfgsStop = 'iterations' | 'converged' | 'gradient' | 'line-search';

export interface LbfgsResult<E extends Evaluated> {
  x: Float64Array;
  at: E;
  iterations: number;
  evaluations: number;
  stop: LbfgsStop;
}

const C1 = 1e-4;
const C2 = 0.9;

export async function minimizeLbfgs<E extends Evaluated>(
  evaluate: (x: Float64Array) => E,
  x0: Float64Array,
  options: LbfgsOptions<E>,
): Promise<LbfgsResult<E>> {
  const n = x0.length;
  const m = options.memory;
  const relTol = options.relativeTolerance ?? 2.220446049250313e-9;
  const gradTol = options.gradientTolerance ?? 1e-5;
  const maxLineEvals = options.maxLineSearchEvaluations ?? 20;
  let evaluations = 0;
  const call = (x: Float64Array): E => {
    options.beforeEvaluation?.();
    evaluations++;
    return evaluate(x);
  };

  // new Float64Array(typed) copies natively; Float64Array.from iterates (~10x slower here).
  let x: Float64Array = new Float64Array(x0);
  let at = call(x);
  const g = new Float64Array(at.gradient);
  const history: { s: Float64Array; y: Float64Array; rho: number }[] = [];
  let spare: { s: Float64Array; y: Float64Array; rho: number } | undefined;
  const direction = new Float64Array(n);
  const alpha = new Float64Array(m);
  let iteration = 0;
  let stop: LbfgsStop = 'iterations';

  if (maxAbs(g) <= gradTol) stop = 'gradient';
  while (stop === 'iterations' && iteration < options.maxIterations) {
    twoLoopDirection(g, history, direction, alpha);
    let slope = dot(g, direction);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      history.length = 0;
      for (let i = 0; i < n; i++) direction[i] = -g[i]!;
      slope = -dot(g, g);
    }
    const firstStep =
      history.length === 0 ? initialStep(at.loss, slope, direction, options.lowerBound) : 1;
    const found = lineSearch(call, x, at, direction, slope, firstStep, maxLineEvals);
    if (!found) {
      if (history.length > 0) {
        history.length = 0; // As scipy: forget the curvature pairs and try once more.
        continue;
      }
      stop = 'line-search';
      break;
    }
    iteration++;
    // s = x_new - x, y = g_new - g, and g <- g_new, in one pass; the arrays of the pair that
    // falls out of the history are reused.
    const pair = spare ?? { s: new Float64Array(n), y: new Float64Array(n), rho: 0 };
    spare = undefined;
    const gNew = found.at.gradient;
    let sy = 0;
    let yy = 0;
    for (let i = 0; i < n; i++) {
      const si = found.x[i]! - x[i]!;
      const yi = gNew[i]! - g[i]!;
      pair.s[i] = si;
      pair.y[i] = yi;
      sy += si * yi;
      yy += yi * yi;
      g[i] = gNew[i]!;
    }
    if (sy > Number.EPSILON * yy) {
      pair.rho = 1 / sy;
      if (history.length === m) spare = history.shift();
      history.push(pair);
    } else {
      spare = pair;
    }
    const previousLoss = at.loss;
    x = found.x;
    at = found.at;
    await options.onIteration?.({ iteration, evaluations, at, x });
    const scale = Math.max(Math.abs(previousLoss), Math.abs(at.loss), 1);
    if ((previousLoss - at.loss) / scale <= relTol) stop = 'converged';
    else if (maxAbs(g) <= gradTol) stop = 'gradient';
  }
  return { x, at, iterations: iteration, evaluations, stop };
}

/**
 * direction = -H g by the two-loop recursion, H0 = (s.y / y.y) I from the newest pair. Each
 * update pass also takes the dot product the next step needs, so m pairs cost about 2m passes
 * over the vectors instead of 4m (at 441,775 unknowns: ~25 ms saved per iteration).
 */
function twoLoopDirection(
  g: Float64Array,
  history: readonly { s: Float64Array; y: Float64Array; rho: number }[],
  q: Float64Array,
  alpha: Float64Array,
): void {
  const n = g.length;
  const m = history.length;
  for (let i = 0; i < n; i++) q[i] = -g[i]!;
  if (m === 0) return;
  // Newest to oldest: alpha_k = rho_k s_k.q, then q -= alpha_k y_k.
  let sq = dot(history[m - 1]!.s, q);
  for (let k = m - 1; k >= 0; k--) {
    const { y, rho } = history[k]!;
    const a = rho * sq;
    alpha[k] = a;
    const nextS = k > 0 ? history[k - 1]!.s : undefined;
    sq = 0;
    if (nextS)
      for (let i = 0; i < n; i++) {
        const v = q[i]! - a * y[i]!;
        q[i] = v;
        sq += nextS[i]! * v;
      }
    else for (let i = 0; i < n; i++) q[i]! -= a * y[i]!;
  }
  // r = H0 q, then oldest to newest: beta = rho_k y_k.r, r += (alpha_k - beta) s_k.
  const newest = history[m - 1]!;
  const gamma = 1 / (newest.rho * dot(newest.y, newest.y));
  const firstY = history[0]!.y;
  let yr = 0;
  for (let i = 0; i < n; i++) {
    const v = q[i]! * gamma;
    q[i] = v;
    yr += firstY[i]! * v;
  }
  for (let k = 0; k < m; k++) {
    const { s, rho } = history[k]!;
    const c = alpha[k]! - rho * yr;
    const nextY = k < m - 1 ? history[k + 1]!.y : undefined;
    yr = 0;
    if (nextY)
      for (let i = 0; i < n; i++) {
        const v = q[i]! + c * s[i]!;
        q[i] = v;
        yr += nextY[i]! * v;
      }
    else for (let i = 0; i < n; i++) q[i]! += c * s[i]!;
  }
}

/** The first trial step along `direction` (descent, slope = g.d < 0) with no curvature pairs yet. */
function initialStep(
  loss: number,
  slope: number,
  direction: Float64Array,
  lowerBound: number | undefined,
): number {
  if (lowerBound !== undefined) {
    const polyak = (loss - lowerBound) / -slope;
    if (Number.isFinite(polyak) && polyak > 0) return polyak;
  }
  return Math.min(1, 1 / Math.sqrt(dot(direction, direction)));
}

interface Trial<E> {
  step: number;
  x: Float64Array;
  at: E;
  value: number;
  slope: number;
}

/**
 * A step along `direction` meeting the strong Wolfe conditions, or the best step with
 * sufficient decrease once the evaluations run out; undefined when no step decreased the loss.
 */
function lineSearch<E extends Evaluated>(
  call: (x: Float64Array) => E,
  x: Float64Array,
  at: E,
  direction: Float64Array,
  slope0: number,
  firstStep: number,
  maxEvals: number,
): { x: Float64Array; at: E } | undefined {
  const value0 = at.loss;
  let evals = 0;
  const trial = (step: number): Trial<E> => {
    evals++;
    const xt = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) xt[i] = x[i]! + step * direction[i]!;
    const e = call(xt);
    return { step, x: xt, at: e, value: e.loss, slope: dot(e.gradient, direction) };
  };
  const armijo = (t: Trial<E>) => t.value <= value0 + C1 * t.step * slope0;
  const curvature = (t: Trial<E>) => Math.abs(t.slope) <= -C2 * slope0;
  const accept = (t: Trial<E>) => ({ x: t.x, at: t.at });
  let best: Trial<E> | undefined;
  const remember = (t: Trial<E>) => {
    if (Number.isFinite(t.value) && armijo(t) && (!best || t.value < best.value)) best = t;
  };

  const zoom = (lowIn: Trial<E> | undefined, highIn: Trial<E>) => {
    // low: best step so far with sufficient decrease (undefined: the start, step 0).
    let low = lowIn;
    let high = highIn;
    while (evals < maxEvals) {
      const lowStep = low?.step ?? 0;
      const lowValue = low?.value ?? value0;
      const lowSlope = low?.slope ?? slope0;
      const step = safeguardedCubic(lowStep, lowValue, lowSlope, high.step, high.value, high.slope);
      const t = trial(step);
      remember(t);
      if (!Number.isFinite(t.value) || !armijo(t) || t.value >= lowValue) {
        high = t;
      } else {
        if (curvature(t)) return accept(t);
        if (t.slope * (high.step - lowStep) >= 0)
          high = low ?? { ...high, step: 0, value: value0, slope: slope0 };
        low = t;
      }
      if (Math.abs(high.step - (low?.step ?? 0)) <= 1e-12 * Math.max(1, high.step)) break;
    }
    return best ? accept(best) : undefined;
  };

  let previous: Trial<E> | undefined;
  let step = firstStep;
  while (evals < maxEvals) {
    const t = trial(step);
    remember(t);
    if (!Number.isFinite(t.value) || !armijo(t) || (previous && t.value >= previous.value))
      return zoom(previous, t);
    if (curvature(t)) return accept(t);
    if (t.slope >= 0) return zoom(t, previous ?? { ...t, step: 0, value: value0, slope: slope0 });
    step = extrapolate(
      previous?.step ?? 0,
      previous?.value ?? value0,
      previous?.slope ?? slope0,
      t,
    );
    previous = t;
  }
  return best ? accept(best) : undefined;
}

/**
 * The next, longer trial step while the loss still falls steeply: the minimiser of the cubic
 * through the last two trials, kept within 2x to 10x the current step (as in More and Thuente's
 * search, which grows the step by up to 4x plus interpolation). Doubling alone took ~10 trials
 * on the first iteration from noise, where scipy's 1 / |g| first step is far too short.
 */
function extrapolate(
  a: number,
  fa: number,
  ga: number,
  t: { step: number; value: number; slope: number },
): number {
  const b = t.step;
  const low = 2 * b;
  const high = 10 * b;
  const d1 = ga + t.slope - (3 * (fa - t.value)) / (a - b);
  const disc = d1 * d1 - ga * t.slope;
  if (!(disc >= 0)) return high;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  const cubic = b - ((b - a) * (t.slope + d2 - d1)) / (t.slope - ga + 2 * d2);
  return Number.isFinite(cubic) && cubic > b ? Math.min(high, Math.max(low, cubic)) : high;
}

/** Minimiser of the cubic through two points and slopes, kept inside the middle 80 %. */
function safeguardedCubic(
  a: number,
  fa: number,
  ga: number,
  b: number,
  fb: number,
  gb: number,
): number {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const margin = 0.1 * (hi - lo);
  let step = 0.5 * (a + b);
  if (Number.isFinite(fb) && Number.isFinite(gb)) {
    const d1 = ga + gb - (3 * (fa - fb)) / (a - b);
    const disc = d1 * d1 - ga * gb;
    if (disc >= 0) {
      const d2 = Math.sign(b - a) * Math.sqrt(disc);
      const cubic = b - ((b - a) * (gb + d2 - d1)) / (gb - ga + 2 * d2);
      if (Number.isFinite(cubic)) step = cubic;
    }
  }
  return Math.min(hi - margin, Math.max(lo + margin, step));
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function maxAbs(v: Float64Array): number {
  let max = 0;
  for (let i = 0; i < v.length; i++) max = Math.max(max, Math.abs(v[i]!));
  return max;
}
