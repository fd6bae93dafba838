import { array32, type Array32 } from './array';
import { GaussianRandom } from './random';

/**
 * z for a seed: a standard-normal vector from `GaussianRandom`. Deterministic across
 * platforms, but not torch's generator: seed N here is not seed N in the official notebooks.
 */
export function zFromSeed(seed: number, dim: number): Float32Array {
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`seed must be an integer in [0, 4294967295], got ${seed}`);
  }
  return new GaussianRandom(seed).randn(dim);
}

export function zFromSeeds(seeds: readonly number[], dim: number): Array32 {
  const out = array32([seeds.length, dim]);
  seeds.forEach((s, i) => out.data.set(zFromSeed(s, dim), i * dim));
  return out;
}
