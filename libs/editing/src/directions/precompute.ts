import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { array32, concatRows, type Array32 } from '@styleclip/latent-math';
import type { ModelSetManifest } from '@styleclip/model-sets';
import { throughputRunnerConfig, type RunnerConfig, type Runtime } from '@styleclip/model-runners';
import { Engine } from '../engine';
import type { Components } from '../components';
import { FS3_PARTIAL_DIR, readFloat, writeArrayAtomic, type SStatistics } from './data';
import { chunkChannels, fastStopResolution, planFs3, type Fs3ChunkStore, type Fs3Plan } from './fs3-plan';
import { Fs3Prober } from './fs3-rows';
import { Eta, throwIfAborted, type WorkProgress } from './progress';
import { POOL_SEED, samplePoolSBatched, STYLECLIP_SAMPLING, type TruncationSpec } from './sampling';
import { computeSStatistics } from './stats';
import { finishRun, recordRun, statsForRun } from './unfinished';
import { switchDirections } from './versions';

export interface PrecomputeOptions {
  /** Images averaged per channel (official: 100). */
  images: number;
  /** 'official': non-toRGB layers with S index ≤ 16 (up to 128 px at 1024); 'all': every non-toRGB layer. */
  layers: 'official' | 'all';
  /** Pool size for S statistics (official: 100 000). */
  samples: number;
  /** Images per generator run. */
  batch: number;
  /** The sampling of S statistics and base images (default StyleCLIP's: ψ 0.7 on every W+ row). */
  truncation?: TruncationSpec;
  /** Seed of the sampling pool (default POOL_SEED). */
  seed?: number;
  /** Channels per resumable chunk (default: about 256 images' worth). */
  chunkChannels?: number;
  /**
   * Fast mode: channels of layers at or below the resolution CLIP needs (224 → 256 at 1024) are measured on
   * the synthesis stopped there, the others on the full image; not the official table (compare it with
   * `compareFs3Tables`). Default false: exact.
   */
  fast?: boolean;
  /** Fast mode at another stop resolution (benchmarks, tests); implies `fast`. */
  stopResolution?: number;
  signal?: AbortSignal;
  onProgress?: (p: WorkProgress) => void;
  /** The runtime to run on, or the configuration of one of its own (threads, provider). */
  runtime?: Runtime;
  runner?: Partial<RunnerConfig>;
}

/** The base images of the fs3 probes: the first `images` codes of the sampling pool (S codes). */
export async function fs3BaseImages(
  components: Components,
  latentAvg: Float32Array,
  plan: Fs3Plan,
): Promise<Array32> {
  const s = plan.settings;
  return samplePoolSBatched(components, latentAvg, {
    seed: s.seed,
    start: 0,
    count: s.images,
    truncation: s.truncation,
    batch: 256,
  });
}

/**
 * Computes chunks `indices` of a plan that `store` does not hold yet, in order, storing each as it finishes
 * (`onChunk` after each, with how many of `indices` are stored). A chunk computed here is bit-identical to the
 * same chunk computed by any other run of the same plan. Returns the indices it computed.
 */
export async function computeFs3Chunks(
  components: Components,
  latentAvg: Float32Array,
  plan: Fs3Plan,
  stats: SStatistics,
  o: {
    indices: readonly number[];
    store: Fs3ChunkStore;
    signal?: AbortSignal;
    onChunk?: (stored: number, k: number) => void;
  },
): Promise<number[]> {
  const stored = await o.store.stored();
  const todo = o.indices.filter((k) => !stored.has(k));
  let have = o.indices.length - todo.length;
  if (todo.length === 0) return [];
  const base = await fs3BaseImages(components, latentAvg, plan);
  const stop = plan.settings.stopResolution;
  const prober = new Fs3Prober(components, stop !== undefined ? { stopResolution: stop } : {});
  const computed: number[] = [];
  try {
    for (const k of todo) {
      throwIfAborted(o.signal);
      const channels = chunkChannels(plan, k);
      const rows = await prober.rows(base, channels, stats.mean, stats.std, plan.settings.batch);
      await o.store.put(k, array32([channels.length, rows.length / channels.length], rows));
      computed.push(k);
      o.onChunk?.(++have, k);
    }
  } finally {
    await prober.close();
  }
  return computed;
}

