import { F32, FunctionBuilder, I32, V128 } from './wasm-writer';

// WebAssembly kernels for the per-pixel loops of the detector whose float arithmetic must be dlib's: the
// SSE part of the RGB bilinear resize and the FHOG gradient histograms. Native f32 arithmetic rounds every
// operation to single precision exactly as dlib's float code does (JavaScript would need Math.fround around
// each one). The JavaScript callers compute the per-row and per-column tables (in dlib's own arithmetic) and
// the few columns dlib handles in double or scalar code.

/**
 * resize(dst, outW, outH, simdCols, rowTop, rowBottom, rowTb, rowInvTb, cols): output columns [0, simdCols)
 * of every row, as one lane of dlib's SSE loop computes them: weights tlf = (1−tb)(1−lr), trf = (1−tb)·lr,
 * blf = tb(1−lr), brf = tb·lr, value ((tlf·tl + trf·tr) + blf·bl) + brf·br truncated to an integer and stored
 * as a byte. rowTop/rowBottom hold byte addresses of source rows; `cols` holds 16 bytes per output column:
 * the left source pixel's byte offset (i32), lr and 1 − lr (f32).
 */
export function resizeKernel(): FunctionBuilder {
  const f = new FunctionBuilder('resize', [I32, I32, I32, I32, I32, I32, I32, I32, I32]);
  const [dst, outW, outH, simdCols, rowTop, rowBottom, rowTb, rowInvTb, cols] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const r = f.local(I32);
  const c = f.local(I32);
  const col = f.local(I32);
  const top = f.local(I32);
  const bottom = f.local(I32);
  const tl = f.local(I32);
  const bl = f.local(I32);
  const out = f.local(I32);
  const tb = f.local(F32);
  const invTb = f.local(F32);
  const lr = f.local(F32);
  const invLr = f.local(F32);
  const w = [f.local(F32), f.local(F32), f.local(F32), f.local(F32)]; // tlf, trf, blf, brf
  const at4 = (table: number, i: number) => f.get(table).get(i).i32(2).shl().add();
  f.i32(0).set(r);
  f.whileNot(
    () => f.get(r).get(outH).geS(),
    () => {
      at4(rowTb, r).f32Load().set(tb);
      at4(rowInvTb, r).f32Load().set(invTb);
      at4(rowTop, r).i32Load().set(top);
      at4(rowBottom, r).i32Load().set(bottom);
      f.get(dst).get(r).get(outW).mul().i32(3).mul().add().set(out);
      f.get(cols).set(col);
      f.i32(0).set(c);
      f.whileNot(
        () => f.get(c).get(simdCols).geS(),
        () => {
          f.get(col).f32Load(4).set(lr);
          f.get(col).f32Load(8).set(invLr);
          f.get(invTb).get(invLr).f32Mul().set(w[0]!);
          f.get(invTb).get(lr).f32Mul().set(w[1]!);
          f.get(tb).get(invLr).f32Mul().set(w[2]!);
          f.get(tb).get(lr).f32Mul().set(w[3]!);
          f.get(col).i32Load().set(tl);
          f.get(top).get(tl).add().set(tl);
          f.get(bottom).get(col).i32Load().add().set(bl);
          for (let ch = 0; ch < 3; ch++) {
            f.get(out);
            f.get(w[0]!).get(tl).load8u(ch).f32FromI32().f32Mul();
            f.get(w[1]!)
              .get(tl)
              .load8u(ch + 3)
              .f32FromI32()
              .f32Mul()
              .f32Add();
            f.get(w[2]!).get(bl).load8u(ch).f32FromI32().f32Mul().f32Add();
            f.get(w[3]!)
              .get(bl)
              .load8u(ch + 3)
              .f32FromI32()
              .f32Mul()
              .f32Add();
            f.i32FromF32().store8(ch);
          }
          f.inc(c).inc(col, 16).inc(out, 3);
        },
      );
      f.inc(r);
    },
  );
  return f;
}

