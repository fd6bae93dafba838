/**
 * StyleCLIP's learning-rate ramp (`get_lr` of optimization/run_optimization.py) for step i of n, t = i/n:
 * a linear warm-up over the first `rampup` of the run, flat, then a half-cosine to 0 over the last
 * `rampdown`. In Python doubles, as the official code. Step 0 has lr 0 (the official `--lr_rampup` option is
 * parsed but never passed, so rampup is always 0.05 there).
 */
import { cosCorrect } from './libm';

export function styleclipLr(
  step: number,
  steps: number,
  lr: number,
  o: { rampdown?: number; rampup?: number } = {},
): number {
  if (!Number.isInteger(step) || !Number.isInteger(steps) || steps < 1 || step < 0 || step >= steps) {
    throw new RangeError(`styleclipLr: step ${step} of ${steps}`);
  }
  const rampdown = o.rampdown ?? 0.25;
  const rampup = o.rampup ?? 0.05;
  const t = step / steps;
  let ramp = Math.min(1, (1 - t) / rampdown);
  ramp = 0.5 - 0.5 * cosCorrect(ramp * Math.PI);
  ramp = ramp * Math.min(1, t / rampup);
  return lr * ramp;
}
