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

export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  let spare: number | undefined;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    let u = 0;
    while (u === 0) u = next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return {
    next,
    normal,
    fillNormal(n, std = 1, mean = 0) {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = mean + std * normal();
      return out;
    },
    fillUniform(n, lo = 0, hi = 1) {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * next();
      return out;
    },
  };
}
