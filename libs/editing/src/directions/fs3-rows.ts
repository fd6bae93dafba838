import { array32, concatRows, rows as sliceRows, type Array32 } from '@styleclip/latent-math';
import type { Components } from '../components';
import { clipFeaturesOfImages, normalizeRows } from './clip-features';

// The per-channel computation of fs3, kept apart from the chunking, resuming and sharding around it (precompute.ts,
// fs3-plan.ts) so it can be made faster on its own: whatever it does, the rows it returns for a list of channels
// are the table's rows, whichever process or shard computes them.

/** Sets one channel of every row to a value (the ±5σ probes). */
export function probeBatch(base: Array32, offset: number, values: readonly number[]): Array32 {
  const [m, c] = base.shape as [number, number];
  const out = array32([m * values.length, c]);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < values.length; k++) {
      const row = (i * values.length + k) * c;
      out.data.set(base.data.subarray(i * c, (i + 1) * c), row);
      out.data[row + offset] = values[k]!;
    }
  }
  return out;
}

/**
 * The fs3 rows of some channels (S offsets): for each channel, over the base images, e(μ+5σ) − e(μ−5σ) of
 * normalized CLIP embeddings, each difference normalized, averaged, normalized. (The official script also
 * leaves earlier channels at their mean, a shallow-copy side effect; we reset every channel, so rows do not
 * depend on processing order.) Images go through the generator `batch` at a time.
 */
export async function fs3Rows(
  components: Components,
  base: Array32,
  offsets: readonly number[],
  mean: Float32Array,
  std: Float32Array,
  batch: number,
): Promise<Float32Array> {
  const m = base.shape[0]!;
  const probes = concatRows(
    offsets.map((o) => probeBatch(base, o, [mean[o]! - 5 * std[o]!, mean[o]! + 5 * std[o]!])),
  );
  const feats: Array32[] = [];
  for (let i = 0; i < probes.shape[0]!; i += batch) {
    const s = sliceRows(probes, i, Math.min(i + batch, probes.shape[0]!));
    feats.push(await clipFeaturesOfImages(components, await components.synthesis(s)));
  }
  const e = normalizeRows(concatRows(feats));
  const dim = e.shape[1]!;
  const out = new Float32Array(offsets.length * dim);
  for (let ch = 0; ch < offsets.length; ch++) {
    const acc = new Float64Array(dim);
    for (let i = 0; i < m; i++) {
      const lo = (ch * m + i) * 2 * dim;
      const hi = lo + dim;
      let norm = 0;
      for (let k = 0; k < dim; k++) norm += (e.data[hi + k]! - e.data[lo + k]!) ** 2;
      const inv = 1 / Math.sqrt(norm || 1);
      for (let k = 0; k < dim; k++) acc[k]! += (e.data[hi + k]! - e.data[lo + k]!) * inv;
    }
    let norm = 0;
    for (let k = 0; k < dim; k++) norm += acc[k]! ** 2;
    const inv = 1 / Math.sqrt(norm || 1);
    for (let k = 0; k < dim; k++) out[ch * dim + k] = acc[k]! * inv;
  }
  return out;
}
