import { FaceModelError } from '../errors';

/**
 * Reads dlib's portable serialization (dlib/serialize.h) from bytes, with every size checked against what is
 * left before anything is allocated. Integers: a control byte (bit 7: negative, low 4 bits: byte count) then
 * that many little-endian bytes. Floats: `float_details` (an int64 mantissa and an int16 exponent, value
 * mantissa·2^exponent). Errors name the file and the field being read.
 */
export class DlibReader {
  private pos = 0;

  constructor(
    private readonly bytes: Uint8Array,
    /** Names the source in errors (a path, or "dlib's embedded frontal face detector"). */
    readonly source: string,
  ) {}

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  fail(field: string, why: string): never {
    throw new FaceModelError('malformed', `${this.source}: ${field}: ${why} (at byte ${this.pos})`);
  }

  private byte(field: string): number {
    if (this.pos >= this.bytes.length) this.fail(field, 'unexpected end of file (truncated?)');
    return this.bytes[this.pos++]!;
  }

  /** Magnitude of `size` little-endian bytes; beyond 2^53 only where the caller allows it. */
  private magnitude(field: string, size: number): number {
    if (this.remaining < size) this.fail(field, 'unexpected end of file (truncated?)');
    let v = 0;
    for (let i = size - 1; i >= 0; i--) v = v * 256 + this.bytes[this.pos + i]!;
    this.pos += size;
    return v;
  }

  /** An unsigned integer of a C++ type `bytes` wide (`unsigned long`: 8). */
  uint(field: string, bytes = 8): number {
    const control = this.byte(field) & 0x8f; // dlib masks the 3 reserved bits
    if (control === 0 || control > bytes)
      this.fail(field, `bad unsigned integer control byte 0x${control.toString(16)}`);
    const v = this.magnitude(field, control);
    if (!Number.isSafeInteger(v)) this.fail(field, `integer ${v} is too large`);
    return v;
  }

  /** A signed integer of a C++ type `bytes` wide (`int`: 4, `long`: 8). */
  int(field: string, bytes = 4): number {
    const control = this.byte(field);
    const size = control & 0x0f;
    if (size === 0 || size > bytes) this.fail(field, `bad integer control byte 0x${control.toString(16)}`);
    const v = this.magnitude(field, size);
    if (!Number.isSafeInteger(v)) this.fail(field, `integer ${v} is too large`);
    return control & 0x80 ? -v : v;
  }

  /** The version number a dlib object starts with; a file that does not even have one is not that object. */
  leadingVersion(object: string, what: string): number {
    try {
      return this.int(`${object} version`);
    } catch {
      throw new FaceModelError(
        'malformed',
        `${this.source}: not ${what} (no ${object} version at its start)`,
      );
    }
  }

  /** A count of elements, each taking at least `minBytesEach` bytes, so it cannot exceed what is left. */
  count(field: string, max: number, minBytesEach: number, bytes = 8): number {
    const n = this.uint(field, bytes);
    if (n > max)
      throw new FaceModelError('too_large', `${this.source}: ${field}: ${n} exceeds the limit of ${max}`);
    if (n * minBytesEach > this.remaining)
      this.fail(field, `declares ${n} elements but only ${this.remaining} bytes are left`);
    return n;
  }

  /** dlib's `float_details`: a signed mantissa (up to 8 bytes) and an int16 exponent. */
  private floatDetails(field: string): { mantissa: number; exponent: number } {
    if (this.pos >= this.bytes.length) this.fail(field, 'unexpected end of file (truncated?)');
    // dlib's older text format (before 2013) starts with an ASCII byte; no model we know uses it.
    if ((this.bytes[this.pos]! & 0x70) !== 0)
      this.fail(field, "floating point value in dlib's old text format (unsupported)");
    const control = this.byte(field);
    const size = control & 0x0f;
    if (size === 0 || size > 8) this.fail(field, `bad mantissa control byte 0x${control.toString(16)}`);
    const magnitude = this.magnitude(field, size);
    const exponent = this.int(field, 2);
    // 32000/32001/32002 encode ±inf and NaN: no model has them, a hostile file could.
    if (exponent >= 32000) this.fail(field, 'infinite or NaN value');
    return { mantissa: control & 0x80 ? -magnitude : magnitude, exponent };
  }

