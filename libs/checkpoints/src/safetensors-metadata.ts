import type { LazyTensor } from './lazy';
import { loadAll } from './lazy';
import { readSafetensorsSource } from './safetensors';
import { withSource } from './source';
import type { Tensor } from './tensor';

/** Every tensor of a safetensors file (or its bytes) and its `__metadata__` strings (empty when absent). */
export async function readSafetensorsWithMetadata(
  input: string | Uint8Array,
): Promise<{ tensors: Map<string, Tensor>; metadata: Record<string, string> }> {
  return withSource(input, 'safetensors bytes', async (source) => {
    const { root, metadata } = await readSafetensorsSource(source);
    return { tensors: await loadAll(root as Map<string, LazyTensor>), metadata: { ...(metadata ?? {}) } };
  });
}
