// fs3 precompute throughput, per layer of the official table, four ways interleaved in one process on the same
// base images and channels: the precompute as it was when issue 17 was filed (whole synthesis graph per probe,
// the graph as built then, CLIP preprocessing through the RGBA resize, one two-threaded session), the whole
// graph per probe with today's graph and preprocessing (`fs3Rows`, same runtime), and as the precompute runs
// now (its own runtime of parallel single-threaded sessions): prefix reuse in exact mode (`Fs3Prober`, the
// default) and fast mode (prefix reuse + synthesis stopped at CLIP's resolution). Projected hours for the official table (100 images ×
// 2 probes per channel) weight each layer's measured time per channel by its channel count: prefix reuse skips
// the layers before the probed one, so it saves most on late layers and nothing on the first.
import { componentsRenderer, Engine, fastStopResolution, Fs3Prober, fs3Rows } from '@styleclip/editing';
import { officialFs3Layers, rows as sliceRows, sOffsets } from '@styleclip/latent-math';
import type { Runtime } from '@styleclip/model-runners';
import { issueTimeRenderer } from './fs3-issue-time';
import { interleavedRuns, median } from './measure';

export interface Fs3LayerTiming {
  set: string;
  layer: string;
  resolution: number;
  channels: number;
  /** ms per channel (2 probes × `images` images, CLIP included) per method, medians over rounds. */
  issueTimeMs: number;
  wholeMs: number;
  prefixMs: number;
  fastMs: number;
  /** Largest difference between the issue-time rows and the exact rows (the same table up to float rounding). */
  issueTimeMaxDiff: number;
}

export interface Fs3Projection {
  set: string;
  method: 'issue time (f81661c)' | 'whole graph (today)' | 'prefix reuse (exact)' | 'fast';
  imagesPerSecond: number;
  /** Throughput over the issue-time computation, channel-weighted over the table. */
  speedup: number;
  /** Throughput over the whole graph with today's graph and preprocessing. */
  speedupOverWhole: number;
  projectedHours: number;
}

/** Images averaged per channel in the official table. */
const OFFICIAL_IMAGES = 100;

export async function benchFs3Precompute(
  runtimes: {
    /** One worker thread using every thread: the runtime of the API, and of every precompute at issue time. */
    interactive: Runtime;
    /** The precompute's own (`throughputRunnerConfig`): parallel single-threaded sessions on CPU. */
    throughput: Runtime;
  },
  dir: string,
  o: {
    images: number;
    channelsPerRun: number;
    rounds: number;
    batch: number;
    /** S layer indices to measure (default: the official table's); the projection covers only these. */
    layers?: number[];
  },
): Promise<{
  layers: Fs3LayerTiming[];
  projection: Fs3Projection[];
  stopResolution: number;
  /** Issue-time synthesis vs the set's, same S: relative L2 (shows the rebuilt weights are the set's). */
  issueTimeImageRelL2: number;
}> {
  const engine = await Engine.open(dir, { runtime: runtimes.interactive });
  const pool = await Engine.open(dir, { runtime: runtimes.throughput });
  const c = engine.components;
  const layout = c.generator.sLayout;
  const at = sOffsets(layout);
  const stop = fastStopResolution(engine.manifest, c.clip.config.imageResolution);
  // Base images and probe values: any S codes do for timing (the table's come from the sampling pool).
  const base = await c.styles((await engine.latents(range(o.images, 1), 0.7)).wplus);
  const mean = base.data.slice(0, c.sDim);
  const std = new Float32Array(c.sDim).fill(0.2);
  const exact = new Fs3Prober(pool.components);
  const fast = new Fs3Prober(pool.components, { stopResolution: stop });
  const whole = componentsRenderer(c);
  const then = await issueTimeRenderer(engine, sliceRows(base, 0, 1));
  const layers: Fs3LayerTiming[] = [];
  try {
    for (const l of o.layers ?? officialFs3Layers(layout)) {
      if (!layout[l]) throw new Error(`--fs3-layers: no S layer ${l} (0-${layout.length - 1})`);
      const n = Math.min(o.channelsPerRun, layout[l]!.channels);
      const offsets = range(n, at[l]!);
      // Warm-up (untimed): each prober loads the layer's parts and keeps the base images' activations, as
      // it does for every chunk after a layer's first in a real run (a layer has 32-512 channels).
      let oldRows: Float32Array = new Float32Array();
      let exactRows: Float32Array = new Float32Array();
      const [old, all, prefix, stopped] = await interleavedRuns(
        [
          async () => (oldRows = await fs3Rows(then.renderer, base, offsets, mean, std, o.batch)),
          () => fs3Rows(whole, base, offsets, mean, std, o.batch),
          async () => (exactRows = await exact.rows(base, offsets, mean, std, o.batch)),
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
        issueTimeMs: per(old!),
        wholeMs: per(all!),
        prefixMs: per(prefix!),
        fastMs: per(stopped!),
        issueTimeMaxDiff: oldRows.reduce((m, v, i) => Math.max(m, Math.abs(v - exactRows[i]!)), 0),
      });
    }
  } finally {
    await then.close();
    await exact.close();
    await fast.close();
    await pool.close();
    await engine.close();
  }
  const total = (f: (t: Fs3LayerTiming) => number) =>
    layers.reduce((s, t) => s + t.channels * f(t) * (OFFICIAL_IMAGES / o.images), 0) / 1000;
  const images = layers.reduce((s, t) => s + t.channels * 2 * OFFICIAL_IMAGES, 0);
  const before = total((t) => t.issueTimeMs);
  const wholeToday = total((t) => t.wholeMs);
  const projection = (
    [
      ['issue time (f81661c)', (t: Fs3LayerTiming) => t.issueTimeMs],
      ['whole graph (today)', (t: Fs3LayerTiming) => t.wholeMs],
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
      speedupOverWhole: wholeToday / seconds,
      projectedHours: seconds / 3600,
    };
  });
  return { layers, projection, stopResolution: stop, issueTimeImageRelL2: then.imageRelL2 };
}

const range = (n: number, from: number) => Array.from({ length: n }, (_, i) => from + i);
