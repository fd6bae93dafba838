import { array32, concatRows, rows as sliceRows, sOffsets, type Array32 } from '@styleclip/latent-math';
import type { Components } from '../components';
import { SynthesisCuts, type SynthesisPart } from '../synthesis-cuts';
import { clipFeaturesOfImages, normalizeRows } from './clip-features';

// The per-channel computation of fs3, kept apart from the chunking, resuming and sharding around it (precompute.ts,
// fs3-plan.ts) so it can be made faster on its own: whatever it does, the rows it returns for a list of channels
// are the table's rows, whichever process or shard computes them.
//
// For each channel, over the base images: e(μ+5σ) − e(μ−5σ) of normalized CLIP embeddings, each difference
// normalized, averaged, normalized. (The official script also leaves earlier channels at their mean, a
// shallow-copy side effect; we reset every channel, so rows do not depend on processing order.)

/** Sets one channel of every row to a value (the ±5σ probes). */
export function probeBatch(base: Array32, offset: number, values: readonly number[]): Array32 {
  const [m, c] = base.shape as [number, number];
  const out = array32([m * values.length, c]);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < values.length; k++) {
      const row = (i * values.length + k) * c;
      out.data.set(base.data.subarray(i * c, (i + 1) * c), row);
      out.data[row + offset] = values[k]!;
    }
  }
  return out;
}

const probeValues = (o: number, mean: Float32Array, std: Float32Array) => [
  mean[o]! - 5 * std[o]!,
  mean[o]! + 5 * std[o]!,
];

/** acc += (e[hi] − e[lo]) / ‖e[hi] − e[lo]‖ (rows of the normalized embeddings e, `dim` wide). */
function accumulatePair(acc: Float64Array, e: Float32Array, lo: number, hi: number, dim: number): void {
  let norm = 0;
  for (let k = 0; k < dim; k++) norm += (e[hi + k]! - e[lo + k]!) ** 2;
  const inv = 1 / Math.sqrt(norm || 1);
  for (let k = 0; k < dim; k++) acc[k]! += (e[hi + k]! - e[lo + k]!) * inv;
}

/** The rows: each channel's accumulated differences, normalized. */
function finishRows(acc: readonly Float64Array[], dim: number): Float32Array {
  const out = new Float32Array(acc.length * dim);
  acc.forEach((a, ch) => {
    let norm = 0;
    for (let k = 0; k < dim; k++) norm += a[k]! ** 2;
    const inv = 1 / Math.sqrt(norm || 1);
    for (let k = 0; k < dim; k++) out[ch * dim + k] = a[k]! * inv;
  });
  return out;
}

/** What the whole-graph computation needs: probe S codes → images, images → (unnormalized) CLIP embeddings. */
export interface ProbeRenderer {
  synthesis(s: Array32): Promise<Array32>;
  clipFeatures(images: Array32): Promise<Array32>;
}

/** The product's renderer: the set's synthesis graph and the official CLIP preprocessing. */
export const componentsRenderer = (c: Components): ProbeRenderer => ({
  synthesis: (s) => c.synthesis(s),
  clipFeatures: (images) => clipFeaturesOfImages(c, images),
});

/**
 * The fs3 rows of some channels (S offsets), every probe rendered by the whole synthesis graph, `batch` images
 * per run. The reference the faster `Fs3Prober` is tested against (bit for bit), and the "before" of the
 * precompute benchmark (which also runs it on the synthesis graph as it was before issue 17).
 */
export async function fs3Rows(
  renderer: ProbeRenderer,
  base: Array32,
  offsets: readonly number[],
  mean: Float32Array,
  std: Float32Array,
  batch: number,
): Promise<Float32Array> {
  const m = base.shape[0]!;
  const probes = concatRows(offsets.map((o) => probeBatch(base, o, probeValues(o, mean, std))));
  const feats: Array32[] = [];
  for (let i = 0; i < probes.shape[0]!; i += batch) {
    const s = sliceRows(probes, i, Math.min(i + batch, probes.shape[0]!));
    feats.push(await renderer.clipFeatures(await renderer.synthesis(s)));
  }
  const e = normalizeRows(concatRows(feats));
  const dim = e.shape[1]!;
  const acc = offsets.map(() => new Float64Array(dim));
  for (let ch = 0; ch < offsets.length; ch++)
    for (let i = 0; i < m; i++) {
      const lo = (ch * m + i) * 2 * dim;
      accumulatePair(acc[ch]!, e.data, lo, lo + dim, dim);
    }
  return finishRows(acc, dim);
}

