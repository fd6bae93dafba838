/** One field of a protobuf message as stored: its number, wire type, value, and the raw bytes (tag included). */
export interface ProtoField {
  field: number;
  wire: 0 | 1 | 2 | 5;
  /** Varints as bigint; fixed64/fixed32 and length-delimited values as views onto the buffer. */
  value: bigint | Uint8Array;
  /** The whole field (tag, length and payload) as a view, for copying it unchanged. */
  raw: Uint8Array;
}

/**
 * The top-level fields of one protobuf message, in order, as views onto `buf` (nothing is copied, so a model
 * of hundreds of MB costs no extra memory). Throws on truncated or malformed input, naming the offset.
 */
export function readProtoFields(buf: Uint8Array): ProtoField[] {
  const out: ProtoField[] = [];
  let pos = 0;
  const varint = (): bigint => {
    let v = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (pos >= buf.length) throw new Error(`protobuf: truncated varint at byte ${pos}`);
      const b = buf[pos++]!;
      v |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return v;
      shift += 7n;
    }
    throw new Error(`protobuf: varint longer than 10 bytes at byte ${pos}`);
  };
  const take = (n: number): Uint8Array => {
    if (n < 0 || pos + n > buf.length)
      throw new Error(`protobuf: field of ${n} bytes at byte ${pos} runs past the end (${buf.length})`);
    const v = buf.subarray(pos, pos + n);
    pos += n;
    return v;
  };
  while (pos < buf.length) {
    const start = pos;
    const key = Number(varint());
    const field = key >>> 3;
    const wire = key & 7;
    let value: bigint | Uint8Array;
    if (wire === 0) value = varint();
    else if (wire === 1) value = take(8);
    else if (wire === 2) value = take(Number(varint()));
    else if (wire === 5) value = take(4);
    else throw new Error(`protobuf: unsupported wire type ${wire} (field ${field}) at byte ${start}`);
    out.push({ field, wire, value, raw: buf.subarray(start, pos) });
  }
  return out;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A length-delimited field as a string. */
export function fieldString(f: ProtoField): string {
  if (!(f.value instanceof Uint8Array)) throw new Error(`protobuf: field ${f.field} is not length-delimited`);
  return utf8.decode(f.value);
}

/** A length-delimited field as an embedded message's bytes. */
export function fieldBytes(f: ProtoField): Uint8Array {
  if (!(f.value instanceof Uint8Array)) throw new Error(`protobuf: field ${f.field} is not length-delimited`);
  return f.value;
}
