import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Engine, type MicroBatchOptions } from '@styleclip/editing';
import { createRuntime, type Runtime, type RunnerConfig } from '@styleclip/model-runners';
import { loadModelSet, MANIFEST_FILE, type ModelSetManifest } from '@styleclip/model-sets';
import { StudioError } from '../errors';
import { MODEL_SET_ID } from '../ids';
import type { Logger } from '../log';
import type { DirectionsSync } from './directions';
import { warmUpEngine, type WarmUpTimings } from './warm-up';
import type { MapperSync } from './mappers';

export interface ModelSetEntry {
  id: string;
  dir: string;
  manifest: ModelSetManifest;
}

/**
 * The model sets under one folder (each a subfolder with a manifest; the id is the manifest's), and one
 * editing engine per set, opened on first use and sharing one runtime (sessions, worker thread). The default
 * set is opened and warmed up at start (API servers); readiness waits for it. Before an engine opens, directions
 * a job published for the set in storage are installed into the folder (see DirectionsSync).
 */
export class ModelSetRegistry {
  readonly runtime: Runtime;
  private readonly engines = new Map<string, Promise<Engine>>();
  private defaultReady = false;
  private defaultError: Error | undefined;
  /** Batch sizes drained from the engines' micro-batchers: set id → size → runs. */
  private readonly batchHistogram = new Map<string, Map<number, number>>();

  constructor(
    readonly dir: string,
    readonly defaultId: string,
    private readonly o: {
      runner: Partial<RunnerConfig>;
      batching?: MicroBatchOptions;
      log: Logger;
      directions?: DirectionsSync;
      /** Runs first in `warmUp` (pulling model sets from S3 into the folder); a failure fails the warm-up. */
      prepare?: () => Promise<void>;
      /** Mappers trained by jobs, installed the same way as directions. */
      mappers?: MapperSync;
    },
  ) {
    this.runtime = createRuntime({ ...o.runner, log: (line) => o.log.info({ runtime: true }, line) });
  }

  private listed: { at: number; sets: Promise<ModelSetEntry[]> } | undefined;

  /**
   * Every valid model set in the folder (sorted by folder name). Folders that are not model sets are skipped.
   * The folder is re-read at most every 2 s (sets added on disk appear within that; `reload` refreshes at once).
   */
  list(): Promise<ModelSetEntry[]> {
    const now = performance.now();
    if (!this.listed || now - this.listed.at > 2000) {
      const sets = this.scan();
      this.listed = { at: now, sets };
      sets.catch(() => (this.listed = undefined));
    }
    return this.listed.sets;
  }

  private async scan(): Promise<ModelSetEntry[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const found = new Map<string, ModelSetEntry>();
    for (const name of names.sort()) {
      if (name.startsWith('.')) continue;
      const dir = resolve(this.dir, name);
      const isSet = await stat(join(dir, MANIFEST_FILE)).then(
        (s) => s.isFile(),
        () => false,
      );
      if (!isSet) continue;
      try {
        const set = await loadModelSet(dir);
        const id = set.manifest.id;
        if (!MODEL_SET_ID.test(id)) continue;
        if (found.has(id)) {
          this.o.log.warn(
            { modelSet: id, dir, kept: found.get(id)!.dir },
            'two model sets have the same id; keeping the first',
          );
          continue;
        }
        found.set(id, { id, dir, manifest: set.manifest });
      } catch (e) {
        this.o.log.warn({ dir, err: (e as Error).message }, 'skipping an unreadable model set');
      }
    }
    return [...found.values()];
  }

  /** The set `id` (the default when omitted), or NOT_FOUND naming the sets there are. */
  async get(id?: string | null): Promise<ModelSetEntry> {
    const want = id ?? this.defaultId;
    const sets = await this.list();
    const set = sets.find((s) => s.id === want);
    if (!set) {
      throw new StudioError(
        'NOT_FOUND',
        `model set ${JSON.stringify(want)} does not exist${sets.length ? ` (there are: ${sets.map((s) => s.id).join(', ')})` : ' (there are none)'}`,
      );
    }
    return set;
  }

  /** The engine of a set (opened once; a failed open is retried by the next call). */
  engine(id?: string | null): Promise<Engine> {
    const want = id ?? this.defaultId;
    let p = this.engines.get(want);
    if (!p) {
      p = this.get(want)
        .then((set) => this.installDirections(set))
        .then((set) =>
          Engine.open(set.dir, {
            runtime: this.runtime,
            ...(this.o.batching ? { batching: this.o.batching } : {}),
          }),
        );
      this.engines.set(want, p);
      p.catch(() => this.engines.delete(want));
    }
    return p;
  }

