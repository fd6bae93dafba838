import {
  byteSwapInPlace,
  dataBytes,
  itemSize,
  NUMPY_CODES,
  viewData,
  type DType,
  lookupDType,
} from './dtype';
import { CheckpointError } from './errors';
import { MAX_NPY_HEADER_BYTES } from './limits';
import { lazyTensor, type LazyTensor } from './lazy';
import { writeChunks } from './file-write';
import { withSource, type ByteSource } from './source';
import { materialize } from './strided';
import { makeTensor, numel, type Tensor } from './tensor';

export const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

export interface NpyHeader {
  dtype: DType;
  shape: number[];
  fortran: boolean;
  bigEndian: boolean;
  /** Where the data starts (from the start of the npy bytes). */
  dataOffset: number;
  dataLength: number;
}

/** Reads `length` bytes at `offset` of one .npy (a file, or an npz member). */
export type RangeReader = (offset: number, length: number, what: string) => Promise<Uint8Array>;

/**
 * A numpy dtype descr / type code ("<f4", "|b1", "f8", …): the dtype and the byte-order character ("" when
 * the descr has none). Undefined for dtypes this package does not read (strings, objects, structured).
 */
export function parseNumpyDescr(descr: string): { dtype: DType; byteOrder: string } | undefined {
  const match = /^([<>|=]?)([a-zA-Z]\d*)$/.exec(descr);
  const dtype = match ? lookupDType(NUMPY_CODES, match[2]!) : undefined;
  return match && dtype ? { dtype, byteOrder: match[1]! } : undefined;
}

function parseHeaderText(
  text: string,
  fail: (m: string) => never,
): Omit<NpyHeader, 'dataOffset' | 'dataLength'> {
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]*)['"]/.exec(text)?.[1];
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(text)?.[1];
  const shapeText = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    fail(`npy header is not a plain {descr, fortran_order, shape} dict: ${text.trim()}`);
  }
  const parsed = parseNumpyDescr(descr);
  if (!parsed) fail(`npy dtype '${descr}' is not supported (numeric and bool dtypes only)`);
  const { dtype, byteOrder } = parsed;
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const n = Number(s.replace(/L$/, ''));
      if (!Number.isSafeInteger(n) || n < 0) fail(`npy shape (${shapeText}) is not a tuple of sizes`);
      return n;
    });
  return { dtype, shape, fortran: fortran === 'True', bigEndian: byteOrder === '>' };
}

export interface NpyReadOptions {
  /** The npz member being read, named in messages after the file. */
  member?: string;
  /** `size` must be exactly what the header says the array needs (a compressed npz member's declared size). */
  exactSize?: boolean;
}

/** Parses the header of an .npy of `size` bytes read through `read`. */
export async function readNpyHeader(
  read: RangeReader,
  size: number,
  name: string,
  options: NpyReadOptions = {},
): Promise<NpyHeader> {
  const fail: (message: string) => never = (m) => {
    throw new CheckpointError(name, options.member ? `${options.member}: ${m}` : m);
  };
  const pre = await read(0, Math.min(size, 12), 'npy preamble');
  if (pre.length < 10 || NPY_MAGIC.some((b, i) => pre[i] !== b))
    fail('not an npy file (no \\x93NUMPY magic)');
  const major = pre[6]!;
  const view = new DataView(pre.buffer, pre.byteOffset, pre.byteLength);
  let start = 10;
  let headerLength: number;
  if (major === 1) headerLength = view.getUint16(8, true);
  else if (major === 2 || major === 3) {
    if (pre.length < 12) fail('truncated npy preamble');
    headerLength = view.getUint32(8, true);
    start = 12;
  } else return fail(`npy format version ${major}.${pre[7]} is not supported`);
  if (headerLength > MAX_NPY_HEADER_BYTES) {
    fail(`npy header of ${headerLength} bytes is implausible (more than ${MAX_NPY_HEADER_BYTES})`);
  }
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(
    await read(start, headerLength, 'npy header'),
  );
  const parsed = parseHeaderText(text, fail);
  const dataOffset = start + headerLength;
  const dataLength = numel(parsed.shape) * itemSize(parsed.dtype);
  if (dataOffset + dataLength > size) {
    fail(`truncated: npy data needs ${dataLength} bytes at offset ${dataOffset}, file has ${size} bytes`);
  }
  if (options.exactSize && dataOffset + dataLength !== size) {
    fail(`the member declares ${size} bytes, its npy header says it needs ${dataOffset + dataLength}`);
  }
  return { ...parsed, dataOffset, dataLength };
}

