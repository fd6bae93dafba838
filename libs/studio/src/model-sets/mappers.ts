import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileRef, loadModelSet, saveManifest, type ModelSetManifest } from '@styleclip/model-sets';
import { sha256Hex } from '@styleclip/storage';
import type { Logger } from '../log';
import type { MapperRecord } from '../records';
import { INDEX, type Storage } from '../storage';
import type { ModelSetEntry } from './registry';

/** The id of a mapper's record: names have no `.`, so the last `.` separates them from the set id. */
export const mapperRecordId = (modelSetId: string, name: string): string => `${modelSetId}.${name}`;

/** The file a trained mapper is installed as (the name `models import --mapper` and `installMapper` use). */
export const mapperFile = (name: string): string => `mapper-${name}.onnx`;

/** What a training job publishes besides what `publish` derives (blobs, ids, time). */
export type PublishedMapper = Omit<MapperRecord, 'onnx' | 'checkpoint' | 'createdAt' | 'generatorSha256'> & {
  onnxBytes: Uint8Array;
  checkpointBytes: Uint8Array;
};

/**
 * Mappers a job trained reach every process the way computed directions do (DirectionsSync): the job publishes
 * them to the blob store (the ONNX graph and the official checkpoint as content blobs, an index entry, and a
 * `mapper` record written last), and each process installs the published mappers of a set into its local copy
 * of the set when its folder lacks them (when an engine opens, and after a training job succeeds anywhere).
 */
export class MapperSync {
  constructor(
    private readonly storage: Storage,
    private readonly log: Logger,
  ) {}

  async publish(set: ModelSetEntry, m: PublishedMapper): Promise<MapperRecord> {
    const { onnxBytes, checkpointBytes, ...rest } = m;
    const [onnx, checkpoint] = await Promise.all([
      this.storage.putContent('mappers', onnxBytes, 'onnx'),
      this.storage.putContent('mappers', checkpointBytes, 'pt'),
    ]);
    const record: MapperRecord = {
      ...rest,
      modelSetId: set.id,
      generatorSha256: set.manifest.generator.models.synthesis.sha256,
      onnx,
      checkpoint,
      createdAt: new Date().toISOString(),
    };
    await this.storage.index([INDEX.mappers(set.id) + m.name]);
    await this.storage.records.put('mapper', mapperRecordId(set.id, m.name), record);
    return record;
  }

  async get(modelSetId: string, name: string): Promise<MapperRecord | undefined> {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) return undefined;
    return (await this.storage.records.get('mapper', mapperRecordId(modelSetId, name)))?.value;
  }

  /** The mappers published for a set, by name (at most `limit`). */
  async list(modelSetId: string, limit = 1000): Promise<MapperRecord[]> {
    const out: MapperRecord[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.storage.listIndex(INDEX.mappers(modelSetId), after, Math.min(1000, limit));
      const records = await Promise.all(page.names.map((name) => this.get(modelSetId, name)));
      for (const r of records) if (r && out.length < limit) out.push(r);
      if (!page.more || out.length >= limit || page.names.length === 0) return out;
      after = page.names.at(-1);
    }
  }

  /**
   * Installs the mappers published for a set that its local folder lacks (made for the same generator). A local
   * mapper of the same name with other weights is kept (and logged). Returns whether anything changed.
   */
  async install(set: ModelSetEntry): Promise<boolean> {
    const generator = set.manifest.generator.models.synthesis.sha256;
    const missing = (m: ModelSetManifest) => (r: MapperRecord) =>
      r.generatorSha256 === generator && m.mappers[r.name]?.model.sha256 !== r.onnx.sha256;
    const published = (await this.list(set.id)).filter(missing(set.manifest));
    if (published.length === 0) return false;
    const fresh = (await loadModelSet(set.dir)).manifest; // the folder as it is now (another process may write)
    const mappers = { ...fresh.mappers };
    let changed = false;
    for (const r of published.filter(missing(fresh))) {
      if (mappers[r.name]) {
        this.log.warn(
          { modelSet: set.id, mapper: r.name, dir: set.dir },
          'a published mapper has the name of another mapper in this folder; keeping the local one',
        );
        continue;
      }
      const bytes = await this.storage.blobs.get(r.onnx.key);
      if (!bytes || sha256Hex(bytes) !== r.onnx.sha256)
        throw new Error(`mapper ${r.name} of model set ${set.id} is missing or damaged in storage`);
      const file = mapperFile(r.name);
      const tmp = join(set.dir, `${file}.${process.pid}.tmp`);
      try {
        await writeFile(tmp, bytes);
        await rename(tmp, join(set.dir, file));
      } finally {
        await rm(tmp, { force: true });
      }
      mappers[r.name] = {
        kind: 'levels',
        config: r.config as ModelSetManifest['mappers'][string]['config'],
        model: await fileRef(set.dir, file),
      };
      changed = true;
      this.log.info({ modelSet: set.id, mapper: r.name, jobId: r.jobId }, 'installed a published mapper');
    }
    if (changed) await saveManifest(set.dir, { ...fresh, mappers });
    return changed;
  }
}
