import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeNpz, readNpz, writeNpz } from './npz';
import { openCheckpoint } from './open';
import { makeTensor, type Tensor } from './tensor';
import { NPZ_DEFLATED, NPZ_STORED } from './test-helpers/python-data';
import { testDir } from './test-helpers/temp-dir';

const dir = testDir('npz');
const tensors = new Map<string, Tensor>([
  ['w', makeTensor('float32', [2, 2], Float32Array.from([1, 2, 3, 4]))],
  ['ids', makeTensor('int64', [3], BigInt64Array.from([1n, -2n, 3n]))],
  ['mask', makeTensor('bool', [2], Uint8Array.from([1, 0]))],
]);

describe('npz', () => {
  for (const compress of [false, true]) {
    it(`round-trips ${compress ? 'deflated' : 'stored'} archives`, async () => {
      const path = join(dir, `t${compress}.npz`);
      await writeNpz(path, tensors, { compress });
      expect(await readNpz(path)).toEqual(tensors);
      const ckpt = await openCheckpoint(path);
      expect(ckpt.format).toBe('npz');
      expect([...(ckpt.root as Map<string, unknown>).keys()]).toEqual(['w', 'ids', 'mask']);
      await ckpt.close();
      expect(await readNpz(encodeNpz(Object.fromEntries(tensors), { compress }))).toEqual(tensors);
    });
  }

  it('reads numpy.savez and savez_compressed output', async () => {
    for (const hex of [NPZ_STORED, NPZ_DEFLATED]) {
      const got = await readNpz(Uint8Array.from(Buffer.from(hex, 'hex')));
      expect(got.get('a')).toEqual(makeTensor('int32', [5], Int32Array.from([0, 1, 2, 3, 4])));
      expect(got.get('b')).toEqual(makeTensor('float32', [2, 2], Float32Array.from([1, 1, 1, 1])));
    }
  });
});
