import { TORCH_DTYPE_NAMES, TORCH_STORAGE_DTYPES, type DType } from '../dtype';
import { isLazyTensor } from '../lazy';
import { rebuildTensor } from '../torch-tensor';
import { NUMPY_GLOBALS } from './numpy';
import { GlobalRef, latin1ToBytes, PickleObject, type CallContext, type GlobalSpec } from './values';

/** Maps a pickle global (module, name) to what it may do; undefined means "refuse". */
export type GlobalResolver = (module: string, name: string) => GlobalSpec | undefined;

/** A class whose instances are kept as opaque records (PickleObject): nothing of the class runs. */
function recordClass(module: string, name: string): GlobalSpec {
  return {
    call: (args) => new PickleObject(module, name, args),
    create: (args) => new PickleObject(module, name, args),
  };
}

function torchDTypeOf(value: unknown, ctx: CallContext): DType {
  const tag = value instanceof GlobalRef ? (value.spec.tag as { torchDType?: DType } | undefined) : undefined;
  if (!tag?.torchDType) ctx.fail(`expected a torch dtype, got ${String(value)}`);
  return tag.torchDType;
}

function tensorArg(value: unknown, ctx: CallContext): unknown {
  if (!isLazyTensor(value)) ctx.fail('parameter data is not a tensor');
  return value;
}

function mapFrom(args: readonly unknown[], ctx: CallContext): Map<unknown, unknown> {
  const map = new Map<unknown, unknown>();
  const items = args[0];
  if (items === undefined) return map;
  if (items instanceof Map) return new Map(items);
  if (!Array.isArray(items)) ctx.fail('OrderedDict argument is not a list of pairs');
  for (const pair of items) {
    if (!Array.isArray(pair) || pair.length !== 2) ctx.fail('OrderedDict argument is not a list of pairs');
    map.set(pair[0], pair[1]);
  }
  return map;
}

function setFrom(args: readonly unknown[], ctx: CallContext): Set<unknown> {
  const items = args[0] ?? [];
  if (!Array.isArray(items) && !(items instanceof Set)) ctx.fail('set argument is not a list');
  return new Set(items);
}

function latin1Bytes(text: unknown, encoding: unknown, ctx: CallContext): Uint8Array {
  if (typeof text !== 'string') ctx.fail('bytes from text: argument is not a string');
  if (encoding !== 'latin1' && encoding !== 'latin-1' && encoding !== 'iso-8859-1') {
    ctx.fail(`bytes from text with encoding ${String(encoding)} (only latin-1 is supported)`);
  }
  return latin1ToBytes(text, ctx, 'bytes from text: character outside latin-1');
}

const identity: GlobalSpec = { call: (args) => args[0] };

const FIXED = new Map<string, GlobalSpec>([
  ['torch._utils._rebuild_tensor', { call: (a, ctx) => rebuildTensor(ctx, a[0], a[1], a[2], a[3]) }],
  ['torch._utils._rebuild_tensor_v2', { call: (a, ctx) => rebuildTensor(ctx, a[0], a[1], a[2], a[3]) }],
  [
    'torch._utils._rebuild_tensor_v3',
    { call: (a, ctx) => rebuildTensor(ctx, a[0], a[1], a[2], a[3], torchDTypeOf(a[6], ctx)) },
  ],
  ['torch._utils._rebuild_parameter', { call: (a, ctx) => tensorArg(a[0], ctx) }],
  ['torch._utils._rebuild_parameter_with_state', { call: (a, ctx) => tensorArg(a[0], ctx) }],
  [
    'torch.device',
    {
      call: (a) => (a.length > 1 && a[1] !== null ? `${String(a[0])}:${String(a[1])}` : String(a[0])),
    },
  ],
  ['torch.Size', { call: (a) => Object.freeze(Array.isArray(a[0]) ? [...(a[0] as unknown[])] : []) }],
  ['collections.OrderedDict', { call: mapFrom, create: () => new Map() }],
  ['builtins.set', { call: setFrom, create: () => new Set() }],
  ['builtins.frozenset', { call: setFrom, create: () => new Set() }],
  [
    'builtins.bytearray',
    {
      call: (a, ctx) =>
        a[0] instanceof Uint8Array
          ? a[0].slice()
          : a.length
            ? latin1Bytes(a[0], a[1], ctx)
            : new Uint8Array(),
    },
  ],
  ['_codecs.encode', { call: (a, ctx) => latin1Bytes(a[0], a[1], ctx) }],
  ['argparse.Namespace', recordClass('argparse', 'Namespace')],
  // TorchScript's typed-container markers: identity on the data.
  ['torch.jit._pickle.restore_type_tag', identity],
  ['torch.jit._pickle.build_intlist', identity],
  ['torch.jit._pickle.build_floatlist', identity],
  ['torch.jit._pickle.build_boollist', identity],
  ['torch.jit._pickle.build_doublelist', identity],
  ['torch.jit._pickle.build_tensorlist', identity],
  ...NUMPY_GLOBALS,
]);

/**
 * The allow-list. Everything here builds plain data:
 * - torch tensor/parameter rebuilders (views of storages, loaded lazily), storage classes and dtypes as tags,
 *   `torch.device` (→ string), `torch.Size` (→ tuple);
 * - `collections.OrderedDict` (→ Map), `builtins.set/frozenset/bytearray`, `_codecs.encode` (latin-1 only);
 * - numpy array, dtype and scalar reconstruction (→ LazyTensor / number);
 * - `argparse.Namespace` and TorchScript classes (`__torch__.*`) as opaque PickleObject records.
 * Anything else is refused.
 */
export function resolveGlobal(module: string, name: string): GlobalSpec | undefined {
  const full = `${module}.${name}`;
  const fixed = FIXED.get(full);
  if (fixed) return fixed;
  if ((module === 'torch' || module === 'torch.cuda') && Object.hasOwn(TORCH_STORAGE_DTYPES, name)) {
    return { tag: { storageDType: TORCH_STORAGE_DTYPES[name] } };
  }
  if (module === 'torch' && Object.hasOwn(TORCH_DTYPE_NAMES, name)) {
    return { tag: { torchDType: TORCH_DTYPE_NAMES[name] } };
  }
  if (module === '__torch__' || module.startsWith('__torch__.')) return recordClass(module, name);
  return undefined;
}

/**
 * The allow-list plus extra classes to keep as opaque records ("module.name", or "module.*" for a whole
 * module). A record holds its arguments and BUILD state; no code of the class runs.
 */
export function allowListWith(opaqueGlobals: Iterable<string> = []): GlobalResolver {
  const extra = new Set(opaqueGlobals);
  if (extra.size === 0) return resolveGlobal;
  return (module, name) =>
    resolveGlobal(module, name) ??
    (extra.has(`${module}.${name}`) || extra.has(`${module}.*`) ? recordClass(module, name) : undefined);
}
