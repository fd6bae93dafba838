import { addcdiv, addcmul, addScaled, f32, sqrt32 } from './float32';
import { powInt } from './libm';
import { checkStepArgs, type Optimizer } from './optimizer';
import { checkState, copyBuffers, OPTIMIZER_STATE_VERSION, type OptimizerState } from './state';

export interface AdamOptions {
  /** Default (0.9, 0.999). */
  betas?: readonly [number, number];
  /** Default 1e-8. */
  eps?: number;
}

/**
 * `torch.optim.Adam` as torch 1.13 runs it on CPU (single-tensor path, no weight decay, no amsgrad), element
 * by element in float32: m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; then
 * p ← p + (−lr/(1−β1^t))·m / (√v / √(1−β2^t) + ε). ε is added after the division by √(1−β2^t), and the bias
 * corrections are Python doubles. With lr = 0 the moments and t still advance (StyleCLIP's step 0).
 */
export class Adam implements Optimizer {
  readonly kind = 'adam';
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly eps: number;
  private readonly steps: number[];
  private readonly m: (Float32Array | undefined)[];
  private readonly v: (Float32Array | undefined)[];

  constructor(
    private readonly sizes: readonly number[],
    o: AdamOptions = {},
    state?: OptimizerState,
  ) {
    [this.beta1, this.beta2] = o.betas ?? [0.9, 0.999];
    this.eps = o.eps ?? 1e-8;
    for (const [name, b] of [
      ['beta1', this.beta1],
      ['beta2', this.beta2],
    ] as const) {
      if (!(b >= 0 && b < 1)) throw new RangeError(`adam: ${name} must be in [0, 1), got ${b}`);
    }
    if (!(this.eps > 0)) throw new RangeError(`adam: eps must be > 0, got ${this.eps}`);
    if (state) {
      checkState(state, 'adam', sizes, ['exp_avg', 'exp_avg_sq']);
      this.steps = [...state.steps];
      this.m = sizes.map((_, i) => state.buffers[`exp_avg.${i}`]?.slice());
      this.v = sizes.map((_, i) => state.buffers[`exp_avg_sq.${i}`]?.slice());
    } else {
      this.steps = sizes.map(() => 0);
      this.m = sizes.map(() => undefined);
      this.v = sizes.map(() => undefined);
    }
  }

  step(params: readonly Float32Array[], grads: readonly (Float32Array | undefined)[], lr: number): void {
    checkStepArgs('adam', this.sizes, params, grads, lr);
    const b1 = f32(this.beta1);
    const b2 = f32(this.beta2);
    const a1 = f32(1 - this.beta1);
    const a2 = f32(1 - this.beta2);
    const eps = f32(this.eps);
    params.forEach((p, i) => {
      const g = grads[i];
      if (!g) return;
      const m = (this.m[i] ??= new Float32Array(p.length));
      const v = (this.v[i] ??= new Float32Array(p.length));
      const t = ++this.steps[i]!;
      const stepSize = f32(-(lr / (1 - powInt(this.beta1, t))));
      const bc2Sqrt = f32(Math.sqrt(1 - powInt(this.beta2, t)));
      for (let k = 0; k < p.length; k++) {
        const gk = g[k]!;
        const mk = addScaled(f32(m[k]! * b1), a1, gk);
        const vk = addcmul(f32(v[k]! * b2), a2, gk, gk);
        m[k] = mk;
        v[k] = vk;
        p[k] = addcdiv(p[k]!, stepSize, mk, f32(f32(sqrt32(vk) / bc2Sqrt) + eps));
      }
    });
  }

  state(): OptimizerState {
    const buffers: Record<string, Float32Array> = {};
    this.steps.forEach((t, i) => {
      if (t === 0) return;
      buffers[`exp_avg.${i}`] = this.m[i]!;
      buffers[`exp_avg_sq.${i}`] = this.v[i]!;
    });
    return {
      kind: 'adam',
      version: OPTIMIZER_STATE_VERSION,
      options: { beta1: this.beta1, beta2: this.beta2, eps: this.eps },
      steps: [...this.steps],
      buffers: copyBuffers(buffers),
    };
  }
}
