import type { RgbImage } from '../image';

const f32 = Math.fround;

/**
 * dlib's `resize_image(in, out, interpolate_bilinear())` for two `rgb_pixel` images, bit for bit. dlib runs
 * the columns four at a time in SSE float arithmetic and truncates (no rounding), then finishes the last
 * columns of each row in double arithmetic, again truncating. Both paths are reproduced: which one a pixel
 * takes decides its value.
 */
export function resizeRgbBilinear(src: RgbImage, outWidth: number, outHeight: number): RgbImage {
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
