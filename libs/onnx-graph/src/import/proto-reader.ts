import { GraphBuildError } from '../errors';

/** One protobuf field: its number, wire type and value (a varint as bigint, or the bytes of the field). */
export interface ProtoField {
  field: number;
  wire: 0 | 1 | 2 | 5;
  /** Wire 0: the varint. */
  varint: bigint;
  /** Wire 1, 2, 5: the field's bytes (a view, no copy). */
  bytes: Uint8Array;
  /** The whole field as stored (tag, length and payload; a view), for copying it unchanged. */
  raw: Uint8Array;
}

const EMPTY = new Uint8Array(0);

/** Every top-level field of one protobuf message, in order (views onto `bytes`; `what` names it in errors). */
export const protoFields = (bytes: Uint8Array, what: string): ProtoField[] => [
  ...new ProtoReader(bytes, what).fields(),
];

/**
 * A minimal protobuf decoder over one buffer: every length is checked against the bytes actually there, so a
 * truncated or hostile file fails with an error instead of reading past its end. Payloads are views.
 */
export class ProtoReader {
  private p = 0;

  constructor(
    private readonly buf: Uint8Array,
    private readonly what: string,
  ) {}

  private fail(message: string): never {
    throw new GraphBuildError(`ONNX ${this.what}: ${message} (byte ${this.p})`);
  }

  private varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.p >= this.buf.length) this.fail('truncated varint');
      const b = this.buf[this.p++]!;
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return result;
      shift += 7n;
    }
    return this.fail('varint longer than 10 bytes');
  }

  private take(n: number): Uint8Array {
    if (n < 0 || this.p + n > this.buf.length)
      this.fail(`field of ${n} bytes runs past the end (${this.buf.length})`);
    const out = this.buf.subarray(this.p, this.p + n);
    this.p += n;
    return out;
  }

  /** The varints of a packed payload. */
  *varints(): Generator<bigint> {
    while (this.p < this.buf.length) yield this.varint();
  }

  /** Every field of the message, in order. */
  *fields(): Generator<ProtoField> {
    while (this.p < this.buf.length) {
      const start = this.p;
      const raw = () => this.buf.subarray(start, this.p);
      const key = Number(this.varint());
      const field = key >>> 3;
      const wire = key & 7;
      if (field === 0) this.fail('field number 0');
      if (wire === 0) {
        const varint = this.varint();
        yield { field, wire, varint, bytes: EMPTY, raw: raw() };
      } else if (wire === 1 || wire === 5) {
        const bytes = this.take(wire === 1 ? 8 : 4);
        yield { field, wire, varint: 0n, bytes, raw: raw() };
      } else if (wire === 2) {
        const n = this.varint();
        if (n > BigInt(this.buf.length)) this.fail(`length ${n} larger than the message`);
        const bytes = this.take(Number(n));
        yield { field, wire, varint: 0n, bytes, raw: raw() };
      } else this.fail(`unsupported wire type ${wire}`);
    }
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

export const fieldString = (f: ProtoField): string => utf8.decode(f.bytes);

/** A signed int64 varint as a JS number (exact up to 2^53). */
export const fieldInt = (f: ProtoField): number => Number(BigInt.asIntN(64, f.varint));

/** A repeated int64 field: packed (wire 2) or one value per field (wire 0). */
export function pushInts(out: number[], f: ProtoField, what: string): void {
  if (f.wire === 0) {
    out.push(fieldInt(f));
    return;
  }
  for (const v of new ProtoReader(f.bytes, what).varints()) out.push(Number(BigInt.asIntN(64, v)));
}

/** A repeated float field: packed (wire 2) or one value per field (wire 5). */
export function pushFloats(out: number[], f: ProtoField): void {
  const view = new DataView(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength);
  for (let i = 0; i + 4 <= f.bytes.byteLength; i += 4) out.push(view.getFloat32(i, true));
}
