import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDir } from '@styleclip/testing';
import { stateDict } from './collect';
import { openCheckpoint } from './open';
import { OP } from './pickle/opcodes';
import { PyFloat, PyTuple, torchTensor, WRITER_OPCODES, type PickleValue } from './pickle/writer';
import { encodeTorchSave, writeTorchSave } from './torch-save';
import { readZipEntries } from './test-helpers/zip-entries';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'torch-save-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const weight = Float32Array.from({ length: 12 }, (_, i) => (i - 5) * 0.25);
const bias = Float32Array.of(1.5, -2, 3e-8);
const value: PickleValue = {
  state_dict: {
    'mapper.course_mapping.mapping.1.weight': torchTensor([3, 4], weight),
    'mapper.course_mapping.mapping.1.bias': torchTensor([3], bias),
  },
  opts: {
    learning_rate: 0.5,
    clip_lambda: new PyFloat(1),
    batch_size: 2,
    big: 2 ** 40,
    negative: -70000,
    no_fine_mapper: true,
    checkpoint_path: null,
    description: 'mohawk hairstyle — ünïcode',
    pair: new PyTuple([1, 'a', [2, 3], new PyTuple([])]),
  },
};

/** Walks a pickle written by the writer: its opcodes and globals (fails on anything the writer never emits). */
function opcodes(p: Uint8Array): { ops: number[]; globals: string[] } {
  const globals: string[] = [];
  const args: Record<number, (at: number) => number> = {
    [OP.PROTO]: () => 1,
    [OP.BININT1]: () => 1,
    [OP.BININT2]: () => 2,
    [OP.BININT]: () => 4,
    [OP.LONG1]: (at) => 1 + p[at]!,
    [OP.BINFLOAT]: () => 8,
    [OP.BINUNICODE]: (at) => 4 + new DataView(p.buffer, p.byteOffset + at, 4).getUint32(0, true),
    [OP.GLOBAL]: (at) => {
      let k = at;
      for (let lines = 0; lines < 2; k++) if (p[k] === 0x0a) lines++;
      return k - at;
    },
  };
  const out: number[] = [];
  for (let i = 0; i < p.length;) {
    const op = p[i++]!;
    if (!WRITER_OPCODES.includes(op)) throw new Error(`unexpected opcode 0x${op.toString(16)} at ${i - 1}`);
    out.push(op);
    const n = args[op]?.(i) ?? 0;
    if (op === OP.GLOBAL) globals.push(new TextDecoder().decode(p.subarray(i, i + n - 1)).replace('\n', '.'));
    i += n;
  }
  return { ops: out, globals };
}

