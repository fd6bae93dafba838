import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rename, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPresetSet } from '@styleclip/editing';
import { PRESETS } from '@styleclip/model-sets';

/** Bump when the tiny set built by the current code would differ from a cached one (other than by its config). */
const CACHE_VERSION = 'v1';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Where the cached tiny set lives: under the OS temp dir, keyed by the preset's config and CACHE_VERSION. */
export function tinyCacheDir(): string {
  const key = createHash('sha256')
    .update(JSON.stringify(PRESETS.tiny))
    .update(CACHE_VERSION)
    .digest('hex')
    .slice(0, 12);
  return join(tmpdir(), 'styleclip-cache', `tiny-${key}`);
}

async function complete(dir: string): Promise<boolean> {
  try {
    const m = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as {
      directions?: { fs3?: unknown };
    };
    return m.directions?.fs3 !== undefined;
  } catch {
    return false;
  }
}

/**
 * The `tiny` model set with its directions, built once (about 15 s) and cached across test files and runs.
 * Concurrent callers (processes) wait on a lock folder; the set is built beside and renamed into place.
 */
export async function ensureTinySet(log: (line: string) => void = () => undefined): Promise<string> {
  const root = tinyCacheDir();
  const dir = join(root, 'tiny');
  if (await complete(dir)) return dir;
  await mkdir(root, { recursive: true });
  const lock = join(root, 'lock');
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch {
      if (await complete(dir)) return dir;
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > 5 * 60_000) await rm(lock, { recursive: true, force: true });
      await sleep(250);
    }
  }
  try {
    if (await complete(dir)) return dir;
    const tmp = join(root, `build-${process.pid}`);
    await rm(tmp, { recursive: true, force: true });
    log(`building the tiny model set into ${dir} (cached for later runs)`);
    await buildPresetSet('tiny', tmp);
    await rm(dir, { recursive: true, force: true });
    await rename(tmp, dir);
    return dir;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** A models folder holding the cached tiny set: linked (read-only use) or copied (jobs write into it). */
export async function modelsDirWithTiny(parent: string, mode: 'link' | 'copy'): Promise<string> {
  const tiny = await ensureTinySet();
  const models = join(parent, 'models');
  await mkdir(models, { recursive: true });
  if (mode === 'link') {
    if (!existsSync(join(models, 'tiny'))) await symlink(tiny, join(models, 'tiny'), 'dir');
  } else {
    await cp(tiny, join(models, 'tiny'), { recursive: true });
  }
  return models;
}
