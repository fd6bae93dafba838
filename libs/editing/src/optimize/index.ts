export { LatentOptimization, type OptimizationOptions, type OptimizeStepResult } from './run';
export { driveSteps, type DriveOptions, type SteppedRun } from './drive';
export {
  OPTIMIZE_DEFAULTS,
  OPTIMIZE_LIMITS,
  resolveOptimizeRequest,
  type OptimizeRequest,
  type ResolvedOptimizeRequest,
} from './request';
export type { LatentSpace, OptimizeMode } from './graph';
export type { StepLosses } from './checkpoint';