export interface Fs3ProberOptions {
  /**
   * Fast mode: channels of layers at or below this resolution are measured on the synthesis stopped after its
   * toRGB (the skip generator's image at that size, as the previews), the others on the full image. Absent:
   * exact, every probe is the full image.
   */
  stopResolution?: number;
  /**
   * Keep the base images' activations at the layer being probed for the next calls, up to this many bytes
   * (default 1 GiB: at 1024, every layer whose input is at most 64 px for the official 100 images), so chunks
   * of the same layer compute each image's prefix once. 0 turns it off.
   */
  prefixCacheBytes?: number;
}

/** Default of `Fs3ProberOptions.prefixCacheBytes`. */
const PREFIX_CACHE_BYTES = 1 << 30;

interface SuffixPart {
  key: string;
  output: string;
}

/** The loaded parts of the layer being probed. */
interface LayerParts {
  layer: number;
  /** What the suffix renders (the stop resolution in fast mode, else full size). */
  resolution: number;
  cuts: SynthesisCuts;
  prefix?: SynthesisPart;
  suffix?: SuffixPart;
  /**
   * Activations of base images at this layer, by the first image of their pair (the prefix renders images in
   * pairs), for the `base` they came from: the pairs in use, or every pair when all fit the cache budget
   * (`all`, decided when the first pair's size is known).
   */
  cache?: { base: Array32; all?: boolean; pairs: Map<number, Promise<Record<string, Array32>[]>> };
}

/** The layer a run of channels belongs to, and where the run is in the list. */
interface LayerRun {
  layer: number;
  from: number;
  to: number;
}

/**
 * fs3 rows with the unchanged prefix of each image computed once: probes of a channel change only its layer's
 * style, so the layers before it give the same activations for every probe of one base image. Channels are taken
 * layer by layer; per base image the prefix runs once, then every probe of that image's channels (both signs)
 * runs through the suffix alone (`batch` images per run) from the image's activations. The same operations as
 * the whole graph run on the same values, and each row accumulates its images in the same order as `fs3Rows`,
 * so the rows are the same (tested bit for bit; see `runSizes` for the one condition).
 */
export class Fs3Prober {
  private cuts?: Promise<SynthesisCuts>;
  private parts?: LayerParts;

  constructor(
    private readonly components: Components,
    private readonly o: Fs3ProberOptions = {},
  ) {
    const size = components.size;
    const stop = o.stopResolution;
    if (stop !== undefined && (!Number.isInteger(Math.log2(stop)) || stop < 4 || stop > size))
      throw new Error(`fs3: stop resolution must be a power of two from 4 to ${size}, got ${stop}`);
  }

  /** The resolution a layer's probes are rendered at. */
  resolutionFor(layer: number): number {
    const stop = this.o.stopResolution;
    const r = this.components.generator.sLayout[layer]!.resolution;
    return stop !== undefined && r <= stop ? stop : this.components.size;
  }

  async rows(
    base: Array32,
    offsets: readonly number[],
    mean: Float32Array,
    std: Float32Array,
    batch: number,
  ): Promise<Float32Array> {
    const dim = this.components.clip.config.embedDim;
    const acc = offsets.map(() => new Float64Array(dim));
    for (const run of this.layerRuns(offsets)) {
      await this.probeLayer(run, base, offsets, mean, std, batch, acc);
    }
    return finishRows(acc, dim);
  }

  /** Frees the parts loaded in the runtime. */
  async close(): Promise<void> {
    await this.release();
  }

  private layerRuns(offsets: readonly number[]): LayerRun[] {
    const layout = this.components.generator.sLayout;
    const starts = sOffsets(layout);
    const layerOf = (o: number) => {
      const l = starts.findIndex((s, i) => o >= s && o < s + layout[i]!.channels);
      if (l < 0) throw new Error(`fs3: S offset ${o} is outside the layout`);
      return l;
    };
    const runs: LayerRun[] = [];
    offsets.forEach((o, i) => {
      const layer = layerOf(o);
      const last = runs.at(-1);
      if (last && last.layer === layer) last.to = i + 1;
      else runs.push({ layer, from: i, to: i + 1 });
    });
    return runs;
  }

