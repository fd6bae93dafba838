import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath } from '@styleclip/testing';
import { describe, expect, it } from 'vitest';
import { stateDict } from './collect';
import { loadTensors, openCheckpoint } from './open';
import { toFloat32 } from './tensor';
import { dict, ordered, tensor, torchLegacy, type StorageSpec } from './test-helpers/torch-files';
import { testDir } from './test-helpers/temp-dir';

const dir = testDir('legacy');
const tmpFile = (name: string, bytes: Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
const f32 = (values: number[]): StorageSpec => ({ dtype: 'float32', data: Float32Array.from(values) });
const arange = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('torch legacy format', () => {
  it('generator_legacy.pt holds exactly the tensors of generator.pt', async () => {
    const legacy = await openCheckpoint(fixturePath('generator_legacy.pt'));
    expect(legacy.format).toBe('torch-legacy');
    await legacy.close();
    const a = await loadTensors(fixturePath('generator.pt'));
    const b = await loadTensors(fixturePath('generator_legacy.pt'));
    expect([...b.keys()]).toEqual([...a.keys()]);
    expect(a.size).toBe(70);
    for (const [key, t] of a) expect(b.get(key), key).toEqual(t);
    expect(b.get('g_ema.conv1.conv.weight')!.shape).toEqual([1, 32, 32, 3, 3]);
  });

  it('loadTensors selects a prefix', async () => {
    const g = await loadTensors(fixturePath('generator_legacy.pt'), { prefix: 'g_ema' });
    expect(g.get('style.1.weight')!.shape).toEqual([64, 64]);
    expect(g.has('latent_avg')).toBe(false);
  });

  it('finds storages by their counts, honouring offsets, strides and storage views', async () => {
    const storages = {
      '9000': f32(arange(12)),
      '10': { dtype: 'int64', data: BigInt64Array.from([5n, 6n]) } as StorageSpec,
    };
    const root = ordered({
      t: tensor('9000', [4, 3], { stride: [1, 4] }),
      off: tensor('9000', [2], { offset: 10 }),
      view: tensor('9000', [2, 2], { view: ['123', 4, 6], offset: 1, stride: [2, 1] }),
      long: tensor('10', [2]),
      nested: dict({ same: tensor('9000', [12]) }),
    });
    const ckpt = await openCheckpoint(tmpFile('built.pt', torchLegacy(root, storages)));
    const sd = stateDict(ckpt.root);
    const got = async (k: string): Promise<number[]> => Array.from(toFloat32(await sd.get(k)!.load()));
    expect(await got('t')).toEqual([0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]);
    expect(await got('off')).toEqual([10, 11]);
    expect(await got('view')).toEqual([5, 6, 7, 8]);
    expect(await got('long')).toEqual([5, 6]);
    expect(await got('nested.same')).toEqual(arange(12));
    await ckpt.close();
  });

  it('reads pickles longer than the first read (grows the header read)', async () => {
    const root = dict({ note: 'x'.repeat(1_500_000), t: tensor('1', [2]) });
    const ckpt = await openCheckpoint(tmpFile('long.pt', torchLegacy(root, { '1': f32([3, 4]) })));
    expect(((ckpt.root as Map<string, string>).get('note') ?? '').length).toBe(1_500_000);
    expect(Array.from(toFloat32(await stateDict(ckpt.root).get('t')!.load()))).toEqual([3, 4]);
    await ckpt.close();
  });

  it('reports truncation in the storages and in the pickles', async () => {
    const full = readFileSync(fixturePath('generator_legacy.pt'));
    await expect(openCheckpoint(tmpFile('cut.pt', full.subarray(0, full.length - 100)))).rejects.toThrow(
      /^cut\.pt: truncated: storage \d+ needs \d+ bytes at offset \d+, file has 287780 bytes$/,
    );
    await expect(openCheckpoint(tmpFile('cut_pickle.pt', full.subarray(0, 5000)))).rejects.toThrow(
      /^cut_pickle\.pt: object pickle: truncated pickle/,
    );
  });

  it('rejects a count that disagrees with the pickle', async () => {
    const bytes = torchLegacy(dict({ t: tensor('1', [2]) }), { '1': f32([1, 2]) });
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    view.setBigInt64(bytes.length - 16, 3n, true);
    await expect(openCheckpoint(tmpFile('count.pt', bytes))).rejects.toThrow(
      /corrupt: storage 1 at offset \d+ has 3 elements, the pickle says 2/,
    );
  });
});