/**
 * fhogHistogram(img, stride, visibleNr, simdEnd, visibleNc, orientation, cols, rowVy0, rowVy1, rowHist,
 * histRowBytes): dlib's gradient-histogram loop of `extract_fhog_features` for rows [1, visibleNr) and columns
 * [1, visibleNc) of an RGB image. Columns below simdEnd follow dlib's SSE code (ties between channels go to
 * the later channel, weights vy·(vx·v)); the rest its scalar code (ties to the earlier channel, weights
 * (vy·vx)·v). `cols` holds 16 bytes per image column: the byte offset of its histogram cell in a histogram row
 * (i32) and its two bilinear weights (f32); rowHist the byte address of each row's upper histogram row.
 */
export function fhogHistogramKernel(): FunctionBuilder {
  const f = new FunctionBuilder('fhogHistogram', [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32]);
  const [
    img,
    stride,
    visibleNr,
    simdEnd,
    visibleNc,
    orientation,
    cols,
    rowVy0,
    rowVy1,
    rowHist,
    histRowBytes,
  ] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const y = f.local(I32);
  const x = f.local(I32);
  const left = f.local(I32); // the pixel's left neighbour (byte address); right = left + 6
  const up = f.local(I32);
  const down = f.local(I32);
  const col = f.local(I32);
  const row0 = f.local(I32);
  const a0 = f.local(I32);
  const a1 = f.local(I32);
  const gx = f.local(I32);
  const gy = f.local(I32);
  const len = f.local(I32);
  const cx = f.local(I32);
  const cy = f.local(I32);
  const clen = f.local(I32);
  const take = f.local(I32);
  const vy0 = f.local(F32);
  const vy1 = f.local(F32);
  const v = f.local(F32);
  const w0 = f.local(F32);
  const w1 = f.local(F32);
  const at4 = (table: number, i: number) => f.get(table).get(i).i32(2).shl().add();
  // Gradient of channel ch into (dx, dy, l): right − left and down − up.
  const gradient = (ch: number, dx: number, dy: number, l: number) => {
    f.get(left)
      .load8u(ch + 6)
      .get(left)
      .load8u(ch)
      .sub()
      .set(dx);
    f.get(down).load8u(ch).get(up).load8u(ch).sub().set(dy);
    f.get(dx).get(dx).mul().get(dy).get(dy).mul().add().set(l);
  };
  // Branch-free choice between the current gradient and the candidate (cx, cy, clen).
  const choose = (simd: boolean) => {
    // SSE: select(len > clen, current, candidate) takes the candidate on ties; scalar code only when larger.
    f.get(clen).get(len);
    if (simd) f.geS();
    else f.gtS();
    f.set(take);
    for (const [cur, cand] of [
      [gx, cx],
      [gy, cy],
      [len, clen],
    ] as const)
      f.get(cand).get(cur).get(take).select().set(cur);
  };
  // hist[addr] += value at byte address `a` (+ `offset` bytes).
  const accumulate = (a: number, offset: number, value: () => void) => {
    f.get(a).get(a).f32Load(offset);
    value();
    f.f32Add().f32Store(offset);
  };
  const pixel = (simd: boolean) => {
    gradient(0, gx, gy, len);
    gradient(1, cx, cy, clen);
    choose(simd);
    gradient(2, cx, cy, clen);
    choose(simd);
    f.get(len).f32FromI32().f32Sqrt().set(v);
    // Histogram cell of this column plus the orientation bin, as a byte offset into the two rows.
    f.get(col).i32Load();
    f.get(orientation).get(gy).i32(255).add().i32(511).mul().add().get(gx).add().i32(255).add().load8u();
    f.i32(2).shl().add().set(a0);
    f.get(a0).get(row0).add().set(a0);
    f.get(a0).get(histRowBytes).add().set(a1);
    f.get(col).f32Load(4).set(w0);
    f.get(col).f32Load(8).set(w1);
    if (simd) {
      f.get(w0).get(v).f32Mul().set(w0);
      f.get(w1).get(v).f32Mul().set(w1);
      accumulate(a0, 0, () => f.get(vy1).get(w1).f32Mul());
      accumulate(a1, 0, () => f.get(vy0).get(w1).f32Mul());
      accumulate(a0, 72, () => f.get(vy1).get(w0).f32Mul());
      accumulate(a1, 72, () => f.get(vy0).get(w0).f32Mul());
    } else {
      accumulate(a0, 0, () => f.get(vy1).get(w1).f32Mul().get(v).f32Mul());
      accumulate(a1, 0, () => f.get(vy0).get(w1).f32Mul().get(v).f32Mul());
      accumulate(a0, 72, () => f.get(vy1).get(w0).f32Mul().get(v).f32Mul());
      accumulate(a1, 72, () => f.get(vy0).get(w0).f32Mul().get(v).f32Mul());
    }
    f.inc(left, 3).inc(up, 3).inc(down, 3).inc(col, 16).inc(x);
  };
  f.i32(1).set(y);
  f.whileNot(
    () => f.get(y).get(visibleNr).geS(),
    () => {
      at4(rowVy0, y).f32Load().set(vy0);
      at4(rowVy1, y).f32Load().set(vy1);
      at4(rowHist, y).i32Load().set(row0);
      // Pixel (1, y): left neighbour at (0, y).
      f.get(img).get(y).get(stride).mul().add().set(left);
      f.get(left).i32(3).add().get(stride).sub().set(up);
      f.get(left).i32(3).add().get(stride).add().set(down);
      f.get(cols).i32(16).add().set(col);
      f.i32(1).set(x);
      f.whileNot(
        () => f.get(x).get(simdEnd).geS(),
        () => pixel(true),
      );
      f.whileNot(
        () => f.get(x).get(visibleNc).geS(),
        () => pixel(false),
      );
      f.inc(y);
    },
  );
  return f;
}

