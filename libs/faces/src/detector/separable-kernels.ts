import { F32, FunctionBuilder, I32, V128 } from './wasm-writer';

// dlib's `float_spatially_filter_image_separable` as two WebAssembly kernels, generated for a given number of
// taps (the detector's filter size) so the taps are unrolled and the filter coefficients stay in registers.
// dlib runs the columns of [first, blockEnd) in SSE registers (8 at a time, as two independent 4-lane
// halves) and the rest in scalar float code; f32x4 arithmetic is IEEE single precision lane by lane like
// SSE's, so the results are dlib's bit for bit. All addresses are byte offsets into the imported memory.

/**
 * dlib's SSE accumulation over the taps: three running sums over tap triples (a leftover tap goes to the
 * first), result a1 + (a2 + a3). `load(m)` pushes the input vector for tap m. Leaves the result on the stack.
 */
function simdTaps(
  f: FunctionBuilder,
  taps: number,
  coef: number[],
  acc: number[],
  load: (m: number) => void,
): void {
  for (const a of acc) f.v128Zero().set(a);
  let m = 0;
  for (; m + 2 < taps; m += 3) {
    for (let k = 0; k < 3; k++) {
      f.get(acc[k]!);
      load(m + k);
      f.get(coef[m + k]!)
        .f32x4Mul()
        .f32x4Add()
        .set(acc[k]!);
    }
  }
  for (; m < taps; m++) {
    f.get(acc[0]!);
    load(m);
    f.get(coef[m]!).f32x4Mul().f32x4Add().set(acc[0]!);
  }
  f.get(acc[0]!).get(acc[1]!).get(acc[2]!).f32x4Add().f32x4Add();
}

/** dlib's scalar tail: t = Σ in tap order of input·coefficient, from 0. Leaves t on the stack. */
function scalarTaps(f: FunctionBuilder, taps: number, coef: number[], load: (m: number) => void): void {
  f.f32(0);
  for (let m = 0; m < taps; m++) {
    load(m);
    f.get(coef[m]!).f32Mul().f32Add();
  }
}

/** Loads `taps` coefficients from `filt` into f32 locals and their splats into v128 locals. */
function coefficients(
  f: FunctionBuilder,
  filt: number,
  taps: number,
): { scalar: number[]; vector: number[] } {
  const scalar: number[] = [];
  const vector: number[] = [];
  for (let m = 0; m < taps; m++) {
    const s = f.local(F32);
    const v = f.local(V128);
    f.get(filt)
      .f32Load(4 * m)
      .set(s)
      .get(s)
      .f32x4Splat()
      .set(v);
    scalar.push(s);
    vector.push(v);
  }
  return { scalar, vector };
}

/** rowPass(src, dst, rows, cols, filt, firstCol, lastCol, blockEnd): every row, columns [firstCol, lastCol). */
export function rowPassKernel(taps: number): FunctionBuilder {
  const f = new FunctionBuilder('rowPass', [I32, I32, I32, I32, I32, I32, I32, I32]);
  const [src, dst, rows, cols, filt, firstCol, lastCol, blockEnd] = [0, 1, 2, 3, 4, 5, 6, 7];
  const r = f.local(I32);
  const c = f.local(I32);
  const inP = f.local(I32);
  const outP = f.local(I32);
  const acc = [f.local(V128), f.local(V128), f.local(V128)];
  const coef = coefficients(f, filt, taps);
  f.i32(0).set(r);
  f.whileNot(
    () => f.get(r).get(rows).geS(),
    () => {
      // Input window of column c starts at (r, c − firstCol).
      f.get(src).get(r).get(cols).mul().i32(2).shl().add().set(inP);
      f.get(dst).get(r).get(cols).mul().get(firstCol).add().i32(2).shl().add().set(outP);
      f.get(firstCol).set(c);
      f.whileNot(
        () => f.get(c).get(blockEnd).geS(),
        () => {
          f.get(outP);
          simdTaps(f, taps, coef.vector, acc, (m) => f.get(inP).v128Load(4 * m));
          f.v128Store();
          f.inc(c, 4).inc(inP, 16).inc(outP, 16);
        },
      );
      f.whileNot(
        () => f.get(c).get(lastCol).geS(),
        () => {
          f.get(outP);
          scalarTaps(f, taps, coef.scalar, (m) => f.get(inP).f32Load(4 * m));
          f.f32Store();
          f.inc(c).inc(inP, 4).inc(outP, 4);
        },
      );
      f.inc(r);
    },
  );
  return f;
}

/**
 * colPass(src, dst, cols, filt, firstRow, lastRow, firstCol, lastCol, blockEnd, addTo): rows
 * [firstRow, lastRow), columns [firstCol, lastCol); with addTo the result is added to dst (result + dst).
 */
export function colPassKernel(taps: number): FunctionBuilder {
  const f = new FunctionBuilder('colPass', [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32]);
  const [src, dst, cols, filt, firstRow, lastRow, firstCol, lastCol, blockEnd, addTo] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
  ];
  const r = f.local(I32);
  const c = f.local(I32);
  const p = f.local(I32);
  const outP = f.local(I32);
  const acc = [f.local(V128), f.local(V128), f.local(V128)];
  const sum = f.local(V128);
  const t = f.local(F32);
  // Byte offset of tap m's row: m·cols·4.
  const offsets: number[] = [];
  for (let m = 0; m < taps; m++) {
    const o = f.local(I32);
    f.get(cols)
      .i32(4 * m)
      .mul()
      .set(o);
    offsets.push(o);
  }
  const coef = coefficients(f, filt, taps);
  f.get(firstRow).set(r);
  f.whileNot(
    () => f.get(r).get(lastRow).geS(),
    () => {
      f.get(src).get(r).get(firstRow).sub().get(cols).mul().get(firstCol).add().i32(2).shl().add().set(p);
      f.get(dst).get(r).get(cols).mul().get(firstCol).add().i32(2).shl().add().set(outP);
      f.get(firstCol).set(c);
      f.whileNot(
        () => f.get(c).get(blockEnd).geS(),
        () => {
          simdTaps(f, taps, coef.vector, acc, (m) => f.get(p).get(offsets[m]!).add().v128Load());
          f.set(sum);
          f.get(addTo).ifThen(() => f.get(sum).get(outP).v128Load().f32x4Add().set(sum));
          f.get(outP).get(sum).v128Store();
          f.inc(c, 4).inc(p, 16).inc(outP, 16);
        },
      );
      f.whileNot(
        () => f.get(c).get(lastCol).geS(),
        () => {
          scalarTaps(f, taps, coef.scalar, (m) => f.get(p).get(offsets[m]!).add().f32Load());
          f.set(t);
          f.get(addTo).ifThen(() => f.get(outP).f32Load().get(t).f32Add().set(t));
          f.get(outP).get(t).f32Store();
          f.inc(c).inc(p, 4).inc(outP, 4);
        },
      );
      f.inc(r);
    },
  );
  return f;
}
