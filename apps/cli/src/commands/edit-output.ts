import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { hstack, tensorToRgb8, writePng } from '@styleclip/imaging';
import type { Array32 } from '@styleclip/latent-math';
import { writeArray } from '../npy-io';

// What `edit global` and `edit mapper` write, for a seed, a latent or each face of a photo.

export const alphaName = (a: number) => `alpha_${a >= 0 ? '+' : '-'}${Math.abs(a).toFixed(2)}`;

/** A global edit's files: one PNG per α, `strip.png` (every α side by side) and `edited_s.npy`. */
export async function writeGlobalResult(
  dir: string,
  alphas: readonly number[],
  r: { images: Array32; s: Array32 },
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const frames = alphas.map((_, i) => tensorToRgb8(r.images.data, r.images.shape, { index: i }));
  for (let i = 0; i < alphas.length; i++)
    await writePng(join(dir, `${alphaName(alphas[i]!)}.png`), frames[i]!);
  await writePng(join(dir, 'strip.png'), hstack(frames, { gap: 4 }));
  await writeArray(join(dir, 'edited_s.npy'), r.s);
}

/** A mapper edit's files: `edited.png`, `before_after.png` and `edited_wplus.npy`. */
export async function writeMapperResult(
  dir: string,
  before: Array32,
  r: { images: Array32; wplus: Array32 },
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const edited = tensorToRgb8(r.images.data, r.images.shape);
  await writePng(join(dir, 'edited.png'), edited);
  await writePng(
    join(dir, 'before_after.png'),
    hstack([tensorToRgb8(before.data, before.shape), edited], { gap: 4 }),
  );
  await writeArray(join(dir, 'edited_wplus.npy'), r.wplus);
}
