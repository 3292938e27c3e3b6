// The L-BFGS optimiser on functions whose minimum is known.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { minimizeLbfgs } from '../../src/main/engine';

function rosenbrock(x: Float64Array) {
  const [a, b] = [x[0]!, x[1]!];
  return {
    loss: (1 - a) ** 2 + 100 * (b - a * a) ** 2,
    gradient: Float64Array.of(-2 * (1 - a) - 400 * a * (b - a * a), 200 * (b - a * a)),
  };
}

/** sum_i c_i (x_i - i/n)^2 with curvatures from 1 to 1e3: minimum 0 at x_i = i / n. */
function illConditioned(n: number) {
  const c = Float64Array.from({ length: n }, (_, i) => 10 ** ((3 * i) / (n - 1)));
  return (x: Float64Array) => {
    let loss = 0;
    const gradient = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const d = x[i]! - i / n;
      loss += c[i]! * d * d;
      gradient[i] = 2 * c[i]! * d;
    }
    return { loss, gradient };
  };
}

describe('L-BFGS', () => {
  test('finds the Rosenbrock minimum at (1, 1) from (-1.2, 1)', async () => {
    const losses: number[] = [];
    const r = await minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), {
      memory: 10,
      maxIterations: 200,
      gradientTolerance: 1e-10,
      relativeTolerance: 0,
      onIteration: ({ at }) => void losses.push(at.loss),
    });
    assert.ok(Math.abs(r.x[0]! - 1) < 1e-6 && Math.abs(r.x[1]! - 1) < 1e-6, `ended at ${r.x}`);
    assert.ok(r.iterations < 60, `${r.iterations} iterations`);
    for (let i = 1; i < losses.length; i++) assert.ok(losses[i]! < losses[i - 1]!);
    // The line search rarely needs more than one try per iteration.
    assert.ok(r.evaluations < 1.5 * r.iterations + 10, `${r.evaluations} evaluations`);
  });

  test('solves an ill-conditioned quadratic in 2,000 dimensions', async () => {
    const n = 2000;
    const r = await minimizeLbfgs(illConditioned(n), new Float64Array(n), {
      memory: 10,
      maxIterations: 500,
      relativeTolerance: 0,
      gradientTolerance: 1e-9,
    });
    assert.equal(r.stop, 'gradient');
    let worst = 0;
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(r.x[i]! - i / n));
    assert.ok(worst < 1e-8, `largest error ${worst}`);
  });

  test("with a known lower bound the first step is Polyak's: one trial where 1/|g| needs more", async () => {
    // |x|^2 in 10,000 dimensions from all ones: Polyak's step f / |g|^2 halves x, which the
    // line search accepts at once; scipy's 1 / |g| moves x by 1 % and has to extrapolate.
    const n = 10_000;
    const sphere = (x: Float64Array) => {
      let loss = 0;
      for (let i = 0; i < n; i++) loss += x[i]! * x[i]!;
      return { loss, gradient: x.map((v) => 2 * v) };
    };
    const start = new Float64Array(n).fill(1);
    const withBound = await minimizeLbfgs(sphere, start, {
      memory: 5,
      maxIterations: 1,
      lowerBound: 0,
    });
    const without = await minimizeLbfgs(sphere, start, { memory: 5, maxIterations: 1 });
    assert.equal(withBound.evaluations, 2, 'the start and one trial');
    assert.ok(Math.abs(withBound.at.loss - n / 4) < 1e-6, `loss ${withBound.at.loss}`);
    assert.ok(without.evaluations > 2, `without a bound: ${without.evaluations} evaluations`);
  });

  test('stops at maxIterations, and on a relative decrease below the tolerance', async () => {
    const capped = await minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), {
      memory: 5,
      maxIterations: 7,
    });
    assert.equal(capped.iterations, 7);
    assert.equal(capped.stop, 'iterations');
    const converged = await minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), {
      memory: 5,
      maxIterations: 1000,
      relativeTolerance: 1e-3,
    });
    assert.equal(converged.stop, 'converged');
    assert.ok(converged.iterations < 1000);
  });

  test('a throw before an evaluation stops the run with that error', async () => {
    let evaluations = 0;
    await assert.rejects(
      minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), {
        memory: 5,
        maxIterations: 100,
        beforeEvaluation: () => {
          if (++evaluations > 4) throw new Error('stop here');
        },
      }),
      /stop here/,
    );
    assert.equal(evaluations, 5);
  });

  test('a loss that is NaN away from the start makes the line search step back', async () => {
    // 10 x - log x: undefined for x <= 0, minimum at x = 0.1. From 0.5 the first step (length
    // 1 / |g| * |g| = 1) lands at -0.5, where the loss is NaN.
    let sawNaN = false;
    const barrier = (x: Float64Array) => {
      const v = x[0]!;
      if (!(v > 0)) sawNaN = true;
      return {
        loss: v > 0 ? 10 * v - Math.log(v) : NaN,
        gradient: Float64Array.of(v > 0 ? 10 - 1 / v : NaN),
      };
    };
    const r = await minimizeLbfgs(barrier, Float64Array.of(0.5), {
      memory: 3,
      maxIterations: 50,
      gradientTolerance: 1e-9,
    });
    assert.ok(sawNaN, 'the test never reached the NaN region');
    assert.ok(Math.abs(r.x[0]! - 0.1) < 1e-6, `ended at ${r.x[0]}`);
  });
});
