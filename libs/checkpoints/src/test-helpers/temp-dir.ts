// Test helper: a scratch folder per test file, removed when the file's tests end (no /tmp litter).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A fresh `<tmpdir>/checkpoints-<name>-XXXXXX` folder, deleted after the calling test file's last test. */
export function testDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `checkpoints-${name}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
