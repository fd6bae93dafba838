import { array32, type Array32 } from './array';

/**
 * z for a seed: a standard-normal vector from a seeded PRNG (mulberry32 + Box–Muller). Deterministic across
 * platforms, but not torch's generator: seed N here is not seed N in the official notebooks.
 */
export function zFromSeed(seed: number, dim: number): Float32Array {
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`seed must be an integer in [0, 4294967295], got ${seed}`);
  }
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const z = new Float32Array(dim);
  for (let i = 0; i < dim; i += 2) {
    let u = 0;
    while (u === 0) u = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    const a = 2 * Math.PI * uniform();
    z[i] = r * Math.cos(a);
    if (i + 1 < dim) z[i + 1] = r * Math.sin(a);
  }
  return z;
}

export function zFromSeeds(seeds: readonly number[], dim: number): Array32 {
  const out = array32([seeds.length, dim]);
  seeds.forEach((s, i) => out.data.set(zFromSeed(s, dim), i * dim));
  return out;
}
