import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest folder above this file holding `nx.json`. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('repoRoot: no nx.json above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

/** `shared/` (reference docs, fixtures, data): `$STYLECLIP_SHARED`, else the folder beside the repository. */
export function sharedDir(): string {
  const fromEnv = process.env['STYLECLIP_SHARED'];
  const dir = fromEnv ? resolve(fromEnv) : resolve(repoRoot(), '..', 'shared');
  if (!existsSync(dir)) {
    throw new Error(
      `shared/ not found at ${dir}; set STYLECLIP_SHARED to the folder holding fixtures/ and data/`,
    );
  }
  return dir;
}

export const fixturePath = (name: string): string => join(sharedDir(), 'fixtures', 'parity-v1', name);
export const dataPath = (name: string): string => join(sharedDir(), 'data', name);
