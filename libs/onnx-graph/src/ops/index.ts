export * from './elementwise';
export * from './linalg';
export * from './conv';
export * from './shape-ops';
export * from './reduce';
export * from './normalization';
export type { TensorLike } from './common';
export * from './depth-to-space';
