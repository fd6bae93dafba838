import { broadcastW, concatRows, truncate, zFromSeed, array32, type Array32 } from '@styleclip/latent-math';
import type { Components } from '../components';

export interface TruncationSpec {
  psi: number;
  /** 'all' W+ rows (TF / rosinality) or the 'first8' rows only (the PyTorch port's NVIDIA semantics). */
  layers: 'all' | 'first8';
}

/** StyleCLIP's sampling for S statistics and fs3: ψ 0.7 on every W+ row. */
export const STYLECLIP_SAMPLING: TruncationSpec = Object.freeze({ psi: 0.7, layers: 'all' });

/** The seed of the sampling pool of S statistics and fs3 base images (any fixed seed; ours is 5). */
export const POOL_SEED = 5;

/** The z seed of sample i of a pool: a fixed mapping, so any slice of the pool can be regenerated. */
const poolSeed = (seed: number, i: number): number => (Math.imul(seed + 1, 1_000_003) + i) >>> 0;

/** S codes of samples [start, start+count) of the pool: z → w → W+ (truncated) → S. */
export async function samplePoolS(
  components: Components,
  latentAvg: Float32Array,
  o: { seed: number; start: number; count: number; truncation: TruncationSpec },
): Promise<Array32> {
  const d = components.generator.config.styleDim;
  const z = array32([o.count, d]);
  for (let i = 0; i < o.count; i++) z.data.set(zFromSeed(poolSeed(o.seed, o.start + i), d), i * d);
  const w = await components.mapping(z, 1);
  const wplus = truncate(
    broadcastW(w, components.generator.nLatent),
    latentAvg,
    o.truncation.psi,
    o.truncation.layers === 'first8' ? 8 : undefined,
  );
  return components.styles(wplus);
}

/** The same, in batches of `batch`. */
export async function samplePoolSBatched(
  components: Components,
  latentAvg: Float32Array,
  o: { seed: number; start: number; count: number; truncation: TruncationSpec; batch: number },
  onBatch?: (done: number) => void,
): Promise<Array32> {
  const parts: Array32[] = [];
  for (let i = 0; i < o.count; i += o.batch) {
    const n = Math.min(o.batch, o.count - i);
    parts.push(await samplePoolS(components, latentAvg, { ...o, start: o.start + i, count: n }));
    onBatch?.(i + n);
  }
  return concatRows(parts);
}
