// The gradient of every loss agrees with central finite differences. Two checks per loss:
//  - against a float64 reference written as plain loops (reference.ts), step 1e-4: the engine's
//    float32 gradient must match to 1e-5 of |g| (float32 rounding; measured ~1e-8);
//  - against the engine's own float32 loss, step 1e-2 along a unit direction: 1e-3 of |g|
//    (the step is large enough that float32 noise in the loss, ~1e-7 relative, stays below it).
// The loss values themselves must match the reference to 1e-5 relative.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend, type BackendName } from '../../src/main/engine';
import { buildCase, type ObjectiveCase } from './problems';
import { referenceLosses } from './reference';
import { testNoise } from './fixtures';

const CASES: ObjectiveCase[] = [
  { name: 'content', contentWeight: 1, styleWeight: 0, shares: [], mode: 'gram' },
  { name: 'style (Gram form)', contentWeight: 0, styleWeight: 1, shares: [1], mode: 'gram' },
  { name: 'style (frame form)', contentWeight: 0, styleWeight: 1, shares: [1], mode: 'frames' },
  { name: 'total', contentWeight: 0.3, styleWeight: 1, shares: [1], mode: 'frames' },
  {
    name: 'total, two styles mixed 0.7 / 0.3',
    contentWeight: 0.01,
    styleWeight: 2,
    shares: [0.7, 0.3],
    mode: 'gram',
  },
  {
    name: 'total, filter bank cut into uneven blocks (5 x 13 bins, 3 x 22 filters)',
    contentWeight: 0.3,
    styleWeight: 1,
    shares: [1],
    mode: 'frames',
    layout: { forwardBins: 13, backwardFilters: 22 },
  },
  {
    name: 'style, two styles, frame form',
    contentWeight: 0,
    styleWeight: 1,
    shares: [0.25, 0.75],
    mode: 'frames',
  },
];

function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
}

function unitDirection(length: number, seed: number): Float64Array {
  const v = Float64Array.from(testNoise(length, seed, -1, 1));
  const n = norm(v);
  return v.map((a) => a / n);
}

function along(x: Float32Array, v: Float64Array, h: number): Float64Array {
  return Float64Array.from(x, (a, i) => a + h * v[i]!);
}

function checkCase(c: ObjectiveCase): void {
  const built = buildCase(c);
  try {
    const { objective, reference, point } = built;
    const engine = objective.evaluate(point);
    const ref = referenceLosses(reference, point);
    for (const key of ['content', 'style', 'total'] as const) {
      const tolerance = 1e-5 * Math.abs(ref.total);
      assert.ok(
        Math.abs(engine[key] - ref[key]) <= tolerance,
        `${c.name}: ${key} loss ${engine[key]} differs from the float64 reference ${ref[key]}`,
      );
    }
    const g = engine.gradient;
    const gNorm = norm(g);
    assert.ok(gNorm > 0, `${c.name}: the gradient is zero`);

    // Directional derivatives against the float64 reference.
    for (const seed of [11, 12, 13]) {
      const v = unitDirection(point.length, seed);
      const h = 1e-4;
      const fd =
        (referenceLosses(reference, along(point, v, h)).total -
          referenceLosses(reference, along(point, v, -h)).total) /
        (2 * h);
      let gv = 0;
      for (let i = 0; i < g.length; i++) gv += g[i]! * v[i]!;
      assert.ok(
        Math.abs(gv - fd) <= 1e-5 * gNorm,
        `${c.name}: g.v = ${gv} but the float64 central difference is ${fd} (|g| ${gNorm})`,
      );
    }

    // Single coordinates: the 6 steepest and 6 fixed ones.
    const order = Array.from(g.keys()).sort((a, b) => Math.abs(g[b]!) - Math.abs(g[a]!));
    const coords = [...order.slice(0, 6), 5, 101, 333, 977, 1500, 2555];
    for (const i of coords) {
      const h = 1e-4;
      const plus = Float64Array.from(point);
      const minus = Float64Array.from(point);
      plus[i]! += h;
      minus[i]! -= h;
      const fd =
        (referenceLosses(reference, plus).total - referenceLosses(reference, minus).total) /
        (2 * h);
      assert.ok(
        Math.abs(g[i]! - fd) <= 1e-5 * gNorm,
        `${c.name}: dL/dS[${i}] = ${g[i]} but the central difference is ${fd}`,
      );
    }

    // The engine's own float32 loss along a unit direction.
    const v = unitDirection(point.length, 21);
    const h = 1e-2;
    const plus = objective.evaluate(Float32Array.from(along(point, v, h))).total;
    const minus = objective.evaluate(Float32Array.from(along(point, v, -h))).total;
    let gv = 0;
    for (let i = 0; i < g.length; i++) gv += g[i]! * v[i]!;
    const fd32 = (plus - minus) / (2 * h);
    assert.ok(
      Math.abs(gv - fd32) <= 1e-3 * gNorm,
      `${c.name}: g.v = ${gv} but the engine's own central difference is ${fd32}`,
    );
  } finally {
    built.dispose();
  }
}

for (const backend of ['wasm', 'cpu'] as BackendName[]) {
  describe(`loss gradients on the ${backend} backend`, () => {
    const cases = backend === 'wasm' ? CASES : CASES.filter((c) => c.name.startsWith('total'));
    for (const c of cases) {
      test(`${c.name}: values and gradient match finite differences`, async () => {
        await initBackend({ backend });
        checkCase(c);
      });
    }
  });
}
