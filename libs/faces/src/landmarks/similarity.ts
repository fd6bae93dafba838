const f32 = Math.fround;

/**
 * The 2×2 part of dlib's `find_similarity_transform(from, to)` (Umeyama's least-squares rotation + scale,
 * computed in double from float points), cast to float as `extract_feature_pixel_values` uses it: [a, b, c, d]
 * for the matrix [[a, b], [c, d]]. dlib gets it from an SVD of the 2×2 cross-covariance C; the closed form
 * here is the same matrix: for a similarity, c·R = [[p, −q], [q, p]] / σ² with p = C₀₀ + C₁₁, q = C₁₀ − C₀₁.
 */
export function similarityMatrix(from: Float32Array, to: Float32Array, out: Float64Array): void {
  const n = from.length / 2;
  if (n === 1) {
    out[0] = 1;
    out[1] = 0;
    out[2] = 0;
    out[3] = 1;
    return;
  }
  let mfx = 0;
  let mfy = 0;
  let mtx = 0;
  let mty = 0;
  for (let i = 0; i < n; i++) {
    mfx += from[2 * i]!;
    mfy += from[2 * i + 1]!;
    mtx += to[2 * i]!;
    mty += to[2 * i + 1]!;
  }
  mfx /= n;
  mfy /= n;
  mtx /= n;
  mty /= n;
  let sigma = 0;
  let c00 = 0;
  let c01 = 0;
  let c10 = 0;
  let c11 = 0;
  for (let i = 0; i < n; i++) {
    const fx = from[2 * i]! - mfx;
    const fy = from[2 * i + 1]! - mfy;
    const tx = to[2 * i]! - mtx;
    const ty = to[2 * i + 1]! - mty;
    sigma += fx * fx + fy * fy;
    c00 += tx * fx;
    c01 += tx * fy;
    c10 += ty * fx;
    c11 += ty * fy;
  }
  sigma /= n;
  c00 /= n;
  c01 /= n;
  c10 /= n;
  c11 /= n;
  const p = c00 + c11;
  const q = c10 - c01;
  const norm = Math.hypot(p, q);
  if (norm === 0) {
    // Degenerate target (all points equal): dlib's SVD gives R = I and a zero scale.
    out[0] = out[1] = out[2] = out[3] = 0;
    if (sigma === 0) out[0] = out[3] = 1;
    return;
  }
  const scale = sigma !== 0 ? (1 / sigma) * norm : 1;
  out[0] = f32(scale * (p / norm));
  out[1] = f32(scale * (-q / norm));
  out[2] = f32(scale * (q / norm));
  out[3] = f32(scale * (p / norm));
}
