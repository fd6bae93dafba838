const utf8 = new TextEncoder();

/**
 * A minimal protobuf encoder that never copies large payloads: a message is a list of chunks (small
 * headers plus views onto the caller's typed arrays), concatenated once at the very end.
 */
export class ProtoWriter {
  readonly chunks: Uint8Array[] = [];
  length = 0;
  private scratch: number[] = [];

  private flushScratch(): void {
    if (this.scratch.length === 0) return;
    this.chunks.push(Uint8Array.from(this.scratch));
    this.length += this.scratch.length;
    this.scratch = [];
  }

  private varint(value: number | bigint): void {
    let v = BigInt.asUintN(64, BigInt(value));
    if (v < 0x80n) {
      this.scratch.push(Number(v));
      return;
    }
    while (v >= 0x80n) {
      this.scratch.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.scratch.push(Number(v));
  }

  private tag(field: number, wire: 0 | 1 | 2 | 5): void {
    this.varint((field << 3) | wire);
  }

  int(field: number, value: number | bigint): this {
    this.tag(field, 0);
    this.varint(value);
    return this;
  }

  float(field: number, value: number): this {
    this.tag(field, 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.scratch.push(...b);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, utf8.encode(value));
  }

  /** Length-delimited bytes; large payloads are referenced, not copied. */
  bytes(field: number, value: Uint8Array): this {
    this.tag(field, 2);
    this.varint(value.length);
    if (value.length < 64) this.scratch.push(...value);
    else {
      this.flushScratch();
      this.chunks.push(value);
      this.length += value.length;
    }
    return this;
  }

  /** Appends an already-encoded field (tag, length and payload) unchanged; large ones are referenced. */
  raw(field: Uint8Array): this {
    this.flushScratch();
    this.chunks.push(field);
    this.length += field.length;
    return this;
  }

  message(field: number, sub: ProtoWriter): this {
    sub.flushScratch();
    this.tag(field, 2);
    this.varint(sub.length);
    this.flushScratch();
    this.chunks.push(...sub.chunks);
    this.length += sub.length;
    return this;
  }

  packedInts(field: number, values: readonly (number | bigint)[]): this {
    const sub = new ProtoWriter();
    for (const v of values) sub.varint(v);
    return this.message(field, sub);
  }

  packedFloats(field: number, values: readonly number[]): this {
    const b = new Uint8Array(values.length * 4);
    const dv = new DataView(b.buffer);
    values.forEach((v, i) => dv.setFloat32(i * 4, v, true));
    return this.bytes(field, b);
  }

  /** Concatenates all chunks into one buffer. */
  finish(): Uint8Array {
    this.flushScratch();
    const out = new Uint8Array(this.length);
    let off = 0;
    for (const c of this.chunks) {
      out.set(c, off);
      off += c.length;
    }
    return out;
  }

  /** The chunks, for streaming to a file without building one buffer. */
  parts(): Uint8Array[] {
    this.flushScratch();
    return this.chunks;
  }
}
