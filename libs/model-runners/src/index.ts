export { createRuntime, defaultRunnerConfig, throughputRunnerConfig, MAX_WORKERS } from './runtime';
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
