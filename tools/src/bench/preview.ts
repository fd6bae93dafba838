import {
  buildSynthesisGraph,
  randomStyleGAN2Weights,
  sLayout,
  type StyleGAN2Config,
} from '@styleclip/architectures';
import { areaDownsample, Engine, psnr } from '@styleclip/editing';
import { array32 } from '@styleclip/latent-math';
import type { Runtime } from '@styleclip/model-runners';
import { defaultPreviewResolutions } from '@styleclip/model-sets';
import { countMacs, toOnnxBytes } from '@styleclip/onnx-graph';
import { interleavedRuns, median } from './measure';
import { sFeed } from './winograd';

export interface PreviewTimingResult {
  size: number;
  resolution: number;
  medianMs: number;
  /** Time relative to the full render in the same run. */
  timeShare: number;
  /** Multiply-accumulates relative to the full graph (what the manifest records). */
  macShare: number;
}

/**
 * The full synthesis and the stopped-early synthesis at every default preview resolution (plus size/4 for
 * scale), as sets build them now, interleaved in one process on the same S (batch 1).
 */
export async function benchPreviewTiming(
  runtime: Runtime,
  c: StyleGAN2Config,
  rounds: number,
): Promise<PreviewTimingResult[]> {
  const weights = randomStyleGAN2Weights(c, 0);
  const resolutions = [...new Set([c.size, ...defaultPreviewResolutions(c.size), c.size / 4])]
    .filter((r) => r >= 4)
    .sort((a, b) => b - a);
  const models = [];
  const macs: number[] = [];
  for (const resolution of resolutions) {
    const g = buildSynthesisGraph(weights, c, { resolution });
    macs.push(countMacs(g, { batch: 1 }).total);
    models.push(await runtime.load(`preview/${c.size}/${resolution}`, toOnnxBytes(g)));
  }
  const feeds = sFeed(
    1,
    sLayout(c).reduce((s, l) => s + l.channels, 0),
  );
  const samples = await interleavedRuns(
    models.map((m) => () => m.run(feeds)),
    { warmUp: 1, rounds },
  );
  const full = median(samples[0]!);
  const out = resolutions.map((resolution, k) => ({
    size: c.size,
    resolution,
    medianMs: median(samples[k]!),
    timeShare: median(samples[k]!) / full,
    macShare: macs[k]! / macs[0]!,
  }));
  for (const r of resolutions) await runtime.unload(`preview/${c.size}/${r}`);
  return out;
}

export interface PreviewQualityResult {
  set: string;
  resolution: number;
  path: string;
  images: number;
  /** PSNR (dB) of the preview against the full image area-downsampled to its size; mean, min, max. */
  psnrMean: number;
  psnrMin: number;
  psnrMax: number;
}

/**
 * How far a stopped-early preview is from the full image shrunk by area averaging (both clamped to [−1, 1]),
 * per preview resolution of a model set, over generated seeds (ψ 0.7) and any extra W+ latents given.
 */
export async function previewQuality(
  runtime: Runtime,
  setDir: string,
  o: { seeds: number[]; wplus?: { shape: number[]; data: Float32Array } },
): Promise<PreviewQualityResult[]> {
  const engine = await Engine.open(setDir, { runtime });
  try {
    const c = engine.components;
    const latents = [(await engine.latents(o.seeds, 0.7)).wplus];
    if (o.wplus) latents.push(array32(o.wplus.shape, o.wplus.data));
    const out: PreviewQualityResult[] = [];
    for (const resolution of c.previewResolutions) {
      const values: number[] = [];
      for (const wplus of latents) {
        const s = await c.styles(wplus);
        const full = await c.synthesis(s);
        const preview = await c.synthesis(s, { resolution });
        const per = preview.data.length / preview.shape[0]!;
        const reference = areaDownsample(full, c.size / resolution);
        for (let i = 0; i < preview.shape[0]!; i++) {
          const one = (a: typeof preview) =>
            array32(a.shape.slice(1), a.data.subarray(i * per, (i + 1) * per));
          values.push(psnr(one(preview), one(reference)));
        }
      }
      out.push({
        set: engine.manifest.id,
        resolution,
        path: c.renderPath(resolution),
        images: values.length,
        psnrMean: values.reduce((a, b) => a + b, 0) / values.length,
        psnrMin: Math.min(...values),
        psnrMax: Math.max(...values),
      });
    }
    return out;
  } finally {
    await engine.close();
  }
}