/** The table from every chunk of a plan, in order (each checked against the plan). */
export async function mergeFs3Chunks(plan: Fs3Plan, store: Fs3ChunkStore): Promise<Array32> {
  const parts: Array32[] = [];
  for (let k = 0; k < plan.chunks; k++) {
    const part = await store.get(k);
    const want = chunkChannels(plan, k).length;
    if (part.shape.length !== 2 || part.shape[0] !== want)
      throw new Error(`fs3 chunk ${k} has shape [${part.shape.join(',')}]; the plan expects ${want} rows`);
    parts.push(part);
  }
  return concatRows(parts);
}

/** What a model set's directions are: S statistics, the fs3 table, and how they were made. */
export interface DirectionsContent {
  stats: SStatistics;
  sStatsSamples: number;
  truncation: TruncationSpec;
  fs3: Array32;
  /** S layers the table's rows cover, and the images averaged per channel. */
  layers: number[];
  images: number;
  /** Fast mode's stop resolution (absent: exact). */
  stopResolution?: number;
  clipImageSha256: string;
}

/**
 * Writes S statistics and an fs3 table into a model set folder as a new version and switches its manifest to
 * them in one step (`switchDirections`): the table in use changes only when everything is written.
 */
export async function writeDirections(
  setDir: string,
  manifest: ModelSetManifest,
  d: DirectionsContent,
): Promise<ModelSetManifest> {
  return switchDirections(
    setDir,
    manifest,
    { stats: d.stats, fs3: d.fs3 },
    {
      sStatsSamples: d.sStatsSamples,
      truncation: d.truncation,
      fs3Rows: d.fs3.shape[0]!,
      fs3Layers: d.layers,
      fs3Images: d.images,
      ...(d.stopResolution !== undefined ? { fs3StopResolution: d.stopResolution } : {}),
      origin: 'precompute',
      clipImageSha256: d.clipImageSha256,
    },
  );
}

/** The directions content of a merged table and the plan that made it. */
export const directionsOf = (
  plan: Fs3Plan,
  stats: SStatistics,
  sStatsSamples: number,
  fs3: Array32,
): DirectionsContent => ({
  stats,
  sStatsSamples,
  truncation: plan.settings.truncation,
  fs3,
  layers: plan.settings.layers,
  images: plan.settings.images,
  ...(plan.settings.stopResolution !== undefined ? { stopResolution: plan.settings.stopResolution } : {}),
  clipImageSha256: plan.settings.clipImageSha256,
});

/** Chunks kept in the model set's folder (`directions/fs3.partial/`), valid for one plan's settings. */
export class FolderChunkStore implements Fs3ChunkStore {
  private readonly dir: string;
  constructor(
    private readonly setDir: string,
    private readonly plan: Fs3Plan,
  ) {
    this.dir = join(setDir, FS3_PARTIAL_DIR);
  }

  private static name(k: number): string {
    return `chunk-${String(k).padStart(6, '0')}.npy`;
  }

  /** Keeps the chunks of the same settings; anything else is discarded (start over). */
  async open(): Promise<this> {
    const file = join(this.dir, 'settings.json');
    const previous = existsSync(file) ? await readFile(file, 'utf8') : undefined;
    if (previous !== JSON.stringify(this.plan.settings)) {
      await rm(this.dir, { recursive: true, force: true });
      await mkdir(this.dir, { recursive: true });
      await writeFile(file, JSON.stringify(this.plan.settings));
    }
    return this;
  }

  async stored(): Promise<Set<number>> {
    const names = await readdir(this.dir);
    return new Set(names.filter((f) => /^chunk-\d{6}\.npy$/.test(f)).map((f) => Number(f.slice(6, 12))));
  }

  async put(k: number, rows: Array32): Promise<void> {
    await writeArrayAtomic(
      this.setDir,
      join(FS3_PARTIAL_DIR, FolderChunkStore.name(k)),
      [...rows.shape],
      rows.data,
    );
  }

