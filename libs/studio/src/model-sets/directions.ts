import { encodeNpy, makeTensor, readNpy, toFloat32 } from '@styleclip/checkpoints';
import { packSStats, unpackSStats, writeDirections, type DirectionsContent } from '@styleclip/editing';
import { array32 } from '@styleclip/latent-math';
import { loadModelSet } from '@styleclip/model-sets';
import type { Logger } from '../log';
import type { DirectionsRecord } from '../records';
import type { Storage } from '../storage';
import type { ModelSetEntry } from './registry';

const npyOf = (shape: readonly number[], data: Float32Array): Uint8Array =>
  encodeNpy(makeTensor('float32', [...shape], data));

async function arrayOf(bytes: Uint8Array) {
  const t = await readNpy(bytes);
  return array32(t.shape, toFloat32(t));
}

/**
 * Directions computed by a job reach every process through the blob store: the job publishes them (content
 * blobs and a `directions` record per model set), and each process installs them into its local copy of the set
 * when they differ from what it has. Model sets are local folders on each machine; the store is what they share.
 */
export class DirectionsSync {
  constructor(
    private readonly storage: Storage,
    private readonly log: Logger,
  ) {}

  /**
   * Publishes directions for a model set: the commit point of a recompute (before it, no process changed its
   * table; after it, each installs the new version, see `install`).
   */
  async publish(set: ModelSetEntry, d: DirectionsContent, jobId: string): Promise<DirectionsRecord> {
    const s = packSStats(d.stats);
    const [sStats, fs3] = await Promise.all([
      this.storage.putContent('directions', npyOf(s.shape, s.data), 'npy'),
      this.storage.putContent('directions', npyOf(d.fs3.shape, d.fs3.data), 'npy'),
    ]);
    const record: DirectionsRecord = {
      modelSetId: set.id,
      generatorSha256: set.manifest.generator.models.synthesis.sha256,
      clipImageSha256: d.clipImageSha256,
      sStats,
      fs3,
      fs3Rows: d.fs3.shape[0]!,
      fs3Layers: d.layers,
      fs3Images: d.images,
      ...(d.stopResolution !== undefined ? { fs3StopResolution: d.stopResolution } : {}),
      sStatsSamples: d.sStatsSamples,
      truncation: d.truncation,
      jobId,
      createdAt: new Date().toISOString(),
    };
    await this.storage.records.put('directions', set.id, record);
    return record;
  }

  /**
   * Installs the published directions of a set into its local folder when they are newer than what the folder
   * holds (a different fs3) and were made for the same generator, as a new version the manifest switches to in one
   * step (the previous table stays in use until then). Returns whether anything changed.
   */
  async install(set: ModelSetEntry): Promise<boolean> {
    const rec = (await this.storage.records.get('directions', set.id))?.value;
    if (!rec) return false;
    const m = set.manifest;
    if (rec.generatorSha256 !== m.generator.models.synthesis.sha256) {
      this.log.warn(
        { modelSet: set.id, dir: set.dir },
        'published directions were made for another generator than this folder has; not installing them',
      );
      return false;
    }
    const local = m.directions?.fs3?.sha256;
    if (local === rec.fs3.sha256) return false;
    const [sBytes, fBytes] = await Promise.all([
      this.storage.blobs.get(rec.sStats.key),
      this.storage.blobs.get(rec.fs3.key),
    ]);
    if (!sBytes || !fBytes) throw new Error(`the directions of model set ${set.id} are missing from storage`);
    const fresh = (await loadModelSet(set.dir)).manifest; // the folder as it is now (another process may write)
    if (fresh.directions?.fs3?.sha256 === rec.fs3.sha256) return false;
    await writeDirections(set.dir, fresh, {
      stats: unpackSStats(await arrayOf(sBytes)),
      sStatsSamples: rec.sStatsSamples,
      truncation: rec.truncation,
      fs3: await arrayOf(fBytes),
      layers: rec.fs3Layers,
      images: rec.fs3Images,
      ...(rec.fs3StopResolution !== undefined ? { stopResolution: rec.fs3StopResolution } : {}),
      clipImageSha256: rec.clipImageSha256,
    });
    this.log.info(
      { modelSet: set.id, jobId: rec.jobId, rows: rec.fs3Rows },
      'installed published directions',
    );
    return true;
  }
}
