// fs3 precompute throughput, per layer of the official table: the whole synthesis graph per probe (`fs3Rows`,
// the computation before prefix reuse), prefix reuse in exact mode (`Fs3Prober`, the default now) and fast mode
// (prefix reuse + synthesis stopped at CLIP's resolution), interleaved in one process on the same base images
// and channels. Projected hours for the official table (100 images × 2 probes per channel) weight each layer's
// measured time per channel by its channel count: prefix reuse skips the layers before the probed one, so it
// saves most on late layers and nothing on the first.
import { Engine, fastStopResolution, Fs3Prober, fs3Rows } from '@styleclip/editing';
import { officialFs3Layers, sOffsets } from '@styleclip/latent-math';
import type { Runtime } from '@styleclip/model-runners';
import { interleavedRuns, median } from './measure';

export interface Fs3LayerTiming {
  set: string;
  layer: string;
  resolution: number;
  channels: number;
  /** ms per channel (2 probes × `images` images, CLIP included) per method, medians over rounds. */
  wholeMs: number;
  prefixMs: number;
  fastMs: number;
}

export interface Fs3Projection {
  set: string;
  method: 'whole graph (before)' | 'prefix reuse (exact)' | 'fast';
  imagesPerSecond: number;
  /** Throughput over the whole-graph method, channel-weighted over the table. */
  speedup: number;
  projectedHours: number;
}

/** Images averaged per channel in the official table. */
const OFFICIAL_IMAGES = 100;

export async function benchFs3Precompute(
  runtime: Runtime,
  dir: string,
  o: {
    images: number;
    channelsPerRun: number;
    rounds: number;
    batch: number;
    /** S layer indices to measure (default: the official table's); the projection covers only these. */
    layers?: number[];
  },
): Promise<{ layers: Fs3LayerTiming[]; projection: Fs3Projection[]; stopResolution: number }> {
  const engine = await Engine.open(dir, { runtime });
  const c = engine.components;
  const layout = c.generator.sLayout;
  const at = sOffsets(layout);
  const stop = fastStopResolution(engine.manifest, c.clip.config.imageResolution);
  // Base images and probe values: any S codes do for timing (the table's come from the sampling pool).
  const base = await c.styles((await engine.latents(range(o.images, 1), 0.7)).wplus);
  const mean = base.data.slice(0, c.sDim);
  const std = new Float32Array(c.sDim).fill(0.2);
  const exact = new Fs3Prober(c);
  const fast = new Fs3Prober(c, { stopResolution: stop });
  const layers: Fs3LayerTiming[] = [];
  try {
    for (const l of o.layers ?? officialFs3Layers(layout)) {
      if (!layout[l]) throw new Error(`--fs3-layers: no S layer ${l} (0-${layout.length - 1})`);
      const n = Math.min(o.channelsPerRun, layout[l]!.channels);
      const offsets = range(n, at[l]!);
      // Warm-up (untimed): each prober loads the layer's parts and keeps the base images' activations, as
      // it does for every chunk after a layer's first in a real run (a layer has 32-512 channels).
      const [whole, prefix, stopped] = await interleavedRuns(
        [
          () => fs3Rows(c, base, offsets, mean, std, o.batch),
          () => exact.rows(base, offsets, mean, std, o.batch),
          () => fast.rows(base, offsets, mean, std, o.batch),
        ],
        { warmUp: 1, rounds: o.rounds },
      );
      const per = (s: number[]) => median(s) / n;
      layers.push({
        set: engine.manifest.id,
        layer: layout[l]!.name,
        resolution: layout[l]!.resolution,
        channels: layout[l]!.channels,
        wholeMs: per(whole!),
        prefixMs: per(prefix!),
        fastMs: per(stopped!),
      });
    }
  } finally {
    await exact.close();
    await fast.close();
    await engine.close();
  }
  const total = (f: (t: Fs3LayerTiming) => number) =>
    layers.reduce((s, t) => s + t.channels * f(t) * (OFFICIAL_IMAGES / o.images), 0) / 1000;
  const images = layers.reduce((s, t) => s + t.channels * 2 * OFFICIAL_IMAGES, 0);
  const before = total((t) => t.wholeMs);
  const projection = (
    [
      ['whole graph (before)', (t: Fs3LayerTiming) => t.wholeMs],
      ['prefix reuse (exact)', (t: Fs3LayerTiming) => t.prefixMs],
      ['fast', (t: Fs3LayerTiming) => t.fastMs],
    ] as const
  ).map(([method, f]) => {
    const seconds = total(f);
    return {
      set: layers[0]?.set ?? '',
      method,
      imagesPerSecond: images / seconds,
      speedup: before / seconds,
      projectedHours: seconds / 3600,
    };
  });
  return { layers, projection, stopResolution: stop };
}

const range = (n: number, from: number) => Array.from({ length: n }, (_, i) => from + i);
