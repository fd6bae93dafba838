import { tensorToRgb8 } from '@styleclip/imaging';
import type { Array32 } from '@styleclip/latent-math';
import { EngineError } from '../components';

/**
 * pSp's `face_pool` (PyTorch `AdaptiveAvgPool2d`) at any output size, for one image of a batch [N,3,S,S]:
 * output pixel i averages input rows ⌊i·S/R⌋ … ⌈(i+1)·S/R⌉ − 1 (and the same for columns). R < S averages
 * (1024 → 256: 4×4 means), R > S repeats pixels (64 → 256: 4×4 copies), as the set's `face-pool.onnx` does.
 * Returns CHW float32 [3,R,R].
 */
export function adaptiveAvgPool(images: Array32, index: number, out: number): Float32Array {
  const [n, c, h, w] = images.shape as [number, number, number, number];
  if (images.shape.length !== 4 || c !== 3 || h !== w)
    throw new EngineError(
      `adaptiveAvgPool: expected [N,3,S,S], got [${images.shape.join(',')}]`,
      'bad_shape',
    );
  if (!Number.isInteger(index) || index < 0 || index >= n)
    throw new EngineError(`adaptiveAvgPool: image ${index} of ${n}`, 'bad_shape');
  if (!Number.isInteger(out) || out < 1 || out > 8192)
    throw new EngineError(`adaptiveAvgPool: output size ${out}`, 'bad_parameter');
  const s = h;
  const lo = Int32Array.from({ length: out }, (_, i) => Math.floor((i * s) / out));
  const hi = Int32Array.from({ length: out }, (_, i) => Math.ceil(((i + 1) * s) / out));
  const plane = s * s;
  const src = images.data.subarray(index * 3 * plane, (index + 1) * 3 * plane);
  const rowsPooled = new Float32Array(out * s); // per channel: mean over each output row's input rows
  const result = new Float32Array(3 * out * out);
  for (let ch = 0; ch < 3; ch++) {
    const p = src.subarray(ch * plane, (ch + 1) * plane);
    for (let i = 0; i < out; i++) {
      const k = hi[i]! - lo[i]!;
      for (let x = 0; x < s; x++) {
        let sum = 0;
        for (let y = lo[i]!; y < hi[i]!; y++) sum += p[y * s + x]!;
        rowsPooled[i * s + x] = sum / k;
      }
    }
    const o = result.subarray(ch * out * out, (ch + 1) * out * out);
    for (let i = 0; i < out; i++) {
      for (let j = 0; j < out; j++) {
        let sum = 0;
        for (let x = lo[j]!; x < hi[j]!; x++) sum += rowsPooled[i * s + x]!;
        o[i * out + j] = sum / (hi[j]! - lo[j]!);
      }
    }
  }
  return result;
}

/** One generated image resampled to `size`² as `adaptiveAvgPool`, as 8-bit RGB pixels (torch's rounding). */
export function pooledPixels(
  images: Array32,
  index: number,
  size: number,
): { data: Uint8Array; width: number; height: number; channels: 3 } {
  const pooled = adaptiveAvgPool(images, index, size);
  const rgb = tensorToRgb8(pooled, [3, size, size]);
  return { data: rgb.rgb, width: size, height: size, channels: 3 };
}