  /**
   * Installs what jobs published in storage for the set (directions, trained mappers) when its folder does not
   * have it; returns the set as it is now. A failure is logged and the set used as it is (edits then say what is
   * missing).
   */
  private async installDirections(set: ModelSetEntry): Promise<ModelSetEntry> {
    let changed = false;
    for (const [what, sync] of [
      ['directions', this.o.directions],
      ['mappers', this.o.mappers],
    ] as const) {
      if (!sync) continue;
      try {
        if (await sync.install(set)) changed = true;
      } catch (e) {
        this.o.log.warn(
          { modelSet: set.id, err: (e as Error).message },
          `could not install published ${what}`,
        );
      }
    }
    if (!changed) return set;
    this.listed = undefined;
    return this.get(set.id);
  }

  /**
   * After a set's directions or mappers may have changed (a job finished here or elsewhere): installs what was
   * published, re-reads the folder, and reopens the set's engine only if its table or mappers changed.
   */
  async refresh(id: string): Promise<void> {
    this.listed = undefined;
    const set = await this.installDirections(await this.get(id));
    const open = this.engines.get(id);
    const engine = open ? await open.catch(() => undefined) : undefined;
    if (!engine) return;
    if (publishedContent(engine.manifest) === publishedContent(set.manifest)) return;
    await this.reload(id);
  }

  /** Re-reads a set after its files changed and reopens its engine. */
  async reload(id: string): Promise<void> {
    this.listed = undefined;
    const old = this.engines.get(id);
    if (old) {
      await old.then((e) => this.drainBatches(id, e)).catch(() => undefined);
      this.engines.delete(id);
    }
    await this.engine(id);
  }

  /** How the last warm-up went (pulling, sessions, first runs), once it succeeded. */
  lastWarmUp: (WarmUpTimings & { prepareMs: number; totalMs: number }) | undefined;

  /**
   * Prepares the folder (`prepare`: model sets from S3), then opens the default set, creates its sessions and runs
   * it once (`warmUpEngine`), logging how long each step took. Readiness waits for it.
   */
  async warmUp(): Promise<void> {
    const t0 = performance.now();
    try {
      if (this.o.prepare) {
        await this.o.prepare();
        this.listed = undefined;
      }
      const prepareMs = performance.now() - t0;
      const engine = await this.engine(this.defaultId);
      const timings = await warmUpEngine(engine);
      this.lastWarmUp = { ...timings, prepareMs, totalMs: performance.now() - t0 };
      this.defaultReady = true;
      this.o.log.info(
        {
          modelSet: this.defaultId,
          ms: Math.round(this.lastWarmUp.totalMs),
          ...(this.o.prepare ? { pullMs: Math.round(prepareMs) } : {}),
          sessionsMs: Math.round(timings.sessionsMs),
          warmUpMs: Math.round(timings.runMs),
        },
        'default model set loaded',
      );
    } catch (e) {
      this.defaultError = e as Error;
      this.o.log.error(
        { modelSet: this.defaultId, err: (e as Error).message },
        'cannot load the default model set',
      );
      throw e;
    }
  }

  get ready(): boolean {
    return this.defaultReady;
  }

  get loadError(): Error | undefined {
    return this.defaultError;
  }

  /** Folds a closing engine's batch histogram into the totals kept for closed engines. */
  private drainBatches(id: string, engine: Engine): void {
    const h = engine.components.synthesisBatcher?.histogram;
    if (!h || h.size === 0) return;
    addHistogram(this.batchHistogram, id, h);
  }

  /** Generator batch sizes observed so far: set id → { size → runs }. */
  async batchSizes(): Promise<Record<string, Record<string, number>>> {
    // Totals of closed engines plus the live histograms of open ones (read, never emptied).
    const merged = new Map<string, Map<number, number>>();
    for (const [id, h] of this.batchHistogram) merged.set(id, new Map(h));
    for (const [id, p] of this.engines) {
      const engine = await p.catch(() => undefined);
      const live = engine?.components.synthesisBatcher?.histogram;
      if (!live) continue;
      addHistogram(merged, id, live);
    }
    const out: Record<string, Record<string, number>> = {};
    for (const [id, h] of merged) {
      out[id] = Object.fromEntries(
        [...h.entries()].sort((a, b) => a[0] - b[0]).map(([k, v]) => [String(k), v]),
      );
    }
    return out;
  }

  async close(): Promise<void> {
    await this.runtime.dispose();
  }
}

/** What jobs may change in a set (its fs3 table, its mappers): the open engine is reopened when it differs. */
const publishedContent = (m: ModelSetManifest): string =>
  JSON.stringify([
    m.directions?.fs3?.sha256 ?? null,
    Object.entries(m.mappers)
      .map(([name, e]) => `${name}:${e.model.sha256}`)
      .sort(),
  ]);

/** Adds the runs of histogram `h` (size → runs) into `into[id]`. */
function addHistogram(
  into: Map<string, Map<number, number>>,
  id: string,
  h: ReadonlyMap<number, number>,
): void {
  const total = into.get(id) ?? new Map<number, number>();
  for (const [n, runs] of h) total.set(n, (total.get(n) ?? 0) + runs);
  into.set(id, total);
}