/** Turns the raw data bytes (owned by the caller, may be modified) into a row-major tensor. */
export function decodeNpyData(
  header: Pick<NpyHeader, 'dtype' | 'shape' | 'fortran' | 'bigEndian'>,
  bytes: Uint8Array,
): Tensor {
  const { dtype, shape } = header;
  if (header.bigEndian) byteSwapInPlace(bytes, itemSize(dtype));
  if (!header.fortran) return makeTensor(dtype, shape, viewData(dtype, bytes));
  const strides: number[] = [];
  let s = 1;
  for (const d of shape) {
    strides.push(s);
    s *= d;
  }
  return makeTensor(dtype, shape, materialize(bytes, dtype, 0, shape, strides));
}

/** An .npy as a LazyTensor: the header is read now, the data on load(). */
export async function openNpy(
  read: RangeReader,
  size: number,
  name: string,
  source: string,
  options: NpyReadOptions = {},
): Promise<LazyTensor> {
  const header = await readNpyHeader(read, size, name, options);
  return lazyTensor(header.dtype, header.shape, source, async () =>
    decodeNpyData(header, await read(header.dataOffset, header.dataLength, 'npy data')),
  );
}

export function sourceReader(source: ByteSource): RangeReader {
  return (offset, length, what) => source.read(offset, length, what);
}

/** Reads an .npy file (or its bytes). Fortran-order and big-endian arrays come out row-major, little-endian. */
export async function readNpy(input: string | Uint8Array): Promise<Tensor> {
  return withSource(input, 'npy bytes', async (source) =>
    (await openNpy(sourceReader(source), source.size, source.name, source.name)).load(),
  );
}

function shapeLiteral(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** The .npy preamble and header for a tensor (format 1.0, or 2.0 for very long headers), padded to 64. */
export function encodeNpyHeader(tensor: Tensor): Uint8Array {
  if (tensor.dtype === 'bfloat16') {
    throw new Error('npy has no bfloat16 dtype; convert with toFloat32 (or write safetensors)');
  }
  const code = Object.keys(NUMPY_CODES).find((k) => NUMPY_CODES[k] === tensor.dtype)!;
  const order = itemSize(tensor.dtype) === 1 ? '|' : '<';
  const dict = `{'descr': '${order}${code}', 'fortran_order': False, 'shape': ${shapeLiteral(tensor.shape)}, }`;
  const v1 = dict.length + 11 <= 0xffff;
  const pre = v1 ? 10 : 12;
  const total = Math.ceil((pre + dict.length + 1) / 64) * 64;
  const text = dict.padEnd(total - pre - 1, ' ') + '\n';
  const out = new Uint8Array(total);
  out.set(NPY_MAGIC);
  out[6] = v1 ? 1 : 2;
  out[7] = 0;
  const view = new DataView(out.buffer);
  if (v1) view.setUint16(8, text.length, true);
  else view.setUint32(8, text.length, true);
  for (let i = 0; i < text.length; i++) out[pre + i] = text.charCodeAt(i);
  return out;
}

function checkTensor(tensor: Tensor): void {
  makeTensor(tensor.dtype, tensor.shape, tensor.data);
}

/** A whole .npy in memory. */
export function encodeNpy(tensor: Tensor): Uint8Array {
  checkTensor(tensor);
  const header = encodeNpyHeader(tensor);
  const out = new Uint8Array(header.length + tensor.data.byteLength);
  out.set(header);
  out.set(dataBytes(tensor.data), header.length);
  return out;
}

/** Writes an .npy file (header, then the data straight from the tensor's buffer). */
export async function writeNpy(path: string, tensor: Tensor): Promise<void> {
  checkTensor(tensor);
  await writeChunks(path, [encodeNpyHeader(tensor), dataBytes(tensor.data)]);
}
