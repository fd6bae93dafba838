import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const scratch = mkdtempSync(join(tmpdir(), 'model-runners-files-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every file and folder under `dir`, relative, sorted. */
const contents = (dir: string): string[] => readdirSync(dir, { recursive: true }).map(String).sort();

describe('files onnxruntime leaves behind', () => {
  it('a runtime that loads and runs a model writes nothing to the temp folder, home or working folder', async () => {
    const dirs = { tmp: join(scratch, 'tmp'), home: join(scratch, 'home'), cwd: join(scratch, 'cwd') };
    for (const d of Object.values(dirs)) mkdirSync(d);
    // tsx's own cache would land in TMPDIR too: off, so the check sees only what the runtime writes.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TMPDIR: dirs.tmp,
      HOME: dirs.home,
      TSX_DISABLE_CACHE: '1',
    };
    delete env['ORT_DISABLE_TELEMETRY']; // the runner must not rely on the caller's environment
    const child = fileURLToPath(new URL('./test-helpers/tiny-session.ts', import.meta.url));
    const tsx = fileURLToPath(import.meta.resolve('tsx'));
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', tsx, child], {
      cwd: dirs.cwd,
      env,
    });
    expect(stdout.trim().split('\n')).toEqual(['[2,4]', '[2,4]']);
    expect({ tmp: contents(dirs.tmp), home: contents(dirs.home), cwd: contents(dirs.cwd) }).toEqual({
      tmp: [],
      home: [],
      cwd: [],
    });
  });
});
