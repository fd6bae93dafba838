import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckpointError } from '../errors';
import { openCheckpoint } from '../open';
import { PickleWriter } from '../test-helpers/pickle-writer';
import { torchLegacy } from '../test-helpers/torch-files';
import { encodeZip } from '../zip-write';
import { allowListWith } from './allowlist';
import { OP } from './opcodes';
import { unpickle } from './unpickler';
import { PickleObject } from './values';
import { testDir } from '../test-helpers/temp-dir';

const dir = testDir('allowlist');
const marker = join(dir, 'pwned');
const shell = `touch ${marker}`;
const js = 'globalThis.__pwned = 1';

/** `module.name(arg)` with GLOBAL (protocol 2) or STACK_GLOBAL (protocol 4), then REDUCE. */
function attack(module: string, name: string, arg: string, form: 'GLOBAL' | 'STACK_GLOBAL'): Uint8Array {
  const w = new PickleWriter().proto(form === 'GLOBAL' ? 2 : 4);
  if (form === 'GLOBAL') w.global(module, name);
  else w.stackGlobal(module, name);
  return w.str(arg).op(OP.TUPLE1, OP.REDUCE).stop();
}

const ATTACKS: [string, string, string][] = [
  ['os', 'system', shell],
  ['posix', 'system', shell],
  ['nt', 'system', shell],
  ['subprocess', 'Popen', shell],
  ['subprocess', 'check_output', shell],
  ['builtins', 'eval', js],
  ['builtins', 'exec', js],
  ['__builtin__', 'eval', js],
  ['builtins', 'getattr', 'x'],
  ['builtins', '__import__', 'os'],
  ['importlib', 'import_module', 'os'],
  ['torch.storage', '_load_from_bytes', 'x'],
  ['torch', 'load', 'x'],
  ['numpy', 'load', 'x'],
  ['pickle', 'loads', 'x'],
];

function expectNothingRan(): void {
  expect(existsSync(marker)).toBe(false);
  expect((globalThis as Record<string, unknown>)['__pwned']).toBeUndefined();
}

describe('allow-list: hostile globals are refused, nothing runs', () => {
  for (const form of ['GLOBAL', 'STACK_GLOBAL'] as const) {
    for (const [module, name, arg] of ATTACKS) {
      it(`refuses ${module}.${name} via ${form}`, () => {
        const bytes = attack(module, name, arg, form);
        const run = (): unknown => unpickle(bytes, { file: '/models/evil.pt', entry: 'archive/data.pkl' });
        expect(run).toThrow(CheckpointError);
        const shown = module === '__builtin__' ? 'builtins' : module;
        expect(run).toThrow(
          `evil.pt: archive/data.pkl: refusing global ${shown}.${name}: not on the allow-list`,
        );
        expectNothingRan();
      });
    }
  }

  it('refuses at the GLOBAL itself, before any REDUCE', () => {
    const bytes = new PickleWriter().proto(2).global('os', 'system').op(OP.POP).none().stop();
    expect(() => unpickle(bytes, { file: 'x.pkl' })).toThrow(/refusing global os\.system/);
  });

  it('refuses hostile globals inside every container format, naming the file', async () => {
    const zipFile = join(dir, 'evil.pt');
    const pickle = attack('os', 'system', shell, 'GLOBAL');
    writeFileSync(zipFile, encodeZip([{ name: 'evil/data.pkl', data: pickle }]));
    await expect(openCheckpoint(zipFile)).rejects.toThrow(
      /^evil\.pt: evil\/data\.pkl: refusing global os\.system/,
    );

    const legacyFile = join(dir, 'evil_legacy.pt');
    const good = torchLegacy(null, {});
    const cut =
      good.length - new PickleWriter().proto(2).op(OP.EMPTY_LIST).mark().op(OP.APPENDS).stop().length;
    const header = good.subarray(0, cut - new PickleWriter().proto(2).none().stop().length);
    writeFileSync(legacyFile, Buffer.concat([header, attack('subprocess', 'Popen', shell, 'STACK_GLOBAL')]));
    await expect(openCheckpoint(legacyFile)).rejects.toThrow(
      /^evil_legacy\.pt: object pickle: refusing global subprocess\.Popen/,
    );

    const plainFile = join(dir, 'evil.pkl');
    writeFileSync(plainFile, attack('builtins', 'eval', js, 'STACK_GLOBAL'));
    await expect(openCheckpoint(plainFile)).rejects.toThrow(/^evil\.pkl: refusing global builtins\.eval/);
    expectNothingRan();
  });
});

describe('allow-list: data-only records', () => {
  it('reads argparse.Namespace and __torch__ classes as opaque records', () => {
    const w = new PickleWriter().proto(2).op(OP.EMPTY_LIST).mark();
    w.global('argparse', 'Namespace')
      .op(OP.EMPTY_TUPLE, OP.NEWOBJ)
      .op(OP.EMPTY_DICT)
      .str('lr')
      .float(0.1)
      .op(OP.SETITEM, OP.BUILD);
    w.global('__torch__.model', 'Net')
      .op(OP.EMPTY_TUPLE, OP.NEWOBJ)
      .op(OP.EMPTY_DICT)
      .str('training')
      .bool(false);
    w.op(OP.SETITEM, OP.BUILD).op(OP.APPENDS);
    const [ns, net] = unpickle(w.stop(), { file: 'x' }).value as PickleObject[];
    expect(ns).toBeInstanceOf(PickleObject);
    expect(ns!.className).toBe('argparse.Namespace');
    expect(ns!.attributes.get('lr')).toBe(0.1);
    expect(net!.className).toBe('__torch__.model.Net');
    expect(net!.attributes.get('training')).toBe(false);
  });

  it('accepts extra classes as records only when asked (opaqueGlobals)', () => {
    const bytes = new PickleWriter()
      .proto(2)
      .global('myproj.opts', 'Options')
      .op(OP.EMPTY_TUPLE, OP.REDUCE)
      .stop();
    expect(() => unpickle(bytes, { file: 'x' })).toThrow(/refusing global myproj\.opts\.Options/);
    const value = unpickle(bytes, { file: 'x', globals: allowListWith(['myproj.opts.*']) }).value;
    expect(value).toBeInstanceOf(PickleObject);
    expect((value as PickleObject).className).toBe('myproj.opts.Options');
  });

  it('maps torch.device, torch.Size, OrderedDict pairs and _codecs.encode to plain values', () => {
    const w = new PickleWriter().proto(2).mark();
    w.global('torch', 'device').str('cuda').int(0).op(OP.TUPLE2, OP.REDUCE);
    w.global('torch', 'Size').op(OP.EMPTY_LIST).int(3).op(OP.APPEND, OP.TUPLE1, OP.REDUCE);
    w.global('collections', 'OrderedDict')
      .op(OP.EMPTY_LIST)
      .str('a')
      .int(1)
      .op(OP.TUPLE2, OP.APPEND, OP.TUPLE1, OP.REDUCE);
    w.global('_codecs', 'encode').str('\u00ff').str('latin1').op(OP.TUPLE2, OP.REDUCE);
    const v = unpickle(w.tuple().stop(), { file: 'x' }).value;
    expect(v).toEqual(['cuda:0', [3], new Map([['a', 1]]), Uint8Array.from([255])]);
    const utf8 = new PickleWriter()
      .proto(2)
      .global('_codecs', 'encode')
      .str('x')
      .str('utf-8')
      .op(OP.TUPLE2, OP.REDUCE)
      .stop();
    expect(() => unpickle(utf8, { file: 'x' })).toThrow(/only latin-1/);
  });
});