  /** A finite double (`std::ldexp(mantissa, exponent)`). */
  double(field: string): number {
    const { mantissa, exponent } = this.floatDetails(field);
    const v = ldexp(mantissa, exponent);
    if (!Number.isFinite(v)) this.fail(field, 'value overflows double');
    return v;
  }

  /** A float as dlib's `deserialize(float&)` makes it: `std::ldexp((float)mantissa, exponent)`. */
  float(field: string): number {
    const { mantissa, exponent } = this.floatDetails(field);
    const f = Math.fround(ldexp(Math.fround(mantissa), exponent));
    if (!Number.isFinite(f)) this.fail(field, 'value overflows float');
    return f;
  }

  /**
   * `n` floats into `out` from `start` (the hot loop of reading a landmark model: 16 M leaf values), with the
   * same semantics as `float()` but without a call per value.
   */
  floats(field: string, out: Float32Array, start: number, n: number): void {
    const b = this.bytes;
    let pos = this.pos;
    const len = b.length;
    for (let i = 0; i < n; i++) {
      if (pos + 2 > len) {
        this.pos = pos;
        this.fail(field, 'unexpected end of file (truncated?)');
      }
      const control = b[pos]!;
      const size = control & 0x0f;
      if ((control & 0x70) !== 0 || size === 0 || size > 8 || pos + 1 + size + 1 > len) {
        // Off the fast path (old text format, bad control byte, truncation): let float() say why.
        this.pos = pos;
        out[start + i] = this.float(field);
        pos = this.pos;
        continue;
      }
      let m = 0;
      for (let k = size; k >= 1; k--) m = m * 256 + b[pos + k]!;
      pos += size + 1;
      const ec = b[pos]!;
      const esize = ec & 0x0f;
      if (esize === 0 || esize > 2) {
        this.pos = pos;
        this.fail(field, `bad exponent control byte 0x${ec.toString(16)}`);
      }
      if (pos + 1 + esize > len) {
        this.pos = pos;
        this.fail(field, 'unexpected end of file (truncated?)');
      }
      let e = b[pos + 1]!;
      if (esize === 2) e += b[pos + 2]! * 256;
      pos += esize + 1;
      if (ec & 0x80) e = -e;
      if (e >= 32000) {
        this.pos = pos;
        this.fail(field, 'infinite or NaN value');
      }
      const f = Math.fround(ldexp(Math.fround(control & 0x80 ? -m : m), e));
      if (!Number.isFinite(f)) {
        this.pos = pos;
        this.fail(field, 'value overflows float');
      }
      out[start + i] = f;
    }
    this.pos = pos;
  }

  /** dlib's `matrix<T,0,1>` header: rows, columns (negative in the newer format); returns the length. */
  columnVector(field: string, maxLength: number, minBytesEach = 2): number {
    let nr = this.int(`${field} rows`, 8);
    let nc = this.int(`${field} columns`, 8);
    if (nr < 0 || nc < 0) {
      nr = -nr;
      nc = -nc;
    }
    if (nc !== 1 && !(nr === 0 && nc === 0)) this.fail(field, `expected a column vector, got ${nr}×${nc}`);
    if (nr > maxLength)
      throw new FaceModelError(
        'too_large',
        `${this.source}: ${field}: ${nr} rows exceed the limit of ${maxLength}`,
      );
    if (nr * minBytesEach > this.remaining)
      this.fail(field, `declares ${nr} values but only ${this.remaining} bytes are left`);
    return nr;
  }

  /** Fails unless every byte was consumed (trailing garbage means we misread the layout). */
  end(what: string): void {
    if (this.remaining !== 0) this.fail(what, `${this.remaining} unread bytes after the ${what}`);
  }
}

/** 2^e for e in [-1074, 1023] (every power of two a double holds), built once. */
const POW2_MIN = -1074;
let pow2: Float64Array | undefined;

/** mantissa·2^exponent without overflowing the power of two on the way (dlib's `std::ldexp`). */
function ldexp(mantissa: number, exponent: number): number {
  if (!pow2) {
    pow2 = new Float64Array(1023 - POW2_MIN + 1);
    for (let e = POW2_MIN; e <= 1023; e++) pow2[e - POW2_MIN] = 2 ** e;
  }
  if (exponent >= POW2_MIN && exponent <= 1023) return mantissa * pow2[exponent - POW2_MIN]!;
  let v = mantissa;
  let e = exponent;
  while (e > 1000) {
    v *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    v *= 2 ** -1000;
    e += 1000;
  }
  return v * 2 ** e;
}
