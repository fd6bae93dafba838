/** Small float helpers; sums run in float64, results are float32. */

export function l2Norm(v: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  return Math.sqrt(sum);
}

/**
 * Mean of the L2-normalized rows of a row-major `[n, dim]` matrix, L2-normalized again (CLIP's
 * prompt-ensemble embedding). Throws when a row or the mean has zero length (or is not finite).
 */
export function normalizedMeanOfNormalizedRows(
  rows: Float32Array,
  n: number,
  dim: number,
  what: string,
): Float32Array {
  const acc = new Float64Array(dim);
  for (let r = 0; r < n; r++) {
    const row = rows.subarray(r * dim, (r + 1) * dim);
    const norm = l2Norm(row);
    if (!(norm > 0) || !Number.isFinite(norm)) {
      throw new Error(`${what}: embedding row ${r} has norm ${norm}; cannot normalize it`);
    }
    for (let i = 0; i < dim; i++) acc[i]! += row[i]! / norm;
  }
  for (let i = 0; i < dim; i++) acc[i]! /= n;
  const norm = l2Norm(acc);
  if (!(norm > 0) || !Number.isFinite(norm)) throw new Error(`${what}: the mean embedding has norm ${norm}`);
  const out = new Float32Array(dim);
  for (let i = 0; i < dim; i++) out[i] = acc[i]! / norm;
  return out;
}
