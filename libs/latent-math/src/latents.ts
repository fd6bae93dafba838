import { array32, type Array32 } from './array';

/** w [N,D] → W+ [N,L,D] (every layer the same w). */
export function broadcastW(w: Array32, nLatent: number): Array32 {
  const [n, d] = w.shape as [number, number];
  const out = array32([n, nLatent, d]);
  for (let b = 0; b < n; b++) {
    const row = w.data.subarray(b * d, (b + 1) * d);
    for (let l = 0; l < nLatent; l++) out.data.set(row, (b * nLatent + l) * d);
  }
  return out;
}

/**
 * Truncation w' = avg + ψ·(w − avg) of W or W+ rows toward `avg` [D]. `layers` limits it to the first rows
 * of a W+ code (NVIDIA's cutoff); by default every row (rosinality's behaviour).
 */
export function truncate(latent: Array32, avg: Float32Array, psi: number, layers?: number): Array32 {
  const d = avg.length;
  if (latent.shape[latent.shape.length - 1] !== d)
    throw new RangeError('truncate: latent width differs from avg');
  const perSample = latent.shape.length === 3 ? latent.shape[1]! : 1;
  const out = array32(latent.shape, latent.data.slice());
  for (let i = 0; i < out.data.length; i++) {
    const row = Math.floor(i / d) % perSample;
    if (layers !== undefined && row >= layers) continue;
    const a = avg[i % d]!;
    out.data[i] = a + psi * (out.data[i]! - a);
  }
  return out;
}

/** w + strength·step·M(w), the StyleCLIP mapper edit (step 0.1 in training and inference). */
export function applyMapperDelta(wplus: Array32, delta: Array32, strength: number, step = 0.1): Array32 {
  if (wplus.data.length !== delta.data.length) throw new RangeError('applyMapperDelta: shapes differ');
  const out = array32(wplus.shape);
  const k = strength * step;
  for (let i = 0; i < out.data.length; i++) out.data[i] = wplus.data[i]! + k * delta.data[i]!;
  return out;
}
