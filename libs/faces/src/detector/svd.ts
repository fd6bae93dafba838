/** Thin singular value decomposition A = U·diag(s)·Vᵀ of a small dense matrix, singular values descending. */
export interface Svd {
  /** m × k, row-major (k = min(m, n)). */
  u: Float64Array;
  s: Float64Array;
  /** n × k, row-major. */
  v: Float64Array;
  k: number;
}

/**
 * One-sided Jacobi SVD (Hestenes) of an m × n row-major matrix, in double precision. Accurate to a few ulps
 * in the singular vectors, which is what the detector needs: dlib's separable filters are u·√s and v·√s cast
 * to float, and a float cast only differs when two accurate doubles straddle a float rounding boundary.
 */
export function svd(a: Float64Array, m: number, n: number): Svd {
  if (m < n) {
    // Work on Aᵀ and swap the roles of U and V.
    const t = new Float64Array(m * n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) t[j * m + i] = a[i * n + j]!;
    const r = svd(t, n, m);
    return { u: r.v, s: r.s, v: r.u, k: r.k };
  }
  // Columns of w (m × n) are rotated until mutually orthogonal; v accumulates the rotations.
  const w = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < m; i++) {
          const x = w[i * n + p]!;
          const y = w[i * n + q]!;
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (gamma === 0 || Math.abs(gamma) <= 1e-17 * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < m; i++) {
          const x = w[i * n + p]!;
          const y = w[i * n + q]!;
          w[i * n + p] = c * x - s * y;
          w[i * n + q] = s * x + c * y;
        }
        for (let i = 0; i < n; i++) {
          const x = v[i * n + p]!;
          const y = v[i * n + q]!;
          v[i * n + p] = c * x - s * y;
          v[i * n + q] = s * x + c * y;
        }
      }
    }
    if (!rotated) break;
  }
  const s = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let ss = 0;
    for (let i = 0; i < m; i++) ss += w[i * n + j]! ** 2;
    s[j] = Math.sqrt(ss);
  }
  const order = Array.from({ length: n }, (_, j) => j).sort((x, y) => s[y]! - s[x]!);
  const u = new Float64Array(m * n);
  const vs = new Float64Array(n * n);
  const ss = new Float64Array(n);
  order.forEach((j, col) => {
    ss[col] = s[j]!;
    for (let i = 0; i < m; i++) u[i * n + col] = s[j]! > 0 ? w[i * n + j]! / s[j]! : 0;
    for (let i = 0; i < n; i++) vs[i * n + col] = v[i * n + j]!;
  });
  return { u, s: ss, v: vs, k: n };
}
