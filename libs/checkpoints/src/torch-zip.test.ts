import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath } from '@styleclip/testing';
import { describe, expect, it } from 'vitest';
import { stateDict } from './collect';
import type { LazyTensor } from './lazy';
import { openCheckpoint } from './open';
import { openSource } from './open';
import { readNpy } from './npy';
import { bytesSource, type ByteSource } from './source';
import { toFloat32 } from './tensor';
import { dict, ordered, tensor, torchZip, type StorageSpec } from './test-helpers/torch-files';
import { testDir } from './test-helpers/temp-dir';

const meta = JSON.parse(readFileSync(fixturePath('meta.json'), 'utf8')) as {
  generator: { style_dim: number; channels: Record<string, number> };
};
const dir = testDir('torch-zip');

function tmpFile(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** Counts the bytes read through a source, to check storages are read once. */
function counting(source: ByteSource): ByteSource & { bytesRead: number } {
  const counted = {
    ...source,
    bytesRead: 0,
    read(offset: number, length: number, what: string) {
      counted.bytesRead += length;
      return source.read(offset, length, what);
    },
  };
  return counted;
}

describe('torch zip: fixtures', () => {
  it('reads generator.pt: {g_ema: state_dict, latent_avg}', async () => {
    const ckpt = await openCheckpoint(fixturePath('generator.pt'));
    try {
      expect(ckpt.format).toBe('torch-zip');
      const sd = stateDict(ckpt.root);
      const styleDim = meta.generator.style_dim;
      expect(styleDim).toBe(64);
      expect(sd.get('g_ema.style.1.weight')!.shape).toEqual([styleDim, styleDim]);
      expect(sd.get('g_ema.conv1.conv.weight')!.shape).toEqual([
        1,
        meta.generator.channels['4'],
        meta.generator.channels['4'],
        3,
        3,
      ]);
      expect(sd.get('g_ema.conv1.conv.weight')!.shape).toEqual([1, 32, 32, 3, 3]);
      expect(sd.get('latent_avg')!.shape).toEqual([styleDim]);
      expect([...sd.keys()].filter((k) => !k.startsWith('g_ema.'))).toEqual(['latent_avg']);
      expect(sd.get('g_ema.noises.noise_0')!.shape).toEqual([1, 1, 4, 4]);
      const latent = await sd.get('latent_avg')!.load();
      const expected = await readNpy(fixturePath('gen_latent_avg.npy'));
      expect(latent.dtype).toBe('float32');
      expect(latent.data).toEqual(expected.data);
    } finally {
      await ckpt.close();
    }
  });

  it('reads mapper.pt: state_dict and opts', async () => {
    const ckpt = await openCheckpoint(fixturePath('mapper.pt'));
    try {
      const root = ckpt.root as Map<string, unknown>;
      const sd = stateDict(root, 'state_dict');
      expect(sd.get('mapper.course_mapping.mapping.1.weight')!.shape).toEqual([64, 64]);
      expect(sd.get('mapper.medium_mapping.mapping.4.bias')!.shape).toEqual([64]);
      expect([...sd.keys()].some((k) => k.includes('fine_mapping'))).toBe(false);
      const opts = root.get('opts') as Map<string, unknown>;
      expect(opts.get('no_fine_mapper')).toBe(true);
      expect(opts.get('no_coarse_mapper')).toBe(false);
    } finally {
      await ckpt.close();
    }
  });

  it('decodes clip_state.pt float16 storages', async () => {
    const ckpt = await openCheckpoint(fixturePath('clip_state.pt'));
    try {
      const sd = stateDict(ckpt.root);
      const conv = sd.get('visual.conv1.weight')!;
      expect(conv.dtype).toBe('float16');
      expect(conv.shape).toEqual([64, 3, 16, 16]);
      expect(sd.get('positional_embedding')!.dtype).toBe('float32');
      expect(sd.get('logit_scale')!.shape).toEqual([]);
      const values = toFloat32(await conv.load());
      expect(values.every(Number.isFinite)).toBe(true);
      const rms = Math.sqrt(values.reduce((s, v) => s + v * v, 0) / values.length);
      expect(rms).toBeGreaterThan(1e-3);
      expect(rms).toBeLessThan(10);
      expect([...sd.values()].filter((t) => t.dtype === 'float16').length).toBeGreaterThan(20);
    } finally {
      await ckpt.close();
    }
  });
});

const f32 = (values: number[]): StorageSpec => ({ dtype: 'float32', data: Float32Array.from(values) });
const arange = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('torch zip: layout (hand-built files)', () => {
  it('honours strides (transposed, expanded) and storage offsets', async () => {
    const storages = { '140234567890': f32(arange(12)) };
    const root = dict({
      rowmajor: tensor('140234567890', [3, 4]),
      transposed: tensor('140234567890', [4, 3], { stride: [1, 4] }),
      window: tensor('140234567890', [2, 2], { offset: 5, stride: [4, 1] }),
      column: tensor('140234567890', [3], { offset: 2, stride: [4] }),
      expanded: tensor('140234567890', [2, 3], { offset: 1, stride: [0, 1] }),
      scalar: tensor('140234567890', [], { offset: 11, stride: [] }),
      empty: tensor('140234567890', [0, 4]),
    });
    const path = tmpFile('strided.pt', torchZip(root, storages, { prefix: 'best_model' }));
    const ckpt = await openCheckpoint(path);
    const sd = stateDict(ckpt.root);
    const data = async (k: string): Promise<number[]> => Array.from(toFloat32(await sd.get(k)!.load()));
    expect(await data('rowmajor')).toEqual(arange(12));
    expect(await data('transposed')).toEqual([0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]);
    expect(await data('window')).toEqual([5, 6, 9, 10]);
    expect(await data('column')).toEqual([2, 6, 10]);
    expect(await data('expanded')).toEqual([1, 2, 3, 1, 2, 3]);
    expect(await data('scalar')).toEqual([11]);
    expect((await sd.get('empty')!.load()).shape).toEqual([0, 4]);
    expect(sd.get('transposed')!.source).toBe('strided.pt: data/140234567890');
    await ckpt.close();
  });

  it('reads every storage dtype, torch.cuda storages, parameters and _rebuild_tensor_v3', async () => {
    const storages: Record<string, StorageSpec> = {
      h: { dtype: 'float16', data: Uint16Array.from([0x3c00, 0xc000]), module: 'torch.cuda' },
      bf: { dtype: 'bfloat16', data: Uint16Array.from([0x3f80, 0x4040]) },
      d: { dtype: 'float64', data: Float64Array.from([1.25, -3]) },
      l: { dtype: 'int64', data: BigInt64Array.from([-(2n ** 40n), 7n]) },
      i: { dtype: 'int32', data: Int32Array.from([-5, 6]) },
      s: { dtype: 'int16', data: Int16Array.from([-300, 300]) },
      c: { dtype: 'int8', data: Int8Array.from([-128, 127]) },
      b: { dtype: 'uint8', data: Uint8Array.from([0, 255]) },
      q: { dtype: 'bool', data: Uint8Array.from([1, 0]) },
      u: { dtype: 'uint8', data: new Uint8Array(Float32Array.from([2.5, -1]).buffer) },
    };
    const root = dict({
      ...Object.fromEntries(Object.keys(storages).map((k) => [k, tensor(k, [2])])),
      param: tensor('d', [2], { parameter: true }),
      v3: tensor('u', [2], { v3dtype: 'float32' }),
    });
    const ckpt = await openCheckpoint(tmpFile('dtypes.pt', torchZip(root, storages)));
    const sd = stateDict(ckpt.root);
    const got = async (k: string): Promise<number[]> => Array.from(toFloat32(await sd.get(k)!.load()));
    expect(await got('h')).toEqual([1, -2]);
    expect(await got('bf')).toEqual([1, 3]);
    expect(await got('d')).toEqual([1.25, -3]);
    expect((await sd.get('l')!.load()).data).toEqual(BigInt64Array.from([-(2n ** 40n), 7n]));
    expect(await got('i')).toEqual([-5, 6]);
    expect(await got('s')).toEqual([-300, 300]);
    expect(await got('c')).toEqual([-128, 127]);
    expect(await got('b')).toEqual([0, 255]);
    expect(await sd.get('q')!.load()).toEqual({ dtype: 'bool', shape: [2], data: Uint8Array.from([1, 0]) });
    expect(await got('param')).toEqual([1.25, -3]);
    expect(sd.get('v3')!.dtype).toBe('float32');
    expect(await got('v3')).toEqual([2.5, -1]);
    await ckpt.close();
  });

  it('reads a shared storage once and gives tensors that view it', async () => {
    const storages = { '0': f32(arange(1024)) };
    const root = ordered({
      a: tensor('0', [32, 32]),
      b: tensor('0', [32, 32], { stride: [1, 32] }),
      c: tensor('0', [10], { offset: 3 }),
    });
    const source = counting(bytesSource(torchZip(root, storages), 'shared.pt'));
    const sd = stateDict((await openSource(source)).root);
    const before = source.bytesRead;
    const loaded = await Promise.all([...sd.values()].map((t: LazyTensor) => t.load()));
    expect(source.bytesRead - before).toBe(1024 * 4 + 30); // the storage once (+ its local header)
    expect(loaded[0]!.data.buffer).toBe(loaded[2]!.data.buffer);
    expect(Array.from(toFloat32(loaded[2]!))).toEqual(arange(13).slice(3));
    expect(toFloat32(loaded[1]!)[1]).toBe(32);
  });

  it('handles zip64 records, deflated entries and big-endian archives', async () => {
    const storages = { '0': f32([1.5, -2, 3.25]) };
    const root = dict({ t: tensor('0', [3]) });
    for (const [name, bytes] of [
      ['zip64.pt', torchZip(root, storages, { zip: { zip64: true } })],
      ['deflated.pt', torchZip(root, storages, { deflate: true })],
      ['big.pt', torchZip(root, storages, { byteorder: 'big' })],
    ] as const) {
      const ckpt = await openCheckpoint(tmpFile(name, bytes));
      expect(Array.from(toFloat32(await stateDict(ckpt.root).get('t')!.load())), name).toEqual([
        1.5, -2, 3.25,
      ]);
      await ckpt.close();
    }
  });

  it('reports missing and short storages and out-of-range views', async () => {
    const missing = torchZip(dict({ t: tensor('7', [2]) }), { '7': f32([1, 2]) });
    const noEntry = Buffer.from(missing).toString('latin1').replaceAll('archive/data/7', 'archive/data/8');
    await expect(openCheckpoint(tmpFile('missing.pt', Buffer.from(noEntry, 'latin1')))).rejects.toThrow(
      /^missing\.pt: archive\/data\.pkl: storage data\/7 is not in the archive/,
    );
    const tooFar = torchZip(dict({ t: tensor('0', [2, 2], { offset: 1 }) }), { '0': f32([1, 2, 3, 4]) });
    await expect(openCheckpoint(tmpFile('far.pt', tooFar))).rejects.toThrow(
      /tensor \[2, 2\] \(offset 1, stride \(2, 1\)\) needs element 4 of storage data\/0, which has 4 float32 elements/,
    );
  });
});
