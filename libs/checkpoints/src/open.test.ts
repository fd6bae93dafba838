import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath } from '@styleclip/testing';
import { describe, expect, it } from 'vitest';
import { CheckpointError } from './errors';
import { openCheckpoint } from './open';
import { PickleWriter } from './test-helpers/pickle-writer';
import { encodeZip } from './zip-write';
import { testDir } from './test-helpers/temp-dir';

const dir = testDir('open');
const file = (name: string, bytes: Uint8Array | string): string => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

describe('openCheckpoint: format detection from content', () => {
  it('detects every fixture format regardless of extension', async () => {
    const cases: [string, string][] = [
      ['generator.pt', 'torch-zip'],
      ['generator_legacy.pt', 'torch-legacy'],
      ['clip_jit.pt', 'torchscript'],
      ['gen_z.npy', 'npy'],
    ];
    for (const [name, format] of cases) {
      const renamed = file(`${name}.bin`, readFileSync(fixturePath(name)));
      const ckpt = await openCheckpoint(renamed);
      expect(ckpt.format, name).toBe(format);
      expect(ckpt.path).toBe(renamed);
      await ckpt.close();
    }
    const pickle = await openCheckpoint(file('plain.pt', new PickleWriter().proto(4).shortStr('hi').stop()));
    expect([pickle.format, pickle.root]).toEqual(['pickle', 'hi']);
    await pickle.close();
  });

  it('names the file and what it found for non-checkpoints', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const pngPath = file('generator.pt', png);
    await expect(openCheckpoint(pngPath)).rejects.toThrow(CheckpointError);
    await expect(openCheckpoint(pngPath)).rejects.toThrow(
      /^generator\.pt: not a checkpoint: starts with 89 50 4E 47 \(a PNG image\?\)/,
    );
    await expect(openCheckpoint(file('drive.pt', '<!DOCTYPE html><html>Google Drive'))).rejects.toThrow(
      /starts with 3C 21 44 4F \(an HTML\/XML page\?/,
    );
    await expect(
      openCheckpoint(file('lfs.pt', 'version https://git-lfs.github.com/spec/v1\n')),
    ).rejects.toThrow(/a Git LFS pointer/);
    await expect(openCheckpoint(file('empty.pt', ''))).rejects.toThrow(
      /^empty\.pt: not a checkpoint: the file is empty$/,
    );
    await expect(openCheckpoint(join(dir, 'absent.pt'))).rejects.toThrow(/^absent\.pt: cannot open: ENOENT/);
    await expect(openCheckpoint(dir)).rejects.toThrow(/cannot open: not a regular file$/);
  });

  it('explains truncated and corrupt torch zips', async () => {
    const full = readFileSync(fixturePath('generator.pt'));
    const error = await openCheckpoint(file('half.pt', full.subarray(0, full.length >> 1))).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CheckpointError);
    expect((error as CheckpointError).file).toBe(join(dir, 'half.pt'));
    expect((error as Error).message).toMatch(
      /^half\.pt: truncated or corrupt zip: no end-of-central-directory record/,
    );
    const other = encodeZip([{ name: 'readme.txt', data: Uint8Array.from([65]) }]);
    await expect(openCheckpoint(file('other.pt', other))).rejects.toThrow(
      /zip archive but neither a torch checkpoint \(no <folder>\/data\.pkl\) nor an npz \(members: readme\.txt\)/,
    );
  });

  it('fails loads after close', async () => {
    const ckpt = await openCheckpoint(fixturePath('generator.pt'));
    const t = (ckpt.root as Map<string, { load(): Promise<unknown> }>).get('latent_avg')!;
    await ckpt.close();
    await expect(t.load()).rejects.toThrow(/the checkpoint was closed/);
  });
});
