import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readNpy, toFloat32 } from '@styleclip/checkpoints';
import { importModelSet } from '@styleclip/model-sets';
import { fixturePath } from '@styleclip/testing';

/**
 * The parity-v1 fixture generator (the official code's random 32×32 StyleGAN2) imported into a temporary
 * model set with previews at 8 and 16.
 */
export async function fixtureSet(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-fixture-set-'));
  await importModelSet(dir, {
    generator: fixturePath('generator.pt'),
    id: 'parity-v1 generator.pt',
    build: { previews: [8, 16] },
  });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The fixture's own W+ latents (gen_wplus.npy). */
export async function fixtureWPlus(): Promise<{ shape: number[]; data: Float32Array }> {
  const t = await readNpy(fixturePath('gen_wplus.npy'));
  return { shape: t.shape, data: toFloat32(t) };
}
