import { clipPreprocessRgb8, tensorToRgb8 } from '@styleclip/imaging';
import { array32, type Array32 } from '@styleclip/latent-math';
import type { Components } from '../components';

/**
 * CLIP image embeddings of generator output the way StyleCLIP's fs3 was computed: quantize to uint8
 * (torch path, truncation), official preprocessing (bicubic resize to the CLIP resolution, centre crop,
 * mean/std), encode. Returns unnormalized embeddings [N, E].
 */
export async function clipFeaturesOfImages(components: Components, images: Array32): Promise<Array32> {
  const n = images.shape[0]!;
  const r = components.clip.config.imageResolution;
  const pixels = array32([n, 3, r, r]);
  for (let i = 0; i < n; i++)
    pixels.data.set(
      clipPreprocessRgb8(tensorToRgb8(images.data, images.shape, { index: i }), r),
      i * 3 * r * r,
    );
  return components.clipImage(pixels);
}

export function normalizeRows(a: Array32): Array32 {
  const [n, e] = a.shape as [number, number];
  const out = array32([n, e]);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < e; k++) s += a.data[i * e + k]! ** 2;
    const inv = 1 / Math.sqrt(s);
    for (let k = 0; k < e; k++) out.data[i * e + k] = a.data[i * e + k]! * inv;
  }
  return out;
}