  private async release(): Promise<void> {
    const parts = this.parts;
    this.parts = undefined;
    if (parts?.prefix) await this.components.unloadPart(parts.prefix.key);
    if (parts?.suffix) await this.components.unloadPart(parts.suffix.key);
  }

  /**
   * The parts of `layer`, kept loaded while consecutive calls probe the same layer (one layer's parts at a
   * time: at 1024 each is most of the generator's weights). The suffix is made once the prefix has given the
   * activations' shapes.
   */
  private async partsFor(layer: number): Promise<LayerParts> {
    if (this.parts?.layer === layer) return this.parts;
    await this.release();
    const cuts = await (this.cuts ??= SynthesisCuts.open(this.components.set));
    const prefix = cuts.prefix(layer);
    if (prefix) await this.components.loadPart(prefix.key, () => prefix.bytes);
    this.parts = { layer, resolution: this.resolutionFor(layer), cuts, ...(prefix ? { prefix } : {}) };
    return this.parts;
  }

  private async suffixFor(parts: LayerParts, cut: Record<string, Array32>): Promise<SuffixPart> {
    if (!parts.suffix) {
      const shapes = mapValues(cut, (t) => ['batch', ...t.shape.slice(1)]);
      const part = parts.cuts.suffix(parts.layer, parts.resolution, shapes);
      await this.components.loadPart(part.key, () => part.bytes);
      parts.suffix = { key: part.key, output: part.outputs[0]! };
    }
    return parts.suffix;
  }

  private async probeLayer(
    run: LayerRun,
    base: Array32,
    offsets: readonly number[],
    mean: Float32Array,
    std: Float32Array,
    batch: number,
    acc: Float64Array[],
  ): Promise<void> {
    const c = this.components;
    const parts = await this.partsFor(run.layer);
    const perRun = Math.max(1, Math.min(batch, c.maxImagesPerRunAt(parts.resolution)));
    const m = base.shape[0]!;
    const dim = acc[0]!.length;
    // Images go through in parallel when the runtime runs several calls at once (its worker threads); their
    // embeddings are accumulated in image order, so the rows do not depend on which finishes first.
    const lanes = Math.max(1, Math.min(c.parallelRuns, m));
    const embeddings: (Array32 | undefined)[] = new Array<Array32 | undefined>(m);
    let next = 0;
    let accumulated = 0;
    let failed = false;
    const lane = async () => {
      for (let j = next++; j < m && !failed; j = next++) {
        const cut = await this.activations(parts, base, j);
        const suffix = await this.suffixFor(parts, cut);
        embeddings[j] = await this.probeImage(
          suffix,
          sliceRows(base, j, j + 1),
          cut,
          run,
          offsets,
          mean,
          std,
          perRun,
        );
        for (let e = embeddings[accumulated]; e; e = embeddings[accumulated]) {
          for (let ch = run.from; ch < run.to; ch++) {
            const lo = (ch - run.from) * 2 * dim;
            accumulatePair(acc[ch]!, e.data, lo, lo + dim, dim);
          }
          embeddings[accumulated++] = undefined;
        }
      }
    };
    await Promise.all(
      Array.from({ length: lanes }, () =>
        lane().catch((e: unknown) => {
          failed = true;
          throw e;
        }),
      ),
    );
  }

