// The one optimisation driver every method's objective runs under: L-BFGS (lbfgs.ts) or Adam,
// with per-iteration progress, a yield between iterations (so a worker's cancel message gets in)
// and cancellation within one evaluation. The objective owns the layout of x; this only moves it.
import { TransferCancelled } from './errors';
import { minimizeLbfgs, type LbfgsStop } from './lbfgs';

/** Loss values of one evaluation, weights applied; `total` is what is minimised. */
export type ObjectiveValues = { total: number } & Record<string, number>;

/** Anything with a loss and its gradient at a point. */
export interface Objective<Values extends ObjectiveValues> {
  evaluate(x: Float32Array): Values & { gradient: Float32Array };
}

export interface OptimiseOptions<Values extends ObjectiveValues> {
  optimiser: 'lbfgs' | 'adam';
  iterations: number;
  /** Adam's step size. */
  learningRate: number;
  /** L-BFGS history length. */
  lbfgsMemory: number;
  /** Stops the run within one evaluation; the promise rejects with TransferCancelled. */
  signal?: AbortSignal;
  /** Called after every iteration with the accepted point; awaited. */
  onIteration?: (step: {
    iteration: number;
    /** Loss-and-gradient evaluations so far. */
    evaluations: number;
    values: Values;
    /** The point after this iteration (a copy, in the objective's layout). */
    current: () => Float32Array;
  }) => unknown;
}

export interface OptimiseResult<Values extends ObjectiveValues> {
  x: Float32Array;
  iterations: number;
  evaluations: number;
  /** Loss at the start point and at the result. */
  initialLoss: Values;
  finalLoss: Values;
  stop: LbfgsStop;
}

/** The values without the gradient (and anything else that rode along). */
function valuesOf<Values extends ObjectiveValues>(
  evaluation: Values & { gradient?: unknown },
): Values {
  const values: Record<string, number> = {};
  for (const [key, value] of Object.entries(evaluation))
    if (typeof value === 'number' && key !== 'loss') values[key] = value;
  return values as Values;
}

const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function optimise<Values extends ObjectiveValues>(
  objective: Objective<Values>,
  x0: Float32Array,
  options: OptimiseOptions<Values>,
): Promise<OptimiseResult<Values>> {
  let done = 0;
  let initialLoss: Values | undefined;
  const checkCancel = (): void => {
    if (options.signal?.aborted) throw new TransferCancelled(done, options.iterations);
  };
  const evaluate = (x: ArrayLike<number>): Values & { gradient: Float32Array } => {
    const e = objective.evaluate(Float32Array.from(x));
    initialLoss ??= valuesOf(e);
    return e;
  };
  const report = async (
    iteration: number,
    evaluations: number,
    values: Values,
    x: ArrayLike<number>,
  ): Promise<void> => {
    done = iteration;
    await options.onIteration?.({
      iteration,
      evaluations,
      values,
      current: () => Float32Array.from(x),
    });
    // Let a worker's cancel message (or any other event) in between iterations.
    await yieldToEvents();
  };

  if (options.optimiser === 'lbfgs') {
    const run = await minimizeLbfgs(
      (x: Float64Array) => {
        const e = evaluate(x);
        return { ...e, loss: e.total };
      },
      Float64Array.from(x0),
      {
        memory: options.lbfgsMemory,
        maxIterations: options.iterations,
        // Every loss term of our methods is a sum of squares.
        lowerBound: 0,
        beforeEvaluation: checkCancel,
        onIteration: ({ iteration, evaluations, at, x }) =>
          report(iteration, evaluations, valuesOf(at), x),
      },
    );
    const finalLoss = valuesOf(run.at);
    return {
      x: Float32Array.from(run.x),
      iterations: run.iterations,
      evaluations: run.evaluations,
      initialLoss: initialLoss ?? finalLoss,
      finalLoss,
      stop: run.stop,
    };
  }

  // Adam (Kingma & Ba, bias-corrected), moments in float64 on the JS side: the gradient comes
  // back from every evaluation anyway.
  const x = Float64Array.from(x0);
  const m = new Float64Array(x.length);
  const v = new Float64Array(x.length);
  const [beta1, beta2, eps] = [0.9, 0.999, 1e-8];
  for (let t = 1; t <= options.iterations; t++) {
    checkCancel();
    const e = evaluate(x);
    const lr = (options.learningRate * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
    for (let i = 0; i < x.length; i++) {
      const g = e.gradient[i]!;
      m[i] = beta1 * m[i]! + (1 - beta1) * g;
      v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
      x[i]! -= (lr * m[i]!) / (Math.sqrt(v[i]!) + eps);
    }
    await report(t, t, valuesOf(e), x);
  }
  checkCancel();
  const finalLoss = valuesOf(evaluate(x));
  return {
    x: Float32Array.from(x),
    iterations: options.iterations,
    evaluations: options.iterations + 1,
    initialLoss: initialLoss ?? finalLoss,
    finalLoss,
    stop: 'iterations',
  };
}