describe('torch.save writer', () => {
  it('reads back through this library’s reader with the same values', async () => {
    const path = join(tmp, 'mapper.pt');
    await writeTorchSave(path, value, { archiveName: 'mapper' });
    const ckpt = await openCheckpoint(path);
    try {
      expect(ckpt.format).toBe('torch-zip');
      const sd = stateDict(ckpt.root, 'state_dict');
      const w = await sd.get('mapper.course_mapping.mapping.1.weight')!.load();
      expect(w.shape).toEqual([3, 4]);
      expect(Array.from(w.data as Float32Array)).toEqual(Array.from(weight));
      expect(
        Array.from((await sd.get('mapper.course_mapping.mapping.1.bias')!.load()).data as Float32Array),
      ).toEqual(Array.from(bias));
      const opts = (ckpt.root as Map<string, unknown>).get('opts') as Map<string, unknown>;
      expect(Object.fromEntries(opts)).toMatchObject({
        learning_rate: 0.5,
        clip_lambda: 1,
        batch_size: 2,
        big: 2 ** 40,
        negative: -70000,
        no_fine_mapper: true,
        checkpoint_path: null,
        description: 'mohawk hairstyle — ünïcode',
      });
      expect(opts.get('pair')).toEqual([1, 'a', [2, 3], []]);
    } finally {
      await ckpt.close();
    }
  });

  it('emits only plain-data opcodes and the three globals torch needs for tensors', () => {
    const bytes = encodeTorchSave(value);
    const pkl = readZipEntries(bytes).get('archive/data.pkl')!;
    const { ops, globals } = opcodes(pkl);
    expect(ops[0]).toBe(OP.PROTO);
    expect(ops[ops.length - 1]).toBe(OP.STOP);
    expect(new Set(globals)).toEqual(
      new Set(['torch._utils._rebuild_tensor_v2', 'torch.FloatStorage', 'collections.OrderedDict']),
    );
  });

  it('lays out entries as torch 1.13 does: data.pkl, data/<key> aligned to 64 bytes, version', () => {
    const entries = readZipEntries(encodeTorchSave(value, { archiveName: 'm' }));
    expect([...entries.keys()]).toEqual(['m/data.pkl', 'm/data/0', 'm/data/1', 'm/version']);
    expect(new TextDecoder().decode(entries.get('m/version'))).toBe('3\n');
    expect(entries.get('m/data/0')!.byteOffset % 64).toBe(0);
  });

  it('refuses what is not plain data', () => {
    expect(() => encodeTorchSave({ f: (() => 1) as never })).toThrow(/not plain data/);
    expect(() => encodeTorchSave({ d: new Date() as never })).toThrow(/not plain data/);
    const loop: Record<string, PickleValue> = {};
    loop['self'] = loop;
    expect(() => encodeTorchSave(loop)).toThrow(/refers to itself/);
    expect(() => torchTensor([2, 2], new Float32Array(3))).toThrow(/3 values/);
    expect(() => encodeTorchSave({}, { archiveName: '../x' })).toThrow(/archive name/);
  });

  // Maintainer cross-check with PyTorch itself (Debian python3-torch), when it is installed.
  const python = '/usr/bin/python3';
  const hasTorch =
    existsSync(python) &&
    (() => {
      try {
        execFileSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    })();
  it.skipIf(!hasTorch)(
    'torch.load reads it with the same values; weights_only accepts its globals',
    async () => {
      const path = join(tmp, 'for-torch.pt');
      await writeTorchSave(path, value, { archiveName: 'for-torch' });
      const tensorsOnly = join(tmp, 'tensors-only.pt');
      await writeTorchSave(tensorsOnly, {
        state_dict: (value as { state_dict: PickleValue }).state_dict,
        n: 3,
        name: 'x',
      });
      const script = [
        'import sys, json, torch',
        'd = torch.load(sys.argv[1])',
        // torch 1.13's weights-only unpickler has no BINFLOAT (official mapper checkpoints fail it too), so
        // the safe-globals check runs on the tensors alone.
        'torch.load(sys.argv[2], weights_only=True)',
        'sd = d["state_dict"]',
        'w = sd["mapper.course_mapping.mapping.1.weight"]; b = sd["mapper.course_mapping.mapping.1.bias"]',
        'o = d["opts"]',
        'print(json.dumps({"w": w.flatten().tolist(), "ws": list(w.shape), "wdtype": str(w.dtype), "b": b.tolist(), "lr": o["learning_rate"], "cl": [o["clip_lambda"], type(o["clip_lambda"]).__name__], "bs": [o["batch_size"], type(o["batch_size"]).__name__], "big": o["big"], "neg": o["negative"], "desc": o["description"], "pair": repr(o["pair"]), "none": o["checkpoint_path"]}))',
      ].join('\n');
      const out = JSON.parse(
        execFileSync(python, ['-c', script, path, tensorsOnly], { encoding: 'utf8' }),
      ) as Record<string, unknown>;
      expect(out).toEqual({
        w: Array.from(weight),
        ws: [3, 4],
        wdtype: 'torch.float32',
        b: Array.from(bias),
        lr: 0.5,
        cl: [1, 'float'],
        bs: [2, 'int'],
        big: 2 ** 40,
        neg: -70000,
        desc: 'mohawk hairstyle — ünïcode',
        pair: "(1, 'a', [2, 3], ())",
        none: null,
      });
    },
  );

  it('re-saves an official mapper checkpoint that reads back identically', async () => {
    const official = join(
      sharedDir(),
      'fixtures',
      'parity-v2',
      'mapper-training',
      'ranger',
      'mapper_final.pt',
    );
    const src = await openCheckpoint(official);
    const tensors: Record<string, PickleValue> = {};
    try {
      for (const [k, lazy] of stateDict(src.root, 'state_dict')) {
        const t = await lazy.load();
        tensors[k] = torchTensor(t.shape, t.data as Float32Array);
      }
    } finally {
      await src.close();
    }
    const path = join(tmp, 'resaved.pt');
    await writeTorchSave(path, { state_dict: tensors, opts: { description: 'mohawk hairstyle' } });
    const back = await openCheckpoint(path);
    try {
      const sd = stateDict(back.root, 'state_dict');
      expect([...sd.keys()]).toEqual(Object.keys(tensors));
      for (const [k, lazy] of sd) {
        expect(Array.from((await lazy.load()).data as Float32Array), k).toEqual(
          Array.from((tensors[k] as { data: Float32Array }).data),
        );
      }
    } finally {
      await back.close();
    }
  });
});
