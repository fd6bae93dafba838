import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { array32, concatRows, officialFs3Layers, editableLayers, sOffsets, rows as sliceRows, type Array32 } from '@styleclip/latent-math';
import { fileRef, saveManifest, type ModelSetManifest } from '@styleclip/model-sets';
import type { Runtime } from '@styleclip/model-runners';
import { Engine } from '../engine';
import type { Components } from '../components';
import { clipFeaturesOfImages, normalizeRows } from './clip-features';
import { FS3_FILE, FS3_PARTIAL_DIR, readFloat, readSStats, S_STATS_FILE, writeArrayAtomic, writeSStats } from './data';
import { Eta, throwIfAborted, type WorkProgress } from './progress';
import { DEFAULT_TRUNCATION, samplePoolSBatched, type TruncationSpec } from './sampling';
import { computeSStatistics } from './stats';

export interface PrecomputeOptions {
  /** Images averaged per channel (official: 100). */
  images?: number;
  /** 'official': non-toRGB layers with S index ≤ 16 (up to 128 px at 1024); 'all': every non-toRGB layer. */
  layers?: 'official' | 'all';
  /** Pool size for S statistics (official: 100 000). */
  samples?: number;
  truncation?: TruncationSpec;
  seed?: number;
  /** Images per generator run. */
  batch?: number;
  /** Channels per resumable chunk. */
  chunkChannels?: number;
  signal?: AbortSignal;
  onProgress?: (p: WorkProgress) => void;
  runtime?: Runtime;
}

interface Settings {
  images: number;
  layers: number[];
  seed: number;
  truncation: TruncationSpec;
  chunkChannels: number;
  batch: number;
  sStatsSha256: string;
  clipImageSha256: string;
  generatorSha256: string;
}

