import { GraphBuildError, matmul, type Graph, type Tensor } from '@styleclip/onnx-graph';

/** The nearest-neighbour upsample factor of StyleCLIP's CLIP loss (`Upsample(scale_factor=7)`). */
export const CLIP_LOSS_UPSAMPLE = 7;

const cache = new Map<string, { a: Float32Array; at: Float32Array }>();

/**
 * The [out, size] matrix A with A·x = avgpool_k(nearest_upsample_u(x)) along one axis, u = 7, k = 7·size/out:
 * A[i][j] = |{v ∈ [k·i, k·i + k) : ⌊v/u⌋ = j}| / k. For size 1024 → 224, k = 32 and row 0 is
 * (7, 7, 7, 7, 4)/32. Needs 7·size divisible by out.
 */
export function areaMatrix(size: number, out = 224): Float32Array {
  return areaMatrices(size, out).a;
}

function areaMatrices(size: number, out: number): { a: Float32Array; at: Float32Array } {
  const key = `${size}x${out}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const u = CLIP_LOSS_UPSAMPLE;
  if (!Number.isInteger(size) || !Number.isInteger(out) || size < 1 || out < 1 || (size * u) % out !== 0) {
    throw new GraphBuildError(
      `areaDownsample: ${u}·size (${u}·${size}) must be a positive multiple of out (${out})`,
    );
  }
  const k = (size * u) / out;
  const a = new Float32Array(out * size);
  const at = new Float32Array(size * out);
  for (let i = 0; i < out; i++) {
    const counts = new Map<number, number>();
    for (let v = k * i; v < k * i + k; v++)
      counts.set(Math.floor(v / u), (counts.get(Math.floor(v / u)) ?? 0) + 1);
    for (const [j, c] of counts) {
      a[i * size + j] = c / k;
      at[j * out + i] = c / k;
    }
  }
  const m = { a, at };
  cache.set(key, m);
  return m;
}

/**
 * StyleCLIP's CLIP-loss image path (`criteria/clip_loss.py`): nearest ×7 upsample then (7·S/out)-average
 * pool, as out = A·X·Aᵀ per channel (two MatMuls with a constant A, no 7S² intermediate). Image [N,3,S,S]
 * → [N,3,out,out]. Like the official code: no clamp, no rescale, no mean/std normalization.
 */
export function areaDownsampleGraph(g: Graph, image: Tensor, out = 224): Tensor {
  const [, c, h, w] = image.shape;
  if (image.rank !== 4 || c !== 3 || typeof h !== 'number' || h !== w || image.dtype !== 'float32') {
    throw new GraphBuildError(
      `areaDownsample: image must be float32 [N,3,S,S] with static S, got ${image.toString()}`,
    );
  }
  const { a, at } = areaMatrices(h, out);
  return g.scope('clip_area_downsample', () => {
    const aT = g.initializer(`At_${h}x${out}`, at, [h, out]);
    const aM = g.initializer(`A_${out}x${h}`, a, [out, h]);
    return matmul(aM, matmul(image, aT));
  });
}
