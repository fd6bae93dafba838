import { clipFeaturesOfImages, type Engine } from '@styleclip/editing';

export interface WarmUpTimings {
  /** Creating the sessions of the models the first requests use (graph loading and optimization). */
  sessionsMs: number;
  /** First runs: one generation (mapping + full-size generator) and, with CLIP, one image and one text embedding. */
  runMs: number;
  /** The model files whose sessions were created. */
  models: string[];
}

/**
 * Gets an engine ready to answer at full speed: creates the sessions of the models the first requests run
 * (mapping, generator, styles and synthesis for edits, CLIP's encoders) and runs one generation and one CLIP image
 * and text embedding, so graph optimization, memory arenas and (on CUDA) kernel selection happen before the first
 * request rather than during it. Sessions log their execution provider (a CUDA → CPU fallback) as they are made.
 */
export async function warmUpEngine(engine: Engine): Promise<WarmUpTimings> {
  const c = engine.components;
  const g = c.generator.models;
  const clip = engine.manifest.clip;
  const refs = [g.mapping, g.generator, g.styles, g.synthesis, ...(clip ? [clip.image, clip.text] : [])];
  const t0 = performance.now();
  for (const ref of refs) await c.load(ref);
  const t1 = performance.now();
  const { images } = await engine.generate([0], 1);
  if (clip) {
    await clipFeaturesOfImages(c, images);
    await engine.text.encode(['a photo of a face']);
  }
  return { sessionsMs: t1 - t0, runMs: performance.now() - t1, models: refs.map((r) => r.path) };
}
