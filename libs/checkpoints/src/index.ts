// Public API of @styleclip/checkpoints: safe, streaming checkpoint readers. Internals stay internal.
export type { Checkpoint, CheckpointFormat, ReadOptions } from './checkpoint';
export { openCheckpoint, loadTensors } from './open';
export { collectTensors, stateDict } from './collect';
export { CheckpointError } from './errors';

export type { DType, DataOf, TypedArray } from './dtype';
export { DTYPES, itemSize } from './dtype';
export type { Tensor } from './tensor';
export { makeTensor, numel, toFloat32 } from './tensor';
export type { LazyTensor } from './lazy';
export { isLazyTensor } from './lazy';
export { float16ToFloat32, bfloat16ToFloat32, float32ToFloat16, float32ToBfloat16 } from './half';

export { PickleObject } from './pickle/values';

export { readNpy, writeNpy, encodeNpy } from './npy';
export { readNpz, writeNpz, encodeNpz } from './npz';
export { readSafetensors, writeSafetensors, encodeSafetensors } from './safetensors';
export { readSafetensorsWithMetadata } from './safetensors-metadata';
export { PyFloat, PyTuple, torchTensor, type PickleValue, type TorchTensorRef } from './pickle/writer';
export { writeTorchSave, encodeTorchSave, torchSaveChunks, type TorchSaveOptions } from './torch-save';
