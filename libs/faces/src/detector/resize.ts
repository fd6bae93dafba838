import type { RgbImage } from '../image';
import type { Workspace } from './workspace';

const f32 = Math.fround;

/**
 * dlib's `resize_image(in, out, interpolate_bilinear())` for two `rgb_pixel` images, bit for bit. dlib runs
 * the columns four at a time in SSE float arithmetic and truncates (no rounding), then finishes the last
 * columns of each row in double arithmetic, again truncating. Both paths are reproduced (which one a pixel
 * takes decides its value): the SSE columns by a WebAssembly kernel, the rest here.
 */
export function resizeRgbBilinear(
  ws: Workspace,
  src: RgbImage,
  outWidth: number,
  outHeight: number,
): RgbImage {
  const { width: inW, height: inH, rgb: inp } = src;
  if (outWidth === 0 || outHeight === 0)
    return { rgb: new Uint8Array(outWidth * outHeight * 3), width: outWidth, height: outHeight };
  const xScale = (inW - 1) / Math.max(outWidth - 1, 1);
  const yScale = (inH - 1) / Math.max(outHeight - 1, 1);

  // Columns of the SSE loop: four lanes start at float(−4·xScale + k·xScale) and advance by float(4·xScale)
  // per block, in float; a block runs while its last lane's right neighbour is inside the image.
  const xScale4 = f32(4 * xScale);
  const x0 = -4 * xScale;
  const lanes = [f32(x0), f32(x0 + xScale), f32(x0 + 2 * xScale), f32(x0 + 3 * xScale)];
  const colLeft: number[] = [];
  const colLr: number[] = [];
  while (true) {
    for (let k = 0; k < 4; k++) lanes[k] = f32(lanes[k]! + xScale4);
    // (The second test never fires for a valid resize; it keeps a degenerate one inside the output.)
    if (Math.trunc(lanes[3]!) + 1 >= inW || colLeft.length + 4 > outWidth) break;
    for (let k = 0; k < 4; k++) {
      const left = Math.trunc(lanes[k]!); // cvttps: truncation toward zero
      colLeft.push(left * 3);
      colLr.push(f32(lanes[k]! - left));
    }
  }
  const simdCols = colLeft.length;

  const rowTb = new Float32Array(outHeight);
  const rowInvTb = new Float32Array(outHeight);
  const rowTbFrac = new Float64Array(outHeight);
  const rowTopIndex = new Int32Array(outHeight);
  const rowBottomIndex = new Int32Array(outHeight);
  let y = -yScale;
  for (let r = 0; r < outHeight; r++) {
    y += yScale;
    const top = Math.floor(y);
    rowTopIndex[r] = top;
    rowBottomIndex[r] = Math.min(top + 1, inH - 1);
    rowTbFrac[r] = y - top;
    rowTb[r] = y - top;
    rowInvTb[r] = 1 - (y - top);
  }

  const mark = ws.mark;
  try {
    const srcAt = ws.put(inp);
    const dstAt = ws.alloc(outWidth * outHeight * 3);
    const rowTop = ws.put(rowTopIndex.map((t) => srcAt + t * inW * 3));
    const rowBottom = ws.put(rowBottomIndex.map((b) => srcAt + b * inW * 3));
    const tbAt = ws.put(rowTb);
    const invTbAt = ws.put(rowInvTb);
    // 16 bytes per column: left pixel byte offset (i32), lr, 1 − lr (f32).
    const table = new ArrayBuffer(16 * Math.max(simdCols, 1));
    const ints = new Int32Array(table);
    const floats = new Float32Array(table);
    for (let c = 0; c < simdCols; c++) {
      ints[4 * c] = colLeft[c]!;
      floats[4 * c + 1] = colLr[c]!;
      floats[4 * c + 2] = 1 - colLr[c]!;
    }
    const colsAt = ws.put(new Uint8Array(table));
    ws.kernels.resize(dstAt, outWidth, outHeight, simdCols, rowTop, rowBottom, tbAt, invTbAt, colsAt);
    const out = ws.u8(dstAt, outWidth * outHeight * 3).slice();

    // dlib's scalar tail, in double: x restarts at −xScale + c·xScale and advances by xScale.
    for (let r = 0; r < outHeight; r++) {
      const tbFrac = rowTbFrac[r]!;
      const topRow = rowTopIndex[r]! * inW * 3;
      const bottomRow = rowBottomIndex[r]! * inW * 3;
      let x = -xScale + simdCols * xScale;
      for (let c = simdCols; c < outWidth; c++) {
        x += xScale;
        const left = Math.floor(x);
        const right = Math.min(left + 1, inW - 1);
        const lr = x - left;
        const o = (r * outWidth + c) * 3;
        for (let k = 0; k < 3; k++) {
          const v =
            (1 - tbFrac) * ((1 - lr) * inp[topRow + left * 3 + k]! + lr * inp[topRow + right * 3 + k]!) +
            tbFrac * ((1 - lr) * inp[bottomRow + left * 3 + k]! + lr * inp[bottomRow + right * 3 + k]!);
          out[o + k] = Math.trunc(v);
        }
      }
    }
    return { rgb: out, width: outWidth, height: outHeight };
  } finally {
    ws.release(mark);
  }
}
