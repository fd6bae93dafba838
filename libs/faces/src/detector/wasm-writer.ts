// A minimal WebAssembly binary writer: just what the detector's filter kernels need (i32/f32/v128 locals,
// structured loops, loads and stores, f32 and f32x4 arithmetic). Kernels are written as TypeScript that
// emits instructions, so the module is built from reviewable source at load time, with no binary artifact.

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;
export type ValType = typeof I32 | typeof F32 | typeof V128;

function uleb(n: number, out: number[] = []): number[] {
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function sleb(n: number, out: number[] = []): number[] {
  while (true) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

/** A function body under construction; locals are numbered after the parameters. */
export class FunctionBuilder {
  readonly code: number[] = [];
  private readonly locals: ValType[] = [];

  constructor(
    readonly name: string,
    readonly params: ValType[],
  ) {}

  local(type: ValType): number {
    this.locals.push(type);
    return this.params.length + this.locals.length - 1;
  }

  private op(...bytes: number[]): this {
    this.code.push(...bytes);
    return this;
  }

  get(i: number): this {
    return this.op(0x20, ...uleb(i));
  }
  set(i: number): this {
    return this.op(0x21, ...uleb(i));
  }
  i32(v: number): this {
    return this.op(0x41, ...sleb(v));
  }
  f32(v: number): this {
    const b = new Uint8Array(new Float32Array([v]).buffer);
    return this.op(0x43, ...b);
  }
  v128Zero(): this {
    return this.op(0xfd, 0x0c, ...new Array<number>(16).fill(0));
  }
  add(): this {
    return this.op(0x6a);
  }
  sub(): this {
    return this.op(0x6b);
  }
  mul(): this {
    return this.op(0x6c);
  }
  shl(): this {
    return this.op(0x74);
  }
  geS(): this {
    return this.op(0x4e);
  }
  gtS(): this {
    return this.op(0x4a);
  }
  ltS(): this {
    return this.op(0x48);
  }
  and(): this {
    return this.op(0x71);
  }
  /** `select`: [a, b, cond] → cond ? a : b. */
  select(): this {
    return this.op(0x1b);
  }
  load8u(offset = 0): this {
    return this.op(0x2d, 0, ...uleb(offset));
  }
  store8(offset = 0): this {
    return this.op(0x3a, 0, ...uleb(offset));
  }
  i32Load(offset = 0): this {
    return this.op(0x28, 2, ...uleb(offset));
  }
  f32Sub(): this {
    return this.op(0x93);
  }
  f32Sqrt(): this {
    return this.op(0x91);
  }
  f32FromI32(): this {
    return this.op(0xb2);
  }
  /** i32.trunc_f32_s: truncation toward zero (traps outside the i32 range, which the kernels never reach). */
  i32FromF32(): this {
    return this.op(0xa8);
  }
  f32Load(offset = 0): this {
    return this.op(0x2a, 2, ...uleb(offset));
  }
  f32Store(offset = 0): this {
    return this.op(0x38, 2, ...uleb(offset));
  }
  f32Add(): this {
    return this.op(0x92);
  }
  f32Mul(): this {
    return this.op(0x94);
  }
  v128Load(offset = 0): this {
    return this.op(0xfd, 0x00, 0, ...uleb(offset));
  }
  v128Store(offset = 0): this {
    return this.op(0xfd, 0x0b, 0, ...uleb(offset));
  }
  f32x4Sqrt(): this {
    return this.op(0xfd, ...uleb(0xe3));
  }
  f32x4Div(): this {
    return this.op(0xfd, ...uleb(0xe7));
  }
  /** f32x4.pmin: [a, b] → b < a ? b : a per lane (SSE's minps(b, a)). */
  f32x4Pmin(): this {
    return this.op(0xfd, ...uleb(0xea));
  }
  f32x4ExtractLane(lane: number): this {
    return this.op(0xfd, 0x1f, lane);
  }
  f32x4ReplaceLane(lane: number): this {
    return this.op(0xfd, 0x20, lane);
  }
  f32x4Splat(): this {
    return this.op(0xfd, 0x13);
  }
  f32x4Add(): this {
    return this.op(0xfd, ...uleb(0xe4));
  }
  f32x4Mul(): this {
    return this.op(0xfd, ...uleb(0xe6));
  }
  /** `if (cond) { then }` where the condition is on the stack. */
  ifThen(then: () => void): this {
    this.op(0x04, 0x40);
    then();
    return this.op(0x0b);
  }

  /**
   * `for (; !(exit condition); ) { body }`: `exitIf` pushes an i32 that ends the loop when non-zero; `body`
   * must leave the stack empty.
   */
  whileNot(exitIf: () => void, body: () => void): this {
    this.op(0x02, 0x40, 0x03, 0x40); // block, loop
    exitIf();
    this.op(0x0d, 1); // br_if to the block's end
    body();
    return this.op(0x0c, 0, 0x0b, 0x0b); // br loop, end loop, end block
  }

  /** Increments an i32 local by a constant. */
  inc(i: number, by = 1): this {
    return this.get(i).i32(by).add().set(i);
  }

  encodeBody(): number[] {
    const groups: number[] = [];
    for (const t of this.locals) groups.push(1, t);
    const body = [...uleb(this.locals.length), ...groups, ...this.code, 0x0b];
    return [...uleb(body.length), ...body];
  }
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function name(s: string): number[] {
  const b = [...Buffer.from(s, 'utf8')];
  return [...uleb(b.length), ...b];
}

/** A module importing `env.memory` and exporting the given functions (no results: kernels write to memory). */
export function buildModule(functions: FunctionBuilder[]): Uint8Array {
  const types = vec(functions.map((f) => [0x60, ...vec(f.params.map((p) => [p])), 0]));
  const imports = vec([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]]);
  const funcs = vec(functions.map((_, i) => uleb(i)));
  const exports = vec(functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]));
  const code = vec(functions.map((f) => f.encodeBody()));
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, types),
    ...section(2, imports),
    ...section(3, funcs),
    ...section(7, exports),
    ...section(10, code),
  ]);
}
