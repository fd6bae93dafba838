import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath } from '@styleclip/testing';
import { describe, expect, it } from 'vitest';
import { stateDict } from './collect';
import { DTYPES, allocData } from './dtype';
import { loadTensors, openCheckpoint } from './open';
import { encodeSafetensors, readSafetensors, writeSafetensors } from './safetensors';
import { makeTensor, type Tensor } from './tensor';
import { testDir } from './test-helpers/temp-dir';

const dir = testDir('safetensors');

function sample(dtype: (typeof DTYPES)[number], i: number): Tensor {
  const t = makeTensor(dtype, [2, 3], allocData(dtype, 6));
  for (let k = 0; k < 6; k++) {
    if (dtype === 'int64') (t.data as BigInt64Array)[k] = BigInt(k * 1000 - i);
    else (t.data as Uint8Array)[k] = dtype === 'bool' ? k % 2 : k + i;
  }
  return t;
}

describe('safetensors', () => {
  it('round-trips every dtype with metadata', async () => {
    const tensors = new Map(DTYPES.map((d, i) => [`t.${d}`, sample(d, i)]));
    const path = join(dir, 'all.safetensors');
    await writeSafetensors(path, tensors, { format: 'pt' });
    const bytes = readFileSync(path);
    const n = Number(bytes.readBigUInt64LE(0));
    expect(n % 8).toBe(0);
    expect(JSON.parse(bytes.subarray(8, 8 + n).toString())['t.bfloat16'].dtype).toBe('BF16');
    expect(await readSafetensors(path)).toEqual(tensors);
    expect(await readSafetensors(await encodeSafetensors(tensors))).toEqual(tensors);
    const ckpt = await openCheckpoint(path);
    expect(ckpt.format).toBe('safetensors');
    expect(ckpt.metadata).toEqual({ format: 'pt' });
    await ckpt.close();
  });

  it('re-exports a torch checkpoint from lazy tensors, one at a time', async () => {
    const ckpt = await openCheckpoint(fixturePath('generator.pt'));
    const path = join(dir, 'generator.safetensors');
    await writeSafetensors(path, stateDict(ckpt.root));
    await ckpt.close();
    const original = await loadTensors(fixturePath('generator.pt'));
    const exported = await loadTensors(path);
    expect([...exported.keys()]).toEqual([...original.keys()]);
    for (const [k, t] of original) expect(exported.get(k), k).toEqual(t);
  });

  it('reports bad headers, inconsistent offsets and truncation', async () => {
    const good = await encodeSafetensors({ x: makeTensor('float32', [4]) });
    const file = (name: string, bytes: Uint8Array): string => {
      const p = join(dir, name);
      writeFileSync(p, bytes);
      return p;
    };
    await expect(openCheckpoint(file('cut.safetensors', good.subarray(0, good.length - 4)))).rejects.toThrow(
      /^cut\.safetensors: truncated: tensor x needs 16 bytes at offset \d+, file has \d+ bytes$/,
    );
    const wrong = Buffer.from(Buffer.from(good).toString('latin1').replace('[0,16]', '[0,12]'), 'latin1');
    await expect(openCheckpoint(file('wrong.safetensors', wrong))).rejects.toThrow(
      /tensor x: \[4\] float32 needs 16 bytes, data_offsets span 12/,
    );
    const notJson = Buffer.from(Buffer.from(good).toString('latin1').replace('"x"', '"x",'), 'latin1');
    await expect(openCheckpoint(file('json.safetensors', notJson))).rejects.toThrow(
      /corrupt safetensors header \(not JSON\)/,
    );
    const u16 = Buffer.from(Buffer.from(good).toString('latin1').replace('"F32"', '"U16"'), 'latin1');
    await expect(openCheckpoint(file('u16.safetensors', u16))).rejects.toThrow(
      /tensor x: safetensors dtype U16 is not supported/,
    );
  });
});

describe('safetensors detection', () => {
  it('is not mistaken for a pickle when the header length starts with 80 03', async () => {
    const tensors = { x: makeTensor('float32', [1], Float32Array.from([7])) };
    let note = '';
    let bytes = await encodeSafetensors(tensors, { note });
    while (Number(Buffer.from(bytes).readBigUInt64LE(0)) < 0x380) {
      note += 'x';
      bytes = await encodeSafetensors(tensors, { note });
    }
    expect([bytes[0], bytes[1]]).toEqual([0x80, 0x03]);
    const path = join(dir, 'pickle-like.safetensors');
    writeFileSync(path, bytes);
    const ckpt = await openCheckpoint(path);
    expect(ckpt.format).toBe('safetensors');
    await ckpt.close();
  });
});
