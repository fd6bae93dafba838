// The detector's pixel loops as a plain scalar port of dlib's C++ (Math.fround where dlib uses float),
// which the WebAssembly kernels are tested against value for value (kernels.test.ts). Not used at run time.

import type { RgbImage } from '../image';
import { FHOG_PLANE_COUNT } from './fhog';
import { simdBlockEnd } from './saliency';

interface ScalarPlanes {
  data: Float32Array;
  rows: number;
  cols: number;
}

const f32 = Math.fround;

export function resizeScalar(src: RgbImage, outWidth: number, outHeight: number): RgbImage {
  const { width: inW, height: inH, rgb: inp } = src;
  const out = new Uint8Array(outWidth * outHeight * 3);
  if (outWidth === 0 || outHeight === 0) return { rgb: out, width: outWidth, height: outHeight };
  const xScale = (inW - 1) / Math.max(outWidth - 1, 1);
  const yScale = (inH - 1) / Math.max(outHeight - 1, 1);
  const xScale4 = f32(4 * xScale);
  const x0 = -4 * xScale;
  // The four SIMD lanes start at float(x0 + k·xScale) and advance by float(4·xScale) in float arithmetic.
  const lane0 = [f32(x0), f32(x0 + xScale), f32(x0 + 2 * xScale), f32(x0 + 3 * xScale)] as const;
  let y = -yScale;
  for (let r = 0; r < outHeight; r++) {
    y += yScale;
    const top = Math.floor(y);
    const bottom = Math.min(top + 1, inH - 1);
    const tbFrac = y - top;
    const tb = f32(tbFrac);
    const invTb = f32(1 - tbFrac);
    const topRow = top * inW * 3;
    const bottomRow = bottom * inW * 3;
    const outRow = r * outWidth * 3;
    let l0 = lane0[0];
    let l1 = lane0[1];
    let l2 = lane0[2];
    let l3 = lane0[3];
    let c = 0;
    for (; ; c += 4) {
      l0 = f32(l0 + xScale4);
      l1 = f32(l1 + xScale4);
      l2 = f32(l2 + xScale4);
      l3 = f32(l3 + xScale4);
      // cvttps: truncation toward zero.
      const left3 = Math.trunc(l3);
      if (left3 + 1 >= inW) break;
      simdPixel(inp, out, topRow, bottomRow, outRow + c * 3, l0, tb, invTb);
      simdPixel(inp, out, topRow, bottomRow, outRow + (c + 1) * 3, l1, tb, invTb);
      simdPixel(inp, out, topRow, bottomRow, outRow + (c + 2) * 3, l2, tb, invTb);
      simdPixel(inp, out, topRow, bottomRow, outRow + (c + 3) * 3, l3, tb, invTb);
    }
    let x = -xScale + c * xScale;
    for (; c < outWidth; c++) {
      x += xScale;
      const left = Math.floor(x);
      const right = Math.min(left + 1, inW - 1);
      const lr = x - left;
      const tl = topRow + left * 3;
      const tr = topRow + right * 3;
      const bl = bottomRow + left * 3;
      const br = bottomRow + right * 3;
      const o = outRow + c * 3;
      for (let k = 0; k < 3; k++) {
        const v =
          (1 - tbFrac) * ((1 - lr) * inp[tl + k]! + lr * inp[tr + k]!) +
          tbFrac * ((1 - lr) * inp[bl + k]! + lr * inp[br + k]!);
        out[o + k] = Math.trunc(v);
      }
    }
  }
  return { rgb: out, width: outWidth, height: outHeight };
}

/** One lane of dlib's SSE loop: float weights, float sum in dlib's order, truncated. */
function simdPixel(
  inp: Uint8Array,
  out: Uint8Array,
  topRow: number,
  bottomRow: number,
  o: number,
  xf: number,
  tb: number,
  invTb: number,
): void {
  const left = Math.trunc(xf);
  const lr = f32(xf - left);
  const invLr = f32(1 - lr);
  const tlf = f32(invTb * invLr);
  const trf = f32(invTb * lr);
  const blf = f32(tb * invLr);
  const brf = f32(tb * lr);
  const tl = topRow + left * 3;
  const bl = bottomRow + left * 3;
  for (let k = 0; k < 3; k++) {
    const v = f32(
      f32(f32(f32(tlf * inp[tl + k]!) + f32(trf * inp[tl + 3 + k]!)) + f32(blf * inp[bl + k]!)) +
        f32(brf * inp[bl + 3 + k]!),
    );
    out[o + k] = Math.trunc(v) & 0xff;
  }
}
const DIR_X = [1.0, 0.9397, 0.766, 0.5, 0.1736, -0.1736, -0.5, -0.766, -0.9397].map(f32);
const DIR_Y = [0.0, 0.342, 0.6428, 0.866, 0.9848, 0.9848, 0.866, 0.6428, 0.342].map(f32);
const EPS = f32(0.0001);
const F02 = f32(0.2);
const F01 = f32(0.1);
const TEXTURE_SCALE = f32(2 * 0.2357);

