// The diagonal trick of the kernel loss (kernel-loss.ts) on plain arrays: patch dot products from
// frame dot products, and the gradient's way back. Running sums along the diagonals cost three
// operations per element whatever the filter width; on tfjs-wasm the same sums took `width` slices
// (copied on the JS side) and an addN, about a fifth of an evaluation at 10 s of 44.1 kHz
// (docs/presets.md). The running sums are kept in float64, so they drift less than a float32 addN.

/**
 * p[t][u] = sum_{j < width} full[t + j][u + j] for t < rows, u < cols, with `full` row-major of
 * (rows + width - 1) x (cols + width - 1): the patch products from the frame products.
 */
export function diagonalWindowSum(
  full: Float32Array,
  rows: number,
  cols: number,
  width: number,
): Float32Array {
  const stride = cols + width - 1;
  if (full.length !== (rows + width - 1) * stride)
    throw new Error(
      `diagonalWindowSum: ${full.length} values for ${rows} x ${cols}, width ${width}`,
    );
  const out = new Float32Array(rows * cols);
  let previous = new Float64Array(cols);
  let current = new Float64Array(cols);
  for (let t = 0; t < rows; t++) {
    // The first column (and the whole first row) directly; the rest from the cell up and left:
    // drop the frame pair that left the patch, add the one that entered it.
    const firstCol = t === 0 ? cols : 1;
    for (let u = 0; u < firstCol; u++) {
      let sum = 0;
      for (let j = 0; j < width; j++) sum += full[(t + j) * stride + u + j]!;
      current[u] = sum;
    }
    if (t > 0) {
      const left = (t - 1) * stride - 1;
      const entered = (t + width - 1) * stride + width - 1;
      for (let u = 1; u < cols; u++)
        current[u] = previous[u - 1]! - full[left + u]! + full[entered + u]!;
    }
    out.set(current, t * cols);
    [previous, current] = [current, previous];
  }
  return out;
}

/**
 * The transpose of diagonalWindowSum: g (rows x cols, per patch pair) spread back over the frame
 * pairs, out[r][c] = sum_{j < width} g[r - j][c - j] over the terms inside g, for an out of
 * (rows + width - 1) x (cols + width - 1).
 */
export function diagonalSpread(
  g: Float32Array,
  rows: number,
  cols: number,
  width: number,
): Float32Array {
  if (g.length !== rows * cols)
    throw new Error(`diagonalSpread: ${g.length} values for ${rows} x ${cols}`);
  const outRows = rows + width - 1;
  const outCols = cols + width - 1;
  const out = new Float32Array(outRows * outCols);
  let previous = new Float64Array(outCols);
  let current = new Float64Array(outCols);
  const at = (r: number, c: number): number => (r < rows && c < cols ? g[r * cols + c]! : 0);
  for (let r = 0; r < outRows; r++) {
    // Column 0 (and row 0) hold only the j = 0 term.
    current[0] = at(r, 0);
    if (r === 0) for (let c = 1; c < outCols; c++) current[c] = at(0, c);
    else {
      const leaving = r - width;
      for (let c = 1; c < outCols; c++) {
        let v = previous[c - 1]! + at(r, c);
        if (leaving >= 0 && c >= width) v -= at(leaving, c - width);
        current[c] = v;
      }
    }
    out.set(current, r * outCols);
    [previous, current] = [current, previous];
  }
  return out;
}
