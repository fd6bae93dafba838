import type { OptimizerKind, OptimizerState } from './state';

/**
 * An optimizer over a fixed list of float32 parameters, updated in place. A parameter whose gradient is
 * `undefined` is skipped entirely (PyTorch's `p.grad is None`): no update, no step count, no state.
 */
export interface Optimizer {
  readonly kind: OptimizerKind;
  /** One update with this step's learning rate (a schedule may change it every step). */
  step(params: readonly Float32Array[], grads: readonly (Float32Array | undefined)[], lr: number): void;
  /** A copy of the state, enough to continue bit for bit (`restoreOptimizer`). */
  state(): OptimizerState;
}

export function checkStepArgs(
  kind: string,
  sizes: readonly number[],
  params: readonly Float32Array[],
  grads: readonly (Float32Array | undefined)[],
  lr: number,
): void {
  if (!Number.isFinite(lr) || lr < 0)
    throw new RangeError(`${kind}: learning rate must be a finite number ≥ 0, got ${lr}`);
  if (params.length !== sizes.length || grads.length !== sizes.length) {
    throw new RangeError(
      `${kind}: built for ${sizes.length} parameters, stepped with ${params.length} parameters and ${grads.length} gradients`,
    );
  }
  params.forEach((p, i) => {
    const g = grads[i];
    if (p.length !== sizes[i] || (g && g.length !== sizes[i])) {
      throw new RangeError(
        `${kind}: parameter ${i} has ${p.length} values and gradient ${g?.length ?? '-'}, expected ${sizes[i]}`,
      );
    }
  });
}