  /**
   * The activations entering the layer for base image `j` ([1, …] each; none for the first layer): computed
   * with the other image of its pair by the prefix (images go through it in pairs, see runSizes), once, and kept
   * while in use (older pairs are dropped when a new one starts: images are taken in order, and every image of
   * an older pair has looked its pair up by then) or for every image when all of `base` fits the budget.
   */
  private async activations(parts: LayerParts, base: Array32, j: number): Promise<Record<string, Array32>> {
    const { prefix } = parts;
    if (!prefix) return {};
    if (parts.cache?.base !== base) parts.cache = { base, pairs: new Map() };
    const cache = parts.cache;
    const i = j - (j % 2);
    let pair = cache.pairs.get(i);
    if (!pair) {
      if (cache.all === false) for (const k of cache.pairs.keys()) if (k < i) cache.pairs.delete(k);
      const m = base.shape[0]!;
      const rows = i + 1 < m ? sliceRows(base, i, i + 2) : repeatRows(sliceRows(base, i, i + 1), 2);
      pair = this.components.runPart(prefix.key, { s: rows }, prefix.outputs).then((out) => {
        const perImage = Object.values(out).reduce((n, t) => n + t.data.byteLength / 2, 0);
        cache.all ??= perImage * m <= (this.o.prefixCacheBytes ?? PREFIX_CACHE_BYTES);
        return [0, 1].map((k) => mapValues(out, (t) => sliceRows(t, k, k + 1)));
      });
      pair.catch(() => cache.pairs.delete(i));
      cache.pairs.set(i, pair);
    }
    return (await pair)[j - i]!;
  }

  /**
   * Normalized CLIP embeddings of one image's probes ([lo, hi] per channel, in channel order), rendered by the
   * suffix from the image's cut activations. While the runtime renders a run, this thread converts the previous
   * one for CLIP.
   */
  private async probeImage(
    suffix: SuffixPart,
    row: Array32,
    cut: Record<string, Array32>,
    run: LayerRun,
    offsets: readonly number[],
    mean: Float32Array,
    std: Float32Array,
    perRun: number,
  ): Promise<Array32> {
    const c = this.components;
    const probes = concatRows(
      offsets.slice(run.from, run.to).map((o) => probeBatch(row, o, probeValues(o, mean, std))),
    );
    const sizes = runSizes(probes.shape[0]!, perRun);
    const repeated = new Map<number, Record<string, Array32>>();
    const feeds = (n: number) => {
      let r = repeated.get(n);
      if (!r) repeated.set(n, (r = mapValues(cut, (t) => repeatRows(t, n))));
      return r;
    };
    const render = (k: number) => {
      const from = sizes.slice(0, k).reduce((a, b) => a + b, 0);
      const p = c.runPart(suffix.key, { ...feeds(sizes[k]!), s: sliceRows(probes, from, from + sizes[k]!) }, [
        suffix.output,
      ]);
      p.catch(() => undefined); // awaited below; not unhandled if CLIP fails first
      return p;
    };
    const feats: Array32[] = [];
    let next = render(0);
    for (let k = 0; k < sizes.length; k++) {
      const images = (await next)[suffix.output]!;
      if (k + 1 < sizes.length) next = render(k + 1);
      feats.push(await clipFeaturesOfImages(c, images));
    }
    return normalizeRows(concatRows(feats));
  }
}

/**
 * On CPU, onnxruntime computes some ops of the 1024 generator along another path for a batch of one image than
 * for two or more (the image differs in the last bits; any two batches of ≥ 2 images agree bit for bit). So the
 * prober never renders a lone image when `perRun` ≥ 2: the prefix takes images in pairs, and probe runs are
 * sized so none holds one image. The whole-graph computation (`fs3Rows`) gives the same bits whenever none of its
 * runs holds a lone image either (an even `batch`, or 1 for both).
 */
export function runSizes(n: number, perRun: number): number[] {
  const sizes: number[] = [];
  for (let k = 0; k < n; k += perRun) sizes.push(Math.min(perRun, n - k));
  if (perRun >= 2 && sizes.length > 1 && sizes.at(-1) === 1) {
    sizes.pop();
    // Take one image from the run before (runs of 2 cannot spare one: that run takes three).
    if (sizes.at(-1)! > 2) sizes.push(sizes.pop()! - 1, 2);
    else sizes.push(sizes.pop()! + 1);
  }
  return sizes;
}

/** `t` [1, …] repeated to [n, …]. */
function repeatRows(t: Array32, n: number): Array32 {
  if (n === 1) return t;
  const out = array32([n, ...t.shape.slice(1)]);
  for (let i = 0; i < n; i++) out.data.set(t.data, i * t.data.length);
  return out;
}

function mapValues<T, U>(r: Record<string, T>, f: (v: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, f(v)]));
}
