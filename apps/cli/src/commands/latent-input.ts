import type { Engine } from '@styleclip/editing';
import { array32, broadcastW, type Array32 } from '@styleclip/latent-math';
import { CliError } from '../errors';
import { readArray } from '../npy-io';
import { checkFlag, numberFlag, P } from '../parameters';

/** The W+ [1,L,D] to edit: from --seed (generated, truncated) or --latent (W+ [1,L,D], [L,D], or w [1,D], [D]). */
export async function latentFrom(
  engine: Engine,
  o: { seed?: string; latent?: string; truncation: string },
): Promise<Array32> {
  if ((o.seed === undefined) === (o.latent === undefined))
    throw new CliError('give exactly one of --seed N or --latent W.npy');
  const g = engine.manifest.generator;
  if (o.seed !== undefined) {
    const [seed] = checkFlag(P.generateImages, 'seeds', '--seed', [Number(o.seed)]);
    return (
      await engine.latents([seed!], numberFlag(P.generateImages, 'truncation', '--truncation', o.truncation))
    ).wplus;
  }
  const a = await readArray(o.latent!);
  const [L, D] = [g.nLatent, g.config.styleDim];
  const shape = a.shape.join(',');
  if (shape === `1,${L},${D}`) return a;
  if (shape === `${L},${D}`) return array32([1, L, D], a.data);
  if (shape === `1,${D}` || shape === `${D}`) return broadcastW(array32([1, D], a.data), L);
  throw new CliError(`${o.latent}: expected W+ [1,${L},${D}] or w [${D}], got [${shape}]`);
}
