import { createHash } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { ModelHandle, Runtime } from '@styleclip/model-runners';
import { writeOnnxFile, type Graph } from '@styleclip/onnx-graph';

/** Bumped whenever a loss graph builder changes what it builds (part of every cache key). */
export const LOSS_GRAPH_VERSION = 1;

/** Where built loss graphs are kept: `$STYLECLIP_GRAPH_CACHE`, else a per-user folder in the OS temp dir. */
export const defaultGraphCacheDir = (): string =>
  process.env['STYLECLIP_GRAPH_CACHE'] || join(tmpdir(), `styleclip-loss-graphs-${userInfo().uid}`);

/** Most bytes the cache keeps (`$STYLECLIP_GRAPH_CACHE_BYTES`, default 8 GiB): the least recently used go first. */
export function graphCacheBudget(): number {
  const v = Number(process.env['STYLECLIP_GRAPH_CACHE_BYTES'] ?? '');
  return Number.isFinite(v) && v > 0 ? v : 8 * 1024 ** 3;
}

/** Removes the least recently used graphs beyond the budget (never `keep`, the one just written or used). */
async function evict(dir: string, keep: string, budget: number): Promise<void> {
  const files = [];
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.onnx')) continue;
    const info = await stat(join(dir, name)).catch(() => undefined);
    if (info?.isFile()) files.push({ path: join(dir, name), bytes: info.size, used: info.mtimeMs });
  }
  let total = files.reduce((s, f) => s + f.bytes, 0);
  for (const f of files.sort((a, b) => a.used - b.used)) {
    if (total <= budget) break;
    if (f.path === keep) continue;
    await rm(f.path, { force: true });
    total -= f.bytes;
  }
}

/**
 * A loss graph's ONNX file. Building one (importing the generator and CLIP, appending the gradient) takes
 * seconds and, at 1024, gigabytes; so it is written once to `cacheDir` under the sha256 of `key` (its
 * structure and the sha256 of every file it is made from) and loaded by path, which also spares copying the
 * bytes to the runner's worker thread. The file is written to a temp name and renamed, so a half-written
 * graph is never loaded; beyond `graphCacheBudget()` bytes the least recently used graphs are removed.
 */
export async function lossGraphFile(
  cacheDir: string,
  key: unknown,
  build: () => Promise<Graph>,
): Promise<{ name: string; path: string; built: boolean }> {
  const hash = createHash('sha256')
    .update(JSON.stringify({ v: LOSS_GRAPH_VERSION, key }))
    .digest('hex')
    .slice(0, 32);
  const path = join(cacheDir, `${hash}.onnx`);
  let built = false;
  if ((await stat(path).catch(() => undefined))?.isFile()) {
    const now = new Date();
    await utimes(path, now, now).catch(() => undefined); // marks it recently used
  } else {
    await mkdir(cacheDir, { recursive: true });
    const graph = await build();
    const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
    try {
      await writeOnnxFile(graph, tmp, { modelName: graph.name, version: LOSS_GRAPH_VERSION });
      await rename(tmp, path);
    } finally {
      await rm(tmp, { force: true });
    }
    built = true;
    await evict(cacheDir, path, graphCacheBudget());
  }
  return { name: `loss-graph:${hash}`, path, built };
}

/**
 * `lossGraphFile`, loaded as a session of `runtime` (shared per graph), without onnxruntime's memory arena: its
 * doubling growth is what made a batch-2 mapper step at 1024 exceed 24 GiB (see LoadOptions).
 */
export async function lossGraphSession(
  runtime: Runtime,
  cacheDir: string,
  key: unknown,
  build: () => Promise<Graph>,
): Promise<{ model: ModelHandle; path: string; built: boolean }> {
  const file = await lossGraphFile(cacheDir, key, build);
  const model = await runtime.load(file.name, file.path, { memoryArena: false });
  return { model, path: file.path, built: file.built };
}