/** Orientation bin (0…17) of every integer gradient (gx, gy) ∈ [−255, 255]², computed once in dlib's float arithmetic. */
let orientationTable: Uint8Array | undefined;
function orientations(): Uint8Array {
  if (orientationTable) return orientationTable;
  const t = new Uint8Array(511 * 511);
  for (let gy = -255; gy <= 255; gy++) {
    for (let gx = -255; gx <= 255; gx++) {
      let best = 0;
      let bestO = 0;
      for (let o = 0; o < 9; o++) {
        const dot = f32(f32(gx * DIR_X[o]!) + f32(gy * DIR_Y[o]!));
        if (dot > best) {
          best = dot;
          bestO = o;
        } else if (-dot > best) {
          best = -dot;
          bestO = o + 9;
        }
      }
      t[(gy + 255) * 511 + gx + 255] = bestO;
    }
  }
  return (orientationTable = t);
}

/**
 * dlib's `extract_fhog_features(img, hog, cell_size, filter_rows_padding, filter_cols_padding)` for an RGB
 * image, value for value: per pixel the gradient of the colour channel with the largest magnitude, snapped to
 * 18 orientations and added bilinearly into cell histograms, then Felzenszwalb's 31 normalized features per
 * cell, placed inside a zero border sized for the filters. dlib runs most columns 8 at a time in SSE and the
 * last ones in scalar code, and the two differ (ties between channels, float rounding of the weights): each
 * pixel follows the path dlib takes for it.
 */
