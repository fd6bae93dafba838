import { editableLayers, officialFs3Layers, sOffsets, type Array32 } from '@styleclip/latent-math';
import type { ModelSetManifest } from '@styleclip/model-sets';
import type { TruncationSpec } from './sampling';

/** Everything that determines the fs3 table (two runs with equal settings compute identical tables). */
export interface Fs3Settings {
  images: number;
  layers: number[];
  seed: number;
  truncation: TruncationSpec;
  chunkChannels: number;
  batch: number;
  sStatsSha256: string;
  clipImageSha256: string;
  generatorSha256: string;
  /**
   * Fast mode: channels of layers at or below this resolution are measured on the synthesis stopped there
   * (the one CLIP needs); absent in exact mode (the default), where every probe is the full image.
   */
  stopResolution?: number;
}

/**
 * The work of an fs3 table, cut into chunks of consecutive channels: the unit that is computed in one piece,
 * stored, resumed and (grouped into shards) spread over workers. Chunk boundaries depend only on the settings,
 * so every way of running the chunks (one process, resumed, sharded) feeds the generator the same batches and
 * produces the same bytes.
 */
export interface Fs3Plan {
  settings: Fs3Settings;
  /** S offsets of the table's channels, in table order. */
  channels: number[];
  chunks: number;
}

/**
 * Images per chunk (2 probes × images × channels): big enough to keep the generator busy, small to lose. (The
 * prober keeps the base images' activations across the chunks of a layer, so small chunks cost no prefix work.)
 */
const IMAGES_PER_CHUNK = 256;

export function planFs3(
  manifest: ModelSetManifest,
  o: {
    images: number;
    layers: 'official' | 'all';
    seed: number;
    truncation: TruncationSpec;
    batch: number;
    sStatsSha256: string;
    clipImageSha256: string;
    /** Channels per chunk (default: about 256 images' worth). */
    chunkChannels?: number;
    /** Fast mode's stop resolution (see Fs3Settings); absent: exact. */
    stopResolution?: number;
  },
): Fs3Plan {
  const layout = manifest.generator.sLayout;
  const layers = o.layers === 'all' ? editableLayers(layout) : officialFs3Layers(layout);
  const offsets = sOffsets(layout);
  const channels = layers.flatMap((l) =>
    Array.from({ length: layout[l]!.channels }, (_, k) => offsets[l]! + k),
  );
  const chunkChannels = o.chunkChannels ?? Math.max(1, Math.floor(IMAGES_PER_CHUNK / (2 * o.images)));
  return {
    settings: {
      images: o.images,
      layers,
      seed: o.seed,
      truncation: o.truncation,
      chunkChannels,
      batch: o.batch,
      sStatsSha256: o.sStatsSha256,
      clipImageSha256: o.clipImageSha256,
      generatorSha256: manifest.generator.models.synthesis.sha256,
      // A stop at full size is the exact table.
      ...(o.stopResolution !== undefined && o.stopResolution < manifest.generator.config.size
        ? { stopResolution: o.stopResolution }
        : {}),
    },
    channels,
    chunks: Math.ceil(channels.length / chunkChannels),
  };
}

/**
 * Fast mode's stop resolution: the smallest resolution of the generator that CLIP's input fits in (CLIP's 224
 * → 256 at 1024; the full size when CLIP needs it all, and then fast mode is exact).
 */
export function fastStopResolution(manifest: ModelSetManifest, clipResolution: number): number {
  const size = manifest.generator.config.size;
  let r = 4;
  while (r < clipResolution && r < size) r *= 2;
  return r;
}

/** The S offsets of chunk `k`. */
export function chunkChannels(plan: Fs3Plan, k: number): number[] {
  const n = plan.settings.chunkChannels;
  return plan.channels.slice(k * n, (k + 1) * n);
}

/** Chunks [from, to) of a shard covering about `channels` channels (whole chunks, at least one). */
export function shardsOf(plan: Fs3Plan, channels: number): { from: number; to: number; channels: number }[] {
  const perShard = Math.max(1, Math.ceil(channels / plan.settings.chunkChannels));
  const out = [];
  for (let from = 0; from < plan.chunks; from += perShard) {
    const to = Math.min(plan.chunks, from + perShard);
    const count =
      Math.min(plan.channels.length, to * plan.settings.chunkChannels) - from * plan.settings.chunkChannels;
    out.push({ from, to, channels: count });
  }
  return out;
}

/** Where computed chunks are kept until the table is merged (the set's folder, or a job's blob-store scratch). */
export interface Fs3ChunkStore {
  /** Indices of the chunks stored. */
  stored(): Promise<Set<number>>;
  /** Stores chunk `k` ([channels, embedDim]); atomic: a chunk is stored whole or not at all. */
  put(k: number, rows: Array32): Promise<void>;
  get(k: number): Promise<Array32>;
}