  async get(k: number): Promise<Array32> {
    const { shape, data } = await readFloat(join(this.dir, FolderChunkStore.name(k)));
    return array32(shape, data);
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

/**
 * S statistics and the channel-relevance table fs3 of a model set, in one process, stored in the set. Work is
 * split into chunks of channels written as they finish, so an interrupted run resumes where it stopped and ends
 * with the same table as an uninterrupted one (and as a sharded run of the same settings on many workers).
 */
export async function precomputeDirections(setDir: string, o: PrecomputeOptions): Promise<ModelSetManifest> {
  // A runtime of its own runs the probes as parallel single-threaded sessions on CPU (throughputRunnerConfig).
  const engine = await Engine.open(
    setDir,
    o.runtime ? { runtime: o.runtime } : { runner: throughputRunnerConfig(o.runner ?? {}) },
  );
  try {
    const c = engine.components;
    let manifest = engine.manifest;
    const truncation = o.truncation ?? STYLECLIP_SAMPLING;
    const seed = o.seed ?? POOL_SEED;
    const latentAvg = (await readFloat(c.set.path(manifest.generator.latentAvg))).data;

    // The run's settings stay in the set until it ends, so an interrupted run is resumed as it was asked for.
    await recordRun(setDir, {
      images: o.images,
      layers: o.layers,
      samples: o.samples,
      batch: o.batch,
      truncation,
      seed,
      ...(o.chunkChannels !== undefined ? { chunkChannels: o.chunkChannels } : {}),
    });

    // 1. S statistics (reused when already computed with the same settings). The manifest, and the table in use,
    //    change only at the end (writeDirections): a cancelled or failed run leaves the set's directions as they were.
    const { stats, sha256: sStatsSha256 } = await statsForRun(
      setDir,
      manifest,
      { samples: o.samples, seed, truncation },
      () =>
        computeSStatistics(c, latentAvg, {
          samples: o.samples,
          seed,
          truncation,
          batch: 256,
          ...(o.signal ? { signal: o.signal } : {}),
          ...(o.onProgress ? { onProgress: o.onProgress } : {}),
        }),
    );

    // 2. fs3, chunk by chunk, kept in the set's folder until merged.
    const plan = planFs3(manifest, {
      images: o.images,
      layers: o.layers,
      seed,
      truncation,
      batch: o.batch,
      sStatsSha256,
      clipImageSha256: c.clip.image.sha256,
      ...(o.chunkChannels !== undefined ? { chunkChannels: o.chunkChannels } : {}),
      ...(o.fast || o.stopResolution !== undefined
        ? { stopResolution: o.stopResolution ?? fastStopResolution(manifest, c.clip.config.imageResolution) }
        : {}),
    });
    const store = await new FolderChunkStore(setDir, plan).open();
    const resumed = (await store.stored()).size;
    const eta = new Eta(resumed);
    const all = Array.from({ length: plan.chunks }, (_, k) => k);
    await computeFs3Chunks(c, latentAvg, plan, stats, {
      indices: all,
      store,
      ...(o.signal ? { signal: o.signal } : {}),
      onChunk: (stored, k) => {
        const etaSeconds = eta.seconds(stored, plan.chunks);
        o.onProgress?.({
          phase: 'fs3',
          done: Math.min(stored * plan.settings.chunkChannels, plan.channels.length),
          total: plan.channels.length,
          ...(etaSeconds !== undefined ? { etaSeconds } : {}),
          note: `chunk ${k + 1}/${plan.chunks}`,
        });
      },
    });
    const table = await mergeFs3Chunks(plan, store);
    manifest = await writeDirections(setDir, manifest, directionsOf(plan, stats, o.samples, table));
    await store.remove();
    await finishRun(setDir);
    o.onProgress?.({ phase: 'done', done: plan.channels.length, total: plan.channels.length });
    return manifest;
  } finally {
    await engine.close();
  }
}

/** S statistics of a model set's generator with the method's sampling (what a precompute computes first). */
export async function sStatisticsOf(
  components: Components,
  latentAvg: Float32Array,
  o: {
    samples: number;
    truncation?: TruncationSpec;
    seed?: number;
    signal?: AbortSignal;
    onProgress?: (p: WorkProgress) => void;
  },
): Promise<SStatistics> {
  return computeSStatistics(components, latentAvg, {
    samples: o.samples,
    seed: o.seed ?? POOL_SEED,
    truncation: o.truncation ?? STYLECLIP_SAMPLING,
    batch: 256,
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
}
