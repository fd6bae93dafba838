import { GaussianRandom } from '@styleclip/latent-math';

/** A small, fast, deterministic PRNG (mulberry32) with a Gaussian sampler (Box–Muller). */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal. */
  normal(): number;
  /** A Float32Array of n normal samples times `std` plus `mean`. */
  fillNormal(n: number, std?: number, mean?: number): Float32Array;
  /** A Float32Array of n uniform samples in [lo, hi). */
  fillUniform(n: number, lo?: number, hi?: number): Float32Array;
}

/** The project's GaussianRandom behind the small interface tests use (the same numbers for the same seed). */
export function seededRandom(seed: number): SeededRandom {
  const g = new GaussianRandom(seed);
  return {
    next: () => g.uniform(),
    normal: () => g.normal(),
    fillNormal(n, std = 1, mean = 0) {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = mean + std * g.normal();
      return out;
    },
    fillUniform(n, lo = 0, hi = 1) {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * g.uniform();
      return out;
    },
  };
}
