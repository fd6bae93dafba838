import { addcdiv, addcmul, addScaled, f32, sqrt32 } from './float32';
import { powInt } from './libm';
import { checkStepArgs, type Optimizer } from './optimizer';
import { checkState, copyBuffers, OPTIMIZER_STATE_VERSION, type OptimizerState } from './state';

export interface RangerOptions {
  /** Lookahead interpolation (default 0.5). */
  alpha?: number;
  /** Lookahead sync period in steps (default 6). */
  k?: number;
  /** RAdam rectification threshold on N_sma (default 5; `N_sma_threshhold` in the official code). */
  nSmaThreshold?: number;
  /** Default (0.95, 0.999). */
  betas?: readonly [number, number];
  /** Default 1e-5. */
  eps?: number;
  /** Gradient centralization (default true). */
  useGc?: boolean;
  /** Centralize only conv weights (rank > 3) instead of every rank > 1 gradient (default false). */
  gcConvOnly?: boolean;
}

/** RAdam's N_sma and step size at step t (Python doubles), as `Ranger.step` computes them. */
export function radamStep(
  t: number,
  beta1: number,
  beta2: number,
  threshold: number,
): { nSma: number; stepSize: number; rectified: boolean } {
  const beta2t = powInt(beta2, t);
  const nSmaMax = 2 / (1 - beta2) - 1;
  const nSma = nSmaMax - (2 * t * beta2t) / (1 - beta2t);
  const rectified = nSma > threshold;
  const stepSize = rectified
    ? Math.sqrt(
        ((((((1 - beta2t) * (nSma - 4)) / (nSmaMax - 4)) * (nSma - 2)) / nSma) * nSmaMax) / (nSmaMax - 2),
      ) /
      (1 - powInt(beta1, t))
    : 1 / (1 - powInt(beta1, t));
  return { nSma, stepSize, rectified };
}

/**
 * StyleCLIP's `Ranger` (mapper/training/ranger.py, version 20.4.11: RAdam + Lookahead + gradient
 * centralization) in float32 as PyTorch runs it. Per parameter with a gradient:
 * 1. GC: a gradient of rank > 1 (> 3 with `gcConvOnly`) loses its mean over every axis but the first.
 * 2. v ← β2·v + (1−β2)·g², m ← β1·m + (1−β1)·g, t ← t + 1.
 * 3. N_sma = N_max − 2t·β2^t/(1−β2^t), N_max = 2/(1−β2) − 1. If N_sma > threshold:
 *    p ← p − lr·step·m/(√v + ε) with step = √((1−β2^t)(N_sma−4)/(N_max−4)·(N_sma−2)/N_sma·N_max/(N_max−2))/(1−β1^t)
 *    (no bias correction of v outside `step`); else p ← p − lr·m/(1−β1^t) (no denominator).
 * 4. Lookahead: the slow copy starts as the parameter before its first update; every k steps
 *    slow ← slow + α·(p − slow) and p ← slow.
 * The official per-step cache of (N_sma, step) (`radam_buffer`) only memoizes `radamStep`; it holds no state.
 */
export class Ranger implements Optimizer {
  readonly kind = 'ranger';
  private readonly o: Required<Omit<RangerOptions, 'betas'>> & { beta1: number; beta2: number };
  private readonly steps: number[];
  private readonly m: (Float32Array | undefined)[];
  private readonly v: (Float32Array | undefined)[];
  private readonly slow: (Float32Array | undefined)[];
  private readonly sizes: number[];

  constructor(
    private readonly shapes: readonly (readonly number[])[],
    o: RangerOptions = {},
    state?: OptimizerState,
  ) {
    const [beta1, beta2] = o.betas ?? [0.95, 0.999];
    this.o = {
      alpha: o.alpha ?? 0.5,
      k: o.k ?? 6,
      nSmaThreshold: o.nSmaThreshold ?? 5,
      eps: o.eps ?? 1e-5,
      useGc: o.useGc ?? true,
      gcConvOnly: o.gcConvOnly ?? false,
      beta1,
      beta2,
    };
    if (!(this.o.alpha >= 0 && this.o.alpha <= 1))
      throw new RangeError(`ranger: alpha must be in [0, 1], got ${this.o.alpha}`);
    if (!(Number.isInteger(this.o.k) && this.o.k >= 1))
      throw new RangeError(`ranger: k must be an integer ≥ 1, got ${this.o.k}`);
    if (!(this.o.eps > 0)) throw new RangeError(`ranger: eps must be > 0, got ${this.o.eps}`);
    for (const b of [beta1, beta2])
      if (!(b >= 0 && b < 1)) throw new RangeError(`ranger: betas must be in [0, 1), got ${b}`);
    this.sizes = shapes.map((s) => s.reduce((p, d) => p * d, 1));
    if (state) {
      checkState(state, 'ranger', this.sizes, ['exp_avg', 'exp_avg_sq', 'slow_buffer']);
      this.steps = [...state.steps];
      this.m = this.sizes.map((_, i) => state.buffers[`exp_avg.${i}`]?.slice());
      this.v = this.sizes.map((_, i) => state.buffers[`exp_avg_sq.${i}`]?.slice());
      this.slow = this.sizes.map((_, i) => state.buffers[`slow_buffer.${i}`]?.slice());
    } else {
      this.steps = this.sizes.map(() => 0);
      this.m = this.sizes.map(() => undefined);
      this.v = this.sizes.map(() => undefined);
      this.slow = this.sizes.map(() => undefined);
    }
  }

