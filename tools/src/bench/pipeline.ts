import type { Engine } from '@styleclip/editing';
import { clipFeaturesOfImages } from '@styleclip/editing';
import { array32 } from '@styleclip/latent-math';

/** One batch of the fs3 pipeline: S → synthesis → uint8 → CLIP preprocessing → CLIP image features. */
export async function clipFeaturesForBench(engine: Engine, batch: number): Promise<void> {
  const c = engine.components;
  const s = array32([batch, c.sDim]);
  for (let i = 0; i < s.data.length; i++) s.data[i] = 1 + 0.3 * Math.sin(i);
  await clipFeaturesOfImages(c, await c.synthesis(s));
}
