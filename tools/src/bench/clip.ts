import { buildClipImageGraph, buildClipTextGraph, randomClipWeights } from '@styleclip/architectures';
import type { Runtime } from '@styleclip/model-runners';
import type { ModelSet } from '@styleclip/model-sets';
import { countMacs } from '@styleclip/onnx-graph';
import { templates } from '@styleclip/prompt-templates';
import { tokenize } from '@styleclip/tokenizer';
import { timeRuns } from './measure';

export interface ClipResult {
  what: string;
  batch: number;
  medianMs: number;
  gmac: number;
  gflops: number;
  ceilingRatio: number;
}

/** CLIP image encoding (batch 1 and 4) and text encoding of 2 × 79 templates, on a model set's CLIP. */
export async function benchClip(
  runtime: Runtime,
  set: ModelSet,
  ceilingGflops: number,
  runs: number,
): Promise<ClipResult[]> {
  const clip = set.manifest.clip;
  if (!clip) throw new Error(`model set ${set.manifest.id} has no CLIP`);
  const c = clip.config;
  const weights = randomClipWeights(c, 0);
  const imageMacs = countMacs(buildClipImageGraph(weights, c), { batch: 1 }).total;
  const textMacs = countMacs(buildClipTextGraph(weights, c), { batch: 1 }).total;
  const out: ClipResult[] = [];
  const image = await runtime.load(`${set.manifest.id}/clip-image`, set.path(clip.image));
  for (const batch of [1, 4]) {
    const r = c.imageResolution;
    const data = new Float32Array(batch * 3 * r * r).map((_, i) => Math.sin(i * 0.01));
    const { median } = await timeRuns(
      () => image.run({ image: { type: 'float32', dims: [batch, 3, r, r], data } }),
      { warmUp: 1, runs },
    );
    const gflops = (2 * imageMacs * batch) / (median / 1000) / 1e9;
    out.push({
      what: 'image encoder',
      batch,
      medianMs: median,
      gmac: (imageMacs * batch) / 1e9,
      gflops,
      ceilingRatio: gflops / ceilingGflops,
    });
  }
  const text = await runtime.load(`${set.manifest.id}/clip-text`, set.path(clip.text));
  const prompts = [
    ...templates('styleclip79').map((t) => t.replace('{}', 'face')),
    ...templates('styleclip79').map((t) => t.replace('{}', 'face with blue eyes')),
  ];
  const ids = tokenize(prompts, { truncate: true });
  const { median } = await timeRuns(
    () => text.run({ ids: { type: 'int64', dims: ids.shape, data: ids.ids } }),
    { warmUp: 1, runs },
  );
  const n = prompts.length;
  const gflops = (2 * textMacs * n) / (median / 1000) / 1e9;
  out.push({
    what: `text encoder (2×79 templates)`,
    batch: n,
    medianMs: median,
    gmac: (textMacs * n) / 1e9,
    gflops,
    ceilingRatio: gflops / ceilingGflops,
  });
  await runtime.unload(`${set.manifest.id}/clip-image`);
  await runtime.unload(`${set.manifest.id}/clip-text`);
  return out;
}