  step(params: readonly Float32Array[], grads: readonly (Float32Array | undefined)[], lr: number): void {
    checkStepArgs('ranger', this.sizes, params, grads, lr);
    const { beta1, beta2 } = this.o;
    const b1 = f32(beta1);
    const b2 = f32(beta2);
    const a1 = f32(1 - beta1);
    const a2 = f32(1 - beta2);
    const eps = f32(this.o.eps);
    const alpha = f32(this.o.alpha);
    const gcAbove = this.o.gcConvOnly ? 3 : 1;
    params.forEach((p, i) => {
      const raw = grads[i];
      if (!raw) return;
      const shape = this.shapes[i]!;
      const g = this.o.useGc && shape.length > gcAbove ? centralized(raw, shape[0]!) : raw;
      const m = (this.m[i] ??= new Float32Array(p.length));
      const v = (this.v[i] ??= new Float32Array(p.length));
      const slow = (this.slow[i] ??= p.slice());
      const t = ++this.steps[i]!;
      const { stepSize, rectified } = radamStep(t, beta1, beta2, this.o.nSmaThreshold);
      const scale = f32(-stepSize * lr);
      for (let k = 0; k < p.length; k++) {
        const gk = g[k]!;
        const vk = addcmul(f32(v[k]! * b2), a2, gk, gk);
        const mk = addScaled(f32(m[k]! * b1), a1, gk);
        v[k] = vk;
        m[k] = mk;
        p[k] = rectified ? addcdiv(p[k]!, scale, mk, f32(sqrt32(vk) + eps)) : addScaled(p[k]!, scale, mk);
      }
      if (t % this.o.k === 0) {
        for (let k = 0; k < p.length; k++) {
          const s = addScaled(slow[k]!, alpha, f32(p[k]! - slow[k]!));
          slow[k] = s;
          p[k] = s;
        }
      }
    });
  }

  state(): OptimizerState {
    const buffers: Record<string, Float32Array> = {};
    this.steps.forEach((t, i) => {
      if (t === 0) return;
      buffers[`exp_avg.${i}`] = this.m[i]!;
      buffers[`exp_avg_sq.${i}`] = this.v[i]!;
      buffers[`slow_buffer.${i}`] = this.slow[i]!;
    });
    const { alpha, k, nSmaThreshold, eps, useGc, gcConvOnly, beta1, beta2 } = this.o;
    return {
      kind: 'ranger',
      version: OPTIMIZER_STATE_VERSION,
      options: {
        alpha,
        k,
        nSmaThreshold,
        eps,
        useGc: useGc ? 1 : 0,
        gcConvOnly: gcConvOnly ? 1 : 0,
        beta1,
        beta2,
      },
      steps: [...this.steps],
      buffers: copyBuffers(buffers),
    };
  }
}

/**
 * g − mean(g over every axis but the first), per row, in float32 (`grad.add_(-grad.mean(dim=1..))`). The
 * row mean is the float32 sum in numpy's pairwise order (8 interleaved partial sums), divided by the row
 * length.
 */
export function centralized(g: Float32Array, rows: number): Float32Array {
  const n = g.length / rows;
  const out = new Float32Array(g.length);
  for (let r = 0; r < rows; r++) {
    const row = g.subarray(r * n, (r + 1) * n);
    const mean = f32(pairwiseSum32(row) / n);
    for (let k = 0; k < n; k++) out[r * n + k] = f32(row[k]! - mean);
  }
  return out;
}

/** numpy's float32 pairwise summation (blocks of 128, 8 interleaved accumulators). */
export function pairwiseSum32(a: Float32Array): number {
  const n = a.length;
  if (n < 8) {
    let s = 0;
    for (let i = 0; i < n; i++) s = f32(s + a[i]!);
    return s;
  }
  if (n <= 128) {
    const r = Array.from(a.subarray(0, 8));
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] = f32(r[j]! + a[i + j]!);
    let s = f32(f32(f32(r[0]! + r[1]!) + f32(r[2]! + r[3]!)) + f32(f32(r[4]! + r[5]!) + f32(r[6]! + r[7]!)));
    for (; i < n; i++) s = f32(s + a[i]!);
    return s;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return f32(pairwiseSum32(a.subarray(0, half)) + pairwiseSum32(a.subarray(half)));
}
