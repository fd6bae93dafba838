/** @styleclip/optim: optimizers with PyTorch's float32 numerics and checkpointable state. */
export type { Optimizer } from './optimizer';
export { Adam, type AdamOptions } from './adam';
export { Ranger, radamStep, type RangerOptions } from './ranger';
export {
  OPTIMIZERS,
  createOptimizer,
  restoreOptimizer,
  isOptimizerKind,
  type OptimizerSpecs,
} from './registry';
export {
  OPTIMIZER_STATE_VERSION,
  OptimizerStateError,
  type OptimizerKind,
  type OptimizerState,
} from './state';
export { styleclipLr } from './schedule';