/**
 * fhogFeatures(hist, norm, cellsNr, cellsNc, out, hogNr, hogNc, cols, planeBytes, rowOffset, colOffset): the
 * end of `extract_fhog_features`: each cell's energy Σₒ (h[o] + h[o+9])², then the 31 features of every
 * inner cell, in dlib's simd4f lanes (one lane per 2×2 block of cells around it): nn = 0.2·√(z1+z2+z3+z4+ε),
 * n = 0.1/nn, each orientation min(h, nn)·n summed over lanes as SSE2 does ((l0 + l2) + (l1 + l3)); texture
 * features are the lane sums of the 18 contrast-sensitive values times 0.4714. `out` is plane-major.
 */
export function fhogFeaturesKernel(): FunctionBuilder {
  const f = new FunctionBuilder('fhogFeatures', [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32]);
  const [hist, norm, cellsNr, cellsNc, out, hogNr, hogNc, cols, planeBytes, rowOffset, colOffset] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
  ];
  const r = f.local(I32);
  const c = f.local(I32);
  const h = f.local(I32);
  const a = f.local(I32);
  const pos = f.local(I32);
  const n = f.local(F32);
  const s = f.local(F32);
  const nv = Array.from({ length: 9 }, () => f.local(F32)); // norm[y+i][x+j] at 3i + j
  const z = [f.local(V128), f.local(V128), f.local(V128), f.local(V128)];
  const nn = f.local(V128);
  const inv = f.local(V128);
  const t = f.local(V128);
  const v = [f.local(V128), f.local(V128), f.local(V128)];
  const histCols = f.local(I32);
  f.get(cellsNc).i32(2).add().set(histCols);

  // Energy per cell.
  f.i32(0).set(r);
  f.whileNot(
    () => f.get(r).get(cellsNr).geS(),
    () => {
      f.i32(0).set(c);
      f.whileNot(
        () => f.get(c).get(cellsNc).geS(),
        () => {
          f.get(hist)
            .get(r)
            .i32(1)
            .add()
            .get(histCols)
            .mul()
            .get(c)
            .add()
            .i32(1)
            .add()
            .i32(18)
            .mul()
            .i32(2)
            .shl()
            .add()
            .set(h);
          f.f32(0).set(n);
          for (let o = 0; o < 9; o++) {
            f.get(h)
              .i32(4 * o)
              .add()
              .f32Load()
              .get(h)
              .i32(4 * (o + 9))
              .add()
              .f32Load()
              .f32Add()
              .set(s);
            f.get(n).get(s).get(s).f32Mul().f32Add().set(n);
          }
          f.get(norm).get(r).get(cellsNc).mul().get(c).add().i32(2).shl().add().get(n).f32Store();
          f.inc(c);
        },
      );
      f.inc(r);
    },
  );

  // z lanes as dlib builds them: z1 = (n11, n01, n10, n00), z2 = (n12, n02, n11, n01),
  // z3 = (n21, n11, n20, n10), z4 = (n22, n12, n21, n11).
  const lanes = [
    [4, 1, 3, 0],
    [5, 2, 4, 1],
    [7, 4, 6, 3],
    [8, 5, 7, 4],
  ];
  const splat = (x: number) => f.f32(x).f32x4Splat();
  // min(h, nn)·n of the value on top of the stack (an f32), as a vector
  const scaled = () => {
    f.f32x4Splat().set(v[2]!);
    f.get(nn).get(v[2]!).f32x4Pmin().get(inv).f32x4Mul();
  };
  // (l0 + l2) + (l1 + l3) of vector local `x`, stored at pos + plane·planeBytes
  const storeSum = (x: number, plane: number) => {
    f.get(pos).get(planeBytes).i32(plane).mul().add();
    f.get(x).f32x4ExtractLane(0).get(x).f32x4ExtractLane(2).f32Add();
    f.get(x).f32x4ExtractLane(1).get(x).f32x4ExtractLane(3).f32Add();
    f.f32Add().f32Store();
  };
  const histAt = (o: number) =>
    f
      .get(h)
      .i32(4 * o)
      .add()
      .f32Load();

  f.i32(0).set(r);
  f.whileNot(
    () => f.get(r).get(hogNr).geS(),
    () => {
      f.i32(0).set(c);
      f.whileNot(
        () => f.get(c).get(hogNc).geS(),
        () => {
          f.get(norm).get(r).get(cellsNc).mul().get(c).add().i32(2).shl().add().set(a);
          for (let i = 0; i < 3; i++) {
            for (let j = 0; j < 3; j++)
              f.get(a)
                .get(cellsNc)
                .i32(i)
                .mul()
                .i32(j)
                .add()
                .i32(2)
                .shl()
                .add()
                .f32Load()
                .set(nv[3 * i + j]!);
          }
          lanes.forEach((l, k) => {
            f.get(nv[l[0]!]!).f32x4Splat();
            for (let lane = 1; lane < 4; lane++) f.get(nv[l[lane]!]!).f32x4ReplaceLane(lane);
            f.set(z[k]!);
          });
          splat(0.2).get(z[0]!).get(z[1]!).f32x4Add().get(z[2]!).f32x4Add().get(z[3]!).f32x4Add();
          splat(0.0001).f32x4Add().f32x4Sqrt().f32x4Mul().set(nn);
          splat(0.1).get(nn).f32x4Div().set(inv);
          f.get(hist)
            .get(r)
            .i32(2)
            .add()
            .get(histCols)
            .mul()
            .get(c)
            .add()
            .i32(2)
            .add()
            .i32(18)
            .mul()
            .i32(2)
            .shl()
            .add()
            .set(h);
          f.get(out)
            .get(r)
            .get(rowOffset)
            .add()
            .get(cols)
            .mul()
            .get(c)
            .add()
            .get(colOffset)
            .add()
            .i32(2)
            .shl()
            .add()
            .set(pos);
          f.v128Zero().set(t);
          // Contrast-sensitive, three orientations at a time as dlib sums them into t.
          for (let o = 0; o < 18; o += 3) {
            for (let k = 0; k < 3; k++) {
              histAt(o + k);
              scaled();
              f.set(v[k]!);
              storeSum(v[k]!, o + k);
            }
            f.get(t).get(v[0]!).get(v[1]!).f32x4Add().get(v[2]!).f32x4Add().f32x4Add().set(t);
          }
          // Contrast-insensitive.
          for (let o = 0; o < 9; o++) {
            histAt(o);
            histAt(o + 9);
            f.f32Add();
            scaled();
            f.set(v[0]!);
            storeSum(v[0]!, 18 + o);
          }
          // Texture.
          f.get(t)
            .f32(2 * 0.2357)
            .f32x4Splat()
            .f32x4Mul()
            .set(t);
          for (let lane = 0; lane < 4; lane++) {
            f.get(pos)
              .get(planeBytes)
              .i32(27 + lane)
              .mul()
              .add()
              .get(t)
              .f32x4ExtractLane(lane)
              .f32Store();
          }
          f.inc(c);
        },
      );
      f.inc(r);
    },
  );
  return f;
}
