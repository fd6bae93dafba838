import type { ClipConfig } from './config';
// Test helpers shared by this folder's tests (not exported): fixture inputs and both encoders run once.
import { readNpy } from '@styleclip/checkpoints';
import { evaluate } from '@styleclip/onnx-graph/testing';
import { fixturePath } from '@styleclip/testing';
import { fixtureArray } from '../test-fixtures';
import type { ClipCheckpoint } from './checkpoint';
import { buildClipImageGraph } from './image-encoder';
import { buildClipTextGraph } from './text-encoder';

/** The fixture's text tower has 2 heads at width 32, which width // 64 cannot give (meta.json). */
export const FIXTURE_HEADS = { transformerHeads: 2 };

export async function fixtureIds(): Promise<{ data: BigInt64Array; dims: number[] }> {
  const t = await readNpy(fixturePath('clip_text_ids.npy'));
  if (t.dtype !== 'int64') throw new Error(`clip_text_ids.npy: expected int64, got ${t.dtype}`);
  return { data: t.data as BigInt64Array, dims: t.shape };
}

/** Image embeddings of clip_images.npy and text embeddings of clip_text_ids.npy. */
export async function fixtureEmbeddings(
  ckpt: ClipCheckpoint,
): Promise<{ image: Float32Array; text: Float32Array }> {
  const images = await fixtureArray('clip_images.npy');
  const image = (
    await evaluate(buildClipImageGraph(ckpt.weights, ckpt.config), {
      image: { data: images.data, dims: images.shape },
    })
  )['embedding']!;
  const text = (await evaluate(buildClipTextGraph(ckpt.weights, ckpt.config), { ids: await fixtureIds() }))[
    'embedding'
  ]!;
  return { image, text };
}

/** Bit-identical typed arrays (fast on millions of values, unlike a deep equality). */
export function sameBits(a: ArrayBufferView, b: ArrayBufferView): boolean {
  const x = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const y = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  return x.equals(y);
}

/** A very small ViT CLIP for graph tests: 8×8 images, 2×2 patches of 4, width 8, 2 heads, 1 layer per tower. */
export const microClipConfig: ClipConfig = {
  embedDim: 4,
  imageResolution: 8,
  visionPatchSize: 4,
  visionWidth: 8,
  visionLayers: 1,
  visionHeads: 2,
  contextLength: 8,
  vocabSize: 16,
  transformerWidth: 8,
  transformerHeads: 2,
  transformerLayers: 1,
};
