import { deflateRawSync } from 'node:zlib';
import { crc32 } from './crc32';

export interface ZipInput {
  name: string;
  data: Uint8Array;
  /** Deflate this entry (default: stored). */
  deflate?: boolean;
}

/** An entry given already deflated, with the sizes its headers declare (tests build hostile archives). */
export interface DeflatedZipInput {
  name: string;
  deflated: Uint8Array;
  /** The uncompressed size the headers declare (not checked against `deflated`). */
  size: number;
  crc: number;
}

function entryBody(input: ZipInput | DeflatedZipInput): {
  body: Uint8Array;
  size: number;
  crc: number;
  deflate: boolean;
} {
  if ('deflated' in input) return { body: input.deflated, size: input.size, crc: input.crc, deflate: true };
  return {
    body: input.deflate ? new Uint8Array(deflateRawSync(input.data)) : input.data,
    size: input.data.length,
    crc: crc32(input.data),
    deflate: input.deflate ?? false,
  };
}

export interface ZipWriteOptions {
  /** Pad each local header's extra field so entry data starts at a multiple of this (torch uses 64). */
  align?: number;
  /** Write zip64 records even when nothing needs them. */
  zip64?: boolean;
}

const LIMIT = 0xffffffff;
const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01, so archives are reproducible

class Chunk {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  private p = 0;
  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }
  u16(v: number): this {
    this.view.setUint16(this.p, v, true);
    this.p += 2;
    return this;
  }
  u32(v: number): this {
    this.view.setUint32(this.p, v >>> 0, true);
    this.p += 4;
    return this;
  }
  u64(v: number): this {
    this.view.setBigUint64(this.p, BigInt(v), true);
    this.p += 8;
    return this;
  }
  raw(b: Uint8Array): this {
    this.bytes.set(b, this.p);
    this.p += b.length;
    return this;
  }
}

/** The nine fields local and central headers share, in order: version needed … file name length (24 bytes). */
interface CommonFields {
  big: boolean;
  deflate: boolean;
  crc: number;
  compressed: number;
  uncompressed: number;
  nameLength: number;
}

function writeCommon(c: Chunk, f: CommonFields): Chunk {
  return c
    .u16(f.big ? 45 : 20)
    .u16(0x0800)
    .u16(f.deflate ? 8 : 0)
    .u16(0)
    .u16(DOS_DATE)
    .u32(f.crc)
    .u32(f.big ? LIMIT : f.compressed)
    .u32(f.big ? LIMIT : f.uncompressed)
    .u16(f.nameLength);
}

/**
 * A zip archive as a list of chunks (write them in order, or concatenate). Entries are stored unless
 * `deflate` is set; zip64 records are written when sizes or offsets need them (or when forced).
 */
export function zipChunks(
  inputs: readonly (ZipInput | DeflatedZipInput)[],
  options: ZipWriteOptions = {},
): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  const encoder = new TextEncoder();
  let offset = 0;
  let forceZip64 = options.zip64 ?? false;
  for (const input of inputs) {
    const name = encoder.encode(input.name);
    const { body, size, crc, deflate } = entryBody(input);
    const big = forceZip64 || size >= LIMIT || body.length >= LIMIT || offset >= LIMIT;
    forceZip64 ||= big;
    const zip64Local = big ? 20 : 0;
    let pad = 0;
    if (options.align) {
      const start = offset + 30 + name.length + zip64Local + 4;
      pad = (options.align - (start % options.align)) % options.align;
    }
    const common: CommonFields = {
      big,
      deflate,
      crc,
      compressed: body.length,
      uncompressed: size,
      nameLength: name.length,
    };
    const local = new Chunk(30 + name.length + zip64Local + (options.align ? 4 + pad : 0));
    writeCommon(local.u32(0x04034b50), common)
      .u16(zip64Local + (options.align ? 4 + pad : 0))
      .raw(name);
    if (big) local.u16(1).u16(16).u64(size).u64(body.length);
    if (options.align) local.u16(0x4246).u16(pad);
    chunks.push(local.bytes, body);
    const entry = new Chunk(46 + name.length + (big ? 28 : 0));
    writeCommon(entry.u32(0x02014b50).u16(big ? 45 : 20), common)
      .u16(big ? 28 : 0)
      .u16(0)
      .u16(0)
      .u16(0)
      .u32(0)
      .u32(big ? LIMIT : offset)
      .raw(name);
    if (big) entry.u16(1).u16(24).u64(size).u64(body.length).u64(offset);
    central.push(entry.bytes);
    offset += local.bytes.length + body.length;
  }
  const directorySize = central.reduce((s, c) => s + c.length, 0);
  const directoryOffset = offset;
  chunks.push(...central);
  const zip64 = forceZip64 || directoryOffset + directorySize >= LIMIT || inputs.length >= 0xffff;
  if (zip64) {
    const record = new Chunk(56 + 20);
    record
      .u32(0x06064b50)
      .u64(44)
      .u16(45)
      .u16(45)
      .u32(0)
      .u32(0)
      .u64(inputs.length)
      .u64(inputs.length)
      .u64(directorySize)
      .u64(directoryOffset);
    record
      .u32(0x07064b50)
      .u32(0)
      .u64(directoryOffset + directorySize)
      .u32(1);
    chunks.push(record.bytes);
  }
  const end = new Chunk(22);
  end
    .u32(0x06054b50)
    .u16(0)
    .u16(0)
    .u16(zip64 ? 0xffff : inputs.length)
    .u16(zip64 ? 0xffff : inputs.length)
    .u32(zip64 ? LIMIT : directorySize)
    .u32(zip64 ? LIMIT : directoryOffset)
    .u16(0);
  chunks.push(end.bytes);
  return chunks;
}

export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((s, c) => s + c.length, 0));
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}

/** A whole zip archive in memory. */
export function encodeZip(
  inputs: readonly (ZipInput | DeflatedZipInput)[],
  options?: ZipWriteOptions,
): Uint8Array {
  return concatBytes(zipChunks(inputs, options));
}
