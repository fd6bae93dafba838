// Test helper: emits pickle opcodes by hand, so tests can build exact (and hostile) byte streams.
import { OP } from '../pickle/opcodes';

export class PickleWriter {
  private readonly out: number[] = [];

  op(code: number, ...bytes: number[]): this {
    this.out.push(code, ...bytes);
    return this;
  }
  raw(bytes: ArrayLike<number>): this {
    for (let i = 0; i < bytes.length; i++) this.out.push(bytes[i]!);
    return this;
  }
  u32(v: number): number[] {
    return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
  }
  u64(v: number): number[] {
    return [...this.u32(v % 2 ** 32), ...this.u32(Math.floor(v / 2 ** 32))];
  }
  proto(p: number): this {
    return this.op(OP.PROTO, p);
  }
  text(code: number, line: string): this {
    return this.op(code).raw(Buffer.from(line + '\n', 'latin1'));
  }
  global(module: string, name: string): this {
    return this.op(OP.GLOBAL).raw(Buffer.from(`${module}\n${name}\n`, 'latin1'));
  }
  stackGlobal(module: string, name: string): this {
    return this.shortStr(module).shortStr(name).op(OP.STACK_GLOBAL);
  }
  str(s: string): this {
    const b = Buffer.from(s, 'utf8');
    return this.op(OP.BINUNICODE, ...this.u32(b.length)).raw(b);
  }
  shortStr(s: string): this {
    const b = Buffer.from(s, 'utf8');
    return this.op(OP.SHORT_BINUNICODE, b.length).raw(b);
  }
  int(n: number): this {
    if (n >= 0 && n < 256) return this.op(OP.BININT1, n);
    if (n >= 0 && n < 65536) return this.op(OP.BININT2, n & 0xff, n >> 8);
    if (n >= -(2 ** 31) && n < 2 ** 31) return this.op(OP.BININT, ...this.u32(n >>> 0));
    return this.long(BigInt(n));
  }
  long(v: bigint): this {
    const bytes: number[] = [];
    let x = v;
    for (;;) {
      bytes.push(Number(x & 0xffn));
      x >>= 8n;
      const done =
        (x === 0n && !(bytes[bytes.length - 1]! & 0x80)) || (x === -1n && bytes[bytes.length - 1]! & 0x80);
      if (done) break;
    }
    return this.op(OP.LONG1, bytes.length, ...bytes);
  }
  float(x: number): this {
    const b = Buffer.alloc(8);
    b.writeDoubleBE(x);
    return this.op(OP.BINFLOAT).raw(b);
  }
  bool(b: boolean): this {
    return this.op(b ? OP.NEWTRUE : OP.NEWFALSE);
  }
  none(): this {
    return this.op(OP.NONE);
  }
  mark(): this {
    return this.op(OP.MARK);
  }
  tuple(): this {
    return this.op(OP.TUPLE);
  }
  put(i: number): this {
    return i < 256 ? this.op(OP.BINPUT, i) : this.op(OP.LONG_BINPUT, ...this.u32(i));
  }
  get(i: number): this {
    return i < 256 ? this.op(OP.BINGET, i) : this.op(OP.LONG_BINGET, ...this.u32(i));
  }
  stop(): Uint8Array {
    this.out.push(OP.STOP);
    return Uint8Array.from(this.out);
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.out);
  }
}