export function fhogScalar(img: RgbImage, cellSize: number, padRows: number, padCols: number): ScalarPlanes {
  const { width: nc, height: nr, rgb } = img;
  const cellsNr = Math.trunc(f32(nr / cellSize) + 0.5);
  const cellsNc = Math.trunc(f32(nc / cellSize) + 0.5);
  const hogNr = Math.max(cellsNr - 2, 0);
  const hogNc = Math.max(cellsNc - 2, 0);
  if (cellsNr === 0 || cellsNc === 0 || hogNr === 0 || hogNc === 0)
    return { data: new Float32Array(0), rows: 0, cols: 0 };

  const histCols = cellsNc + 2;
  const hist = new Float32Array((cellsNr + 2) * histCols * 18);
  const table = orientations();
  const visibleNr = Math.min(cellsNr * cellSize, nr) - 1;
  const visibleNc = Math.min(cellsNc * cellSize, nc) - 1;
  const stride = nc * 3;

  for (let y = 1; y < visibleNr; y++) {
    const yp = f32((y + 0.5) / cellSize - 0.5);
    const iyp = Math.floor(yp);
    const vy0 = f32(yp - iyp);
    const vy1 = f32(1 - vy0);
    const row0 = (iyp + 1) * histCols * 18;
    const row1 = row0 + histCols * 18;
    const p = y * stride;
    // dlib's SSE blocks cover x in [1, visibleNc − 7) by 8; the rest is scalar.
    const simdEnd = visibleNc - 7 > 1 ? 1 + Math.ceil((visibleNc - 8) / 8) * 8 : 1;
    for (let x = 1; x < visibleNc; x++) {
      const simd = x < simdEnd;
      const i = p + x * 3;
      const rgx = rgb[i + 3]! - rgb[i - 3]!;
      const rgy = rgb[i + stride]! - rgb[i - stride]!;
      const ggx = rgb[i + 4]! - rgb[i - 2]!;
      const ggy = rgb[i + 1 + stride]! - rgb[i + 1 - stride]!;
      const bgx = rgb[i + 5]! - rgb[i - 1]!;
      const bgy = rgb[i + 2 + stride]! - rgb[i + 2 - stride]!;
      const rlen = rgx * rgx + rgy * rgy;
      const glen = ggx * ggx + ggy * ggy;
      const blen = bgx * bgx + bgy * bgy;
      let gx: number;
      let gy: number;
      let len: number;
      if (simd) {
        // select(rlen > glen, red, green), then select(tlen > blen, t, blue): ties go to the later channel.
        if (rlen > glen) {
          gx = rgx;
          gy = rgy;
          len = rlen;
        } else {
          gx = ggx;
          gy = ggy;
          len = glen;
        }
        if (!(len > blen)) {
          gx = bgx;
          gy = bgy;
          len = blen;
        }
      } else {
        // Scalar code: start with red, switch only on a strictly larger magnitude.
        gx = rgx;
        gy = rgy;
        len = rlen;
        if (glen > len) {
          gx = ggx;
          gy = ggy;
          len = glen;
        }
        if (blen > len) {
          gx = bgx;
          gy = bgy;
          len = blen;
        }
      }
      const o = table[(gy + 255) * 511 + gx + 255]!;
      const v = f32(Math.sqrt(len));
      if (simd) {
        const xp = f32(f32(f32(x + 0.5) / cellSize) + 0.5);
        const ixp = Math.trunc(xp);
        const vx0 = f32(f32(xp - ixp) * v);
        const vx1 = f32(f32(1 - f32(xp - ixp)) * v);
        const c0 = ixp * 18 + o;
        const c1 = c0 + 18;
        hist[row0 + c0] = hist[row0 + c0]! + f32(vy1 * vx1);
        hist[row1 + c0] = hist[row1 + c0]! + f32(vy0 * vx1);
        hist[row0 + c1] = hist[row0 + c1]! + f32(vy1 * vx0);
        hist[row1 + c1] = hist[row1 + c1]! + f32(vy0 * vx0);
      } else {
        const xp = f32((x + 0.5) / cellSize - 0.5);
        const ixp = Math.floor(xp);
        const vx0 = f32(xp - ixp);
        const vx1 = f32(1 - vx0);
        const c0 = (ixp + 1) * 18 + o;
        const c1 = c0 + 18;
        hist[row0 + c0] = hist[row0 + c0]! + f32(f32(vy1 * vx1) * v);
        hist[row1 + c0] = hist[row1 + c0]! + f32(f32(vy0 * vx1) * v);
        hist[row0 + c1] = hist[row0 + c1]! + f32(f32(vy1 * vx0) * v);
        hist[row1 + c1] = hist[row1 + c1]! + f32(f32(vy0 * vx0) * v);
      }
    }
  }

  // Energy per cell: Σ over the 9 undirected orientations of (h[o] + h[o+9])², in float.
  const norm = new Float32Array(cellsNr * cellsNc);
  for (let r = 0; r < cellsNr; r++) {
    for (let c = 0; c < cellsNc; c++) {
      const h = ((r + 1) * histCols + c + 1) * 18;
      let n = 0;
      for (let o = 0; o < 9; o++) {
        const s = f32(hist[h + o]! + hist[h + o + 9]!);
        n = f32(n + f32(s * s));
      }
      norm[r * cellsNc + c] = n;
    }
  }

  const rows = hogNr + padRows - 1;
  const cols = hogNc + padCols - 1;
  const planeSize = rows * cols;
  const out = new Float32Array(FHOG_PLANE_COUNT * planeSize);
  const rowOffset = Math.trunc((padRows - 1) / 2);
  const colOffset = Math.trunc((padCols - 1) / 2);
  const nn = new Float64Array(4);
  const inv = new Float64Array(4);
  const t = new Float64Array(4);
  for (let y = 0; y < hogNr; y++) {
    for (let x = 0; x < hogNc; x++) {
      const a = y * cellsNc + x; // norm[y][x]
      const n00 = norm[a]!;
      const n01 = norm[a + 1]!;
      const n02 = norm[a + 2]!;
      const n10 = norm[a + cellsNc]!;
      const n11 = norm[a + cellsNc + 1]!;
      const n12 = norm[a + cellsNc + 2]!;
      const n20 = norm[a + 2 * cellsNc]!;
      const n21 = norm[a + 2 * cellsNc + 1]!;
      const n22 = norm[a + 2 * cellsNc + 2]!;
      // The four 2×2 blocks containing the cell, in dlib's lane order (z1 + z2 + z3 + z4 + eps).
      lane(nn, inv, 0, n11, n12, n21, n22);
      lane(nn, inv, 1, n01, n02, n11, n12);
      lane(nn, inv, 2, n10, n11, n20, n21);
      lane(nn, inv, 3, n00, n01, n10, n11);
      t[0] = t[1] = t[2] = t[3] = 0;
      const h = ((y + 2) * histCols + x + 2) * 18;
      const pos = (y + rowOffset) * cols + x + colOffset;
      // Contrast-sensitive features, three orientations at a time as dlib accumulates the texture sums.
      for (let o = 0; o < 18; o += 3) {
        const h0 = hist[h + o]!;
        const h1 = hist[h + o + 1]!;
        const h2 = hist[h + o + 2]!;
        out[o * planeSize + pos] = laneSum(h0, nn, inv);
        out[(o + 1) * planeSize + pos] = laneSum(h1, nn, inv);
        out[(o + 2) * planeSize + pos] = laneSum(h2, nn, inv);
        for (let k = 0; k < 4; k++) {
          const a0 = f32(Math.min(h0, nn[k]!) * inv[k]!);
          const a1 = f32(Math.min(h1, nn[k]!) * inv[k]!);
          const a2 = f32(Math.min(h2, nn[k]!) * inv[k]!);
          t[k] = f32(t[k]! + f32(f32(a0 + a1) + a2));
        }
      }
      // Contrast-insensitive features.
      for (let o = 0; o < 9; o++) {
        out[(18 + o) * planeSize + pos] = laneSum(f32(hist[h + o]! + hist[h + o + 9]!), nn, inv);
      }
      // Texture features.
      for (let k = 0; k < 4; k++) out[(27 + k) * planeSize + pos] = f32(t[k]! * TEXTURE_SCALE);
    }
  }
  return { data: out, rows, cols };
}

