// The engine's working representation S = log(1 + |X|) (METHODS.md section 1) and its inverse.

/** log1p of each magnitude. */
export function logMagnitude(mag: Float32Array): Float32Array {
  const out = new Float32Array(mag.length);
  for (let i = 0; i < mag.length; i++) out[i] = Math.log1p(mag[i]!);
  return out;
}

/**
 * expm1 of each log-magnitude: the inverse of `logMagnitude`. An optimised S can dip below 0,
 * which no magnitude maps to; those cells come back as magnitude 0 rather than negative.
 */
export function inverseLogMagnitude(
  logMag: Float32Array,
  /** Where to write: a new array, or `logMag` itself when it is no longer needed (memory). */
  out: Float32Array = new Float32Array(logMag.length),
): Float32Array {
  for (let i = 0; i < logMag.length; i++) {
    const value = logMag[i]!;
    out[i] = value > 0 ? Math.expm1(value) : 0;
  }
  return out;
}
