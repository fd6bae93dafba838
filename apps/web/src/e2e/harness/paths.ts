import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

/** apps/web */
export const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const REPO_ROOT = resolve(WEB_DIR, '../..');
/** Screenshots and server logs of the browser tests (gitignored). */
export const ARTIFACTS_DIR = join(REPO_ROOT, 'test-artifacts', 'web');
export const NEXT_BIN = join(REPO_ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
export const TSX_BIN = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
/**
 * `shared/` (fixtures): `$STYLECLIP_SHARED`, else the folder beside the repository, as `@styleclip/testing` finds
 * it (this app may depend on the API contract only, so the rule is restated here).
 */
export const SHARED_DIR = process.env.STYLECLIP_SHARED
  ? resolve(process.env.STYLECLIP_SHARED)
  : resolve(REPO_ROOT, '..', 'shared');