function lane(
  nn: Float64Array,
  inv: Float64Array,
  k: number,
  z1: number,
  z2: number,
  z3: number,
  z4: number,
): void {
  const s = f32(f32(f32(f32(z1 + z2) + z3) + z4) + EPS);
  const v = f32(F02 * f32(Math.sqrt(s)));
  nn[k] = v;
  inv[k] = f32(F01 / v);
}

/** min(h, nn)·n in the four lanes, summed as SSE2 does: (l0 + l2) + (l1 + l3). */
function laneSum(h: number, nn: Float64Array, inv: Float64Array): number {
  const l0 = f32(Math.min(h, nn[0]!) * inv[0]!);
  const l1 = f32(Math.min(h, nn[1]!) * inv[1]!);
  const l2 = f32(Math.min(h, nn[2]!) * inv[2]!);
  const l3 = f32(Math.min(h, nn[3]!) * inv[3]!);
  return f32(f32(l0 + l2) + f32(l1 + l3));
}
export function separableScalar(
  img: Float32Array,
  rows: number,
  cols: number,
  rowFilter: Float32Array,
  colFilter: Float32Array,
  scratch: Float32Array,
  out: Float32Array,
  addTo: boolean,
): void {
  const nRow = rowFilter.length;
  const nCol = colFilter.length;
  const firstRow = Math.trunc(nCol / 2);
  const firstCol = Math.trunc(nRow / 2);
  const lastRow = rows - Math.trunc((nCol - 1) / 2);
  const lastCol = cols - Math.trunc((nRow - 1) / 2);
  const blockEnd = simdBlockEnd(firstCol, lastCol);
  // Taps grouped as dlib's SSE loop groups them: three running sums over tap triples, leftovers to the first.
  const triples = Math.max(0, Math.ceil((nRow - 2) / 3));
  const colTriples = Math.max(0, Math.ceil((nCol - 2) / 3));

  for (let r = 0; r < rows; r++) {
    const base = r * cols - firstCol;
    for (let c = firstCol; c < lastCol; c++) {
      const p = base + c;
      let t: number;
      if (c < blockEnd) {
        let t1 = 0;
        let t2 = 0;
        let t3 = 0;
        let n = 0;
        for (let k = 0; k < triples; k++, n += 3) {
          t1 = f32(t1 + f32(img[p + n]! * rowFilter[n]!));
          t2 = f32(t2 + f32(img[p + n + 1]! * rowFilter[n + 1]!));
          t3 = f32(t3 + f32(img[p + n + 2]! * rowFilter[n + 2]!));
        }
        for (; n < nRow; n++) t1 = f32(t1 + f32(img[p + n]! * rowFilter[n]!));
        t = f32(t1 + f32(t2 + t3));
      } else {
        t = 0;
        for (let n = 0; n < nRow; n++) t = f32(t + f32(img[p + n]! * rowFilter[n]!));
      }
      scratch[r * cols + c] = t;
    }
  }

  if (!addTo) out.fill(0);
  for (let r = firstRow; r < lastRow; r++) {
    const top = (r - firstRow) * cols;
    for (let c = firstCol; c < lastCol; c++) {
      const p = top + c;
      let t: number;
      if (c < blockEnd) {
        let t1 = 0;
        let t2 = 0;
        let t3 = 0;
        let m = 0;
        for (let k = 0; k < colTriples; k++, m += 3) {
          t1 = f32(t1 + f32(scratch[p + m * cols]! * colFilter[m]!));
          t2 = f32(t2 + f32(scratch[p + (m + 1) * cols]! * colFilter[m + 1]!));
          t3 = f32(t3 + f32(scratch[p + (m + 2) * cols]! * colFilter[m + 2]!));
        }
        for (; m < nCol; m++) t1 = f32(t1 + f32(scratch[p + m * cols]! * colFilter[m]!));
        t = f32(t1 + f32(t2 + t3));
      } else {
        t = 0;
        for (let m = 0; m < nCol; m++) t = f32(t + f32(scratch[p + m * cols]! * colFilter[m]!));
      }
      const o = r * cols + c;
      out[o] = addTo ? f32(t + out[o]!) : t;
    }
  }
}
