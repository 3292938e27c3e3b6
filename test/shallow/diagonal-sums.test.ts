// The kernel loss's diagonal sums on plain arrays against their definitions, summed directly.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { diagonalSpread, diagonalWindowSum } from '../../src/main/methods/shallow/diagonal-sums';
import { seededRandom } from '../../src/main/dsp/random';

function randomArray(n: number, seed: number): Float32Array {
  return seededRandom(seed).fillUniform(new Float32Array(n), -1, 1);
}

const shapes: [number, number, number][] = [
  [1, 1, 1],
  [5, 7, 1],
  [6, 4, 3],
  [13, 9, 11],
  [40, 57, 11],
];

describe('diagonal sums of the kernel loss', () => {
  for (const [rows, cols, width] of shapes) {
    test(`patch sums and their transpose, ${rows} x ${cols}, width ${width}`, () => {
      const stride = cols + width - 1;
      const full = randomArray((rows + width - 1) * stride, rows * 100 + cols);
      const p = diagonalWindowSum(full, rows, cols, width);
      for (let t = 0; t < rows; t++)
        for (let u = 0; u < cols; u++) {
          let sum = 0;
          for (let j = 0; j < width; j++) sum += full[(t + j) * stride + u + j]!;
          assert.ok(Math.abs(p[t * cols + u]! - sum) < 1e-5, `p[${t}][${u}]`);
        }
      // The spread is the transpose: <spread(g), full> = <g, windowSum(full)> for any g.
      const g = randomArray(rows * cols, 7 + rows);
      const spread = diagonalSpread(g, rows, cols, width);
      assert.equal(spread.length, full.length);
      let left = 0;
      let right = 0;
      for (let i = 0; i < full.length; i++) left += spread[i]! * full[i]!;
      for (let i = 0; i < g.length; i++) right += g[i]! * p[i]!;
      assert.ok(
        Math.abs(left - right) < 1e-4 * Math.max(1, Math.abs(right)),
        `${left} vs ${right}`,
      );
      // And each spread value is the sum of the g terms on its diagonal inside g.
      for (let r = 0; r < rows + width - 1; r++)
        for (let c = 0; c < stride; c++) {
          let sum = 0;
          for (let j = 0; j < width; j++)
            if (r - j >= 0 && r - j < rows && c - j >= 0 && c - j < cols)
              sum += g[(r - j) * cols + c - j]!;
          assert.ok(Math.abs(spread[r * stride + c]! - sum) < 1e-5, `spread[${r}][${c}]`);
        }
    });
  }

  test('a wrong length is refused', () => {
    assert.throws(() => diagonalWindowSum(new Float32Array(10), 3, 3, 2), /values for 3 x 3/);
    assert.throws(() => diagonalSpread(new Float32Array(8), 3, 3, 2), /values for 3 x 3/);
  });
});