/** Sets one channel of every row to a value (the ±5σ probes). */
function probeBatch(base: Array32, offset: number, values: readonly number[]): Array32 {
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

/**
 * One fs3 row: over the base images, e(μ+5σ) − e(μ−5σ) of normalized CLIP embeddings, each difference
 * normalized, averaged, normalized. (The official script also leaves earlier channels at their mean, a
 * shallow-copy side effect; we reset every channel, so rows do not depend on processing order.)
 */
async function fs3Rows(components: Components, base: Array32, offsets: number[], mean: Float32Array, std: Float32Array, batch: number): Promise<Float32Array> {
  const m = base.shape[0]!;
  const probes = concatRows(offsets.map((o) => probeBatch(base, o, [mean[o]! - 5 * std[o]!, mean[o]! + 5 * std[o]!])));
  const feats: Array32[] = [];
  for (let i = 0; i < probes.shape[0]!; i += batch) {
    const s = sliceRows(probes, i, Math.min(i + batch, probes.shape[0]!));
    feats.push(await clipFeaturesOfImages(components, await components.synthesis(s)));
  }
  const e = normalizeRows(concatRows(feats));
  const dim = e.shape[1]!;
  const out = new Float32Array(offsets.length * dim);
  for (let ch = 0; ch < offsets.length; ch++) {
    const acc = new Float64Array(dim);
    for (let i = 0; i < m; i++) {
      const lo = ((ch * m + i) * 2) * dim;
      const hi = lo + dim;
      let norm = 0;
      for (let k = 0; k < dim; k++) norm += (e.data[hi + k]! - e.data[lo + k]!) ** 2;
      const inv = 1 / Math.sqrt(norm || 1);
      for (let k = 0; k < dim; k++) acc[k]! += (e.data[hi + k]! - e.data[lo + k]!) * inv;
    }
    let norm = 0;
    for (let k = 0; k < dim; k++) norm += acc[k]! ** 2;
    const inv = 1 / Math.sqrt(norm || 1);
    for (let k = 0; k < dim; k++) out[ch * dim + k] = acc[k]! * inv;
  }
  return out;
}

/**
 * Computes S statistics and the channel-relevance table fs3 for a model set, stored in the set. Work is
 * split into chunks of channels written as they finish, so an interrupted run resumes where it stopped and
 * ends with the same table as an uninterrupted one.
 */
export async function precomputeDirections(setDir: string, o: PrecomputeOptions = {}): Promise<ModelSetManifest> {
  const engine = await Engine.open(setDir, o.runtime ? { runtime: o.runtime } : {});
  try {
    const c = engine.components;
    let manifest = engine.manifest;
    const layout = manifest.generator.sLayout;
    const truncation = o.truncation ?? DEFAULT_TRUNCATION;
    const seed = o.seed ?? 5;
    const batch = Math.max(1, o.batch ?? 8);
    const samples = o.samples ?? 100_000;
    const latentAvg = (await readFloat(engine.components.set.path(manifest.generator.latentAvg))).data;

    // 1. S statistics (reused when already computed with the same settings).
    const d0 = manifest.directions;
    const sameStats =
      d0 && d0.sStatsSamples === samples && d0.truncation.psi === truncation.psi && d0.truncation.layers === truncation.layers && existsSync(join(setDir, d0.sStats.path));
    if (!sameStats) {
      const stats = await computeSStatistics(c, latentAvg, { samples, seed, truncation, batch: 256, ...(o.signal ? { signal: o.signal } : {}), ...(o.onProgress ? { onProgress: o.onProgress } : {}) });
      await writeSStats(setDir, stats);
      manifest = await saveManifest(setDir, {
        ...manifest,
        directions: {
          sStats: await fileRef(setDir, S_STATS_FILE),
          sStatsSamples: samples,
          truncation,
          origin: 'precompute',
          clipImageSha256: c.clip.image.sha256,
        },
      });
    }
    const { mean, std } = await readSStats(join(setDir, manifest.directions!.sStats.path));

    // 2. fs3, chunk by chunk.
    const layers = o.layers === 'all' ? editableLayers(layout) : officialFs3Layers(layout);
    const offsets = sOffsets(layout);
    const channelOffsets = layers.flatMap((l) => Array.from({ length: layout[l]!.channels }, (_, k) => offsets[l]! + k));
    const images = o.images ?? 100;
    const chunkChannels = o.chunkChannels ?? Math.max(1, Math.floor(256 / (2 * images)));
    const settings: Settings = {
      images,
      layers,
      seed,
      truncation,
      chunkChannels,
      batch,
      sStatsSha256: manifest.directions!.sStats.sha256,
      clipImageSha256: c.clip.image.sha256,
      generatorSha256: manifest.generator.models.synthesis.sha256,
    };
    const partial = join(setDir, FS3_PARTIAL_DIR);
    const settingsFile = join(partial, 'settings.json');
    const previous = existsSync(settingsFile) ? (await readFile(settingsFile, 'utf8')) : undefined;
    if (previous !== JSON.stringify(settings)) {
      // Partial results of other settings (or none): start over.
      await rm(partial, { recursive: true, force: true });
      await mkdir(partial, { recursive: true });
      await writeFile(settingsFile, JSON.stringify(settings));
    }
    const chunkName = (k: number) => `chunk-${String(k).padStart(6, '0')}.npy`;
    const nChunks = Math.ceil(channelOffsets.length / chunkChannels);
    const done = new Set((await readdir(partial)).filter((f) => /^chunk-\d{6}\.npy$/.test(f)));
    const base = await samplePoolSBatched(c, latentAvg, { seed, start: 0, count: images, truncation, batch: 256 });
    const eta = new Eta(done.size);
    for (let k = 0; k < nChunks; k++) {
      if (done.has(chunkName(k))) continue;
      throwIfAborted(o.signal);
      const chunk = channelOffsets.slice(k * chunkChannels, (k + 1) * chunkChannels);
      const rows = await fs3Rows(c, base, chunk, mean, std, batch);
      await writeArrayAtomic(setDir, join(FS3_PARTIAL_DIR, chunkName(k)), [chunk.length, rows.length / chunk.length], rows);
      done.add(chunkName(k));
      const etaSeconds = eta.seconds(done.size, nChunks);
      o.onProgress?.({
        phase: 'fs3',
        done: Math.min(done.size * chunkChannels, channelOffsets.length),
        total: channelOffsets.length,
        ...(etaSeconds !== undefined ? { etaSeconds } : {}),
        note: `chunk ${k + 1}/${nChunks}`,
      });
    }
    const parts: Array32[] = [];
    for (let k = 0; k < nChunks; k++) {
      const p = await readFloat(join(partial, chunkName(k)));
      parts.push(p);
    }
    const table = concatRows(parts);
    await writeArrayAtomic(setDir, FS3_FILE, [...table.shape], table.data);
    manifest = await saveManifest(setDir, {
      ...manifest,
      directions: {
        ...manifest.directions!,
        fs3: await fileRef(setDir, FS3_FILE),
        fs3Rows: table.shape[0]!,
        fs3Layers: layers,
        fs3Images: images,
        origin: 'precompute',
        clipImageSha256: c.clip.image.sha256,
      },
    });
    await rm(partial, { recursive: true, force: true });
    o.onProgress?.({ phase: 'done', done: channelOffsets.length, total: channelOffsets.length });
    return manifest;
  } finally {
    await engine.close();
  }
}

