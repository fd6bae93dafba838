import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath } from '@styleclip/testing';
import { describe, expect, it } from 'vitest';
import { DTYPES, type DType, type TypedArray } from './dtype';
import { encodeNpy, readNpy, writeNpy } from './npy';
import { openCheckpoint } from './open';
import { makeTensor, type Tensor } from './tensor';
import { NPY_FORTRAN_BE } from './test-helpers/python-data';
import { testDir } from './test-helpers/temp-dir';

const dir = testDir('npy');

const SAMPLES: Record<Exclude<DType, 'bfloat16'>, TypedArray> = {
  float16: Uint16Array.from([0x3c00, 0xc000, 0x7c00, 0x0001, 0x8000, 0x7bff]),
  float32: Float32Array.from([1.5, -2, Infinity, 1e-30, -0, 3.4e38]),
  float64: Float64Array.from([Math.PI, -1e300, 5e-324, 0, 1, -1]),
  int8: Int8Array.from([-128, 127, 0, 1, -1, 5]),
  uint8: Uint8Array.from([0, 255, 1, 2, 3, 4]),
  int16: Int16Array.from([-32768, 32767, 0, 1, -1, 5]),
  int32: Int32Array.from([-(2 ** 31), 2 ** 31 - 1, 0, 1, -1, 5]),
  int64: BigInt64Array.from([-(2n ** 63n), 2n ** 63n - 1n, 0n, 1n, -1n, 2n ** 53n + 1n]),
  bool: Uint8Array.from([1, 0, 0, 1, 1, 0]),
};

describe('npy', () => {
  for (const [dtype, data] of Object.entries(SAMPLES)) {
    it(`round-trips ${dtype} through a file`, async () => {
      const t = makeTensor(dtype as DType, [2, 3], data) as Tensor;
      const path = join(dir, `${dtype}.npy`);
      await writeNpy(path, t);
      const bytes = readFileSync(path);
      expect(bytes.subarray(0, 6).toString('latin1')).toBe('\x93NUMPY');
      expect((10 + bytes.readUInt16LE(8)) % 64).toBe(0);
      expect(await readNpy(path)).toEqual(t);
      expect(await readNpy(encodeNpy(t))).toEqual(t);
    });
  }

  it('covers every dtype except bfloat16 (which npy cannot hold)', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(DTYPES.filter((d) => d !== 'bfloat16').sort());
    expect(() => encodeNpy(makeTensor('bfloat16', [1]))).toThrow(/no bfloat16/);
  });

  it('writes numpy-style headers for 0-d and 1-d arrays', () => {
    const header = (shape: number[]): string =>
      Buffer.from(encodeNpy(makeTensor('float32', shape)))
        .toString('latin1', 10, 70)
        .trim();
    expect(header([])).toBe("{'descr': '<f4', 'fortran_order': False, 'shape': (), }");
    expect(header([5])).toBe("{'descr': '<f4', 'fortran_order': False, 'shape': (5,), }");
    expect(header([2, 3])).toBe("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }");
  });

  it('reads numpy fixtures, and Fortran-order big-endian arrays as row-major', async () => {
    const z = await readNpy(fixturePath('gen_z.npy'));
    expect(z.dtype).toBe('float32');
    expect(z.shape).toEqual([3, 64]);
    const ids = await readNpy(fixturePath('clip_text_ids.npy'));
    expect(ids.dtype).toBe('int64');
    expect(ids.shape).toEqual([5, 77]);
    const f = await readNpy(Uint8Array.from(Buffer.from(NPY_FORTRAN_BE, 'hex')));
    expect(f).toEqual({ dtype: 'int32', shape: [2, 3], data: Int32Array.from([0, 1, 2, 3, 4, 5]) });
  });

  it('opens lazily through openCheckpoint and reports truncation', async () => {
    const ckpt = await openCheckpoint(fixturePath('gen_w.npy'));
    expect(ckpt.format).toBe('npy');
    await ckpt.close();
    const bytes = encodeNpy(makeTensor('float32', [4, 4]));
    const path = join(dir, 'short.npy');
    writeFileSync(path, bytes.subarray(0, bytes.length - 1));
    await expect(readNpy(path)).rejects.toThrow(
      /^short\.npy: truncated: npy data needs 64 bytes at offset 128, file has 191 bytes$/,
    );
  });

  it('refuses unsupported dtypes by name', async () => {
    const bytes = Buffer.from(encodeNpy(makeTensor('float32', [1])))
      .toString('latin1')
      .replace("'<f4'", "'<U4'");
    await expect(readNpy(Buffer.from(bytes, 'latin1'))).rejects.toThrow(/npy dtype '<U4' is not supported/);
  });
});
