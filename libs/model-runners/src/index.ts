export { createRuntime, defaultRunnerConfig, throughputRunnerConfig, MAX_WORKERS } from './runtime';
export {
  profileKernels,
  type KernelProfile,
  type KernelProfileOptions,
  type KernelTime,
} from './kernel-profile';
export { runnerConfigFromEnv } from './config';
export type {
  Runtime,
  RunnerConfig,
  ModelHandle,
  ModelInfo,
  TensorData,
  Feeds,
  ExecutionProvider,
  LoadOptions,
} from './types';
