// Test helpers: read parity fixtures into the shapes the builders take.
import { loadTensors, readNpy, toFloat32 } from '@styleclip/checkpoints';
import { fixturePath } from '@styleclip/testing';
import type { Weight } from './weights';

export async function fixtureWeights(file: string, prefix?: string): Promise<Map<string, Weight>> {
  const tensors = await loadTensors(fixturePath(file), prefix ? { prefix } : {});
  const out = new Map<string, Weight>();
  for (const [k, t] of tensors) {
    if (t.dtype.startsWith('float')) out.set(k, { shape: t.shape, data: toFloat32(t) });
  }
  return out;
}

export async function fixtureArray(file: string): Promise<{ shape: number[]; data: Float32Array }> {
  const t = await readNpy(fixturePath(file));
  return { shape: t.shape, data: toFloat32(t) };
}
