import type { Pixels8 } from '../resample';

/** Four corners, (x, y) each, in the order Pillow's QUAD transform takes them: NW, SW, SE, NE. */
export type Quad = [[number, number], [number, number], [number, number], [number, number]];

/**
 * Pillow's `img.transform((size, size), Image.QUAD, data, Image.BILINEAR)` on an 8-bit image: output pixel
 * (i, j) samples the source at x = a0 + a1·u + a2·v + a3·u·v (same for y) with u = i + 0.5, v = j + 0.5 and
 * the coefficients Pillow's `__transformer` derives from the corners. A sample with x ∉ [0, W) or y ∉ [0, H)
 * is black; otherwise the source is read at (x − 0.5, y − 0.5) with clamped neighbours and the bilinear
 * result truncated (a C cast), channel by channel.
 */
export function quadTransform(src: Pixels8, size: number, data: readonly number[]): Pixels8 {
  const [x0, y0, swx, swy, sex, sey, nex, ney] = data as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const As = 1.0 / size;
  const At = 1.0 / size;
  const a0 = x0;
  const a1 = (nex - x0) * As;
  const a2 = (swx - x0) * At;
  const a3 = (sex - swx - nex + x0) * As * At;
  const a4 = y0;
  const a5 = (ney - y0) * As;
  const a6 = (swy - y0) * At;
  const a7 = (sey - swy - ney + y0) * As * At;
  const { width: W, height: H, channels: C, data: inp } = src;
  const out = new Uint8Array(size * size * C);
  // Pillow evaluates ((a0 + a1·u) + a2·v) + (a3·u)·v per pixel; the u-only and v-only parts are computed once
  // (same operations in the same order, so the same doubles).
  const xu = new Float64Array(size);
  const xuv = new Float64Array(size);
  const yu = new Float64Array(size);
  const yuv = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const u = i + 0.5;
    xu[i] = a0 + a1 * u;
    xuv[i] = a3 * u;
    yu[i] = a4 + a5 * u;
    yuv[i] = a7 * u;
  }
  for (let j = 0; j < size; j++) {
    const v = j + 0.5;
    const xv = a2 * v;
    const yv = a6 * v;
    for (let i = 0; i < size; i++) {
      let xin = xu[i]! + xv + xuv[i]! * v;
      let yin = yu[i]! + yv + yuv[i]! * v;
      if (!(xin >= 0 && xin < W && yin >= 0 && yin < H)) continue; // black
      xin -= 0.5;
      yin -= 0.5;
      const x = Math.floor(xin);
      const y = Math.floor(yin);
      const dx = xin - x;
      const dy = yin - y;
      const row0 = (y < 0 ? 0 : y < H ? y : H - 1) * W;
      const hasRow1 = y + 1 >= 0 && y + 1 < H;
      const row1 = (y + 1) * W;
      const c0 = (x < 0 ? 0 : x < W ? x : W - 1) * C;
      const c1 = (x + 1 < 0 ? 0 : x + 1 < W ? x + 1 : W - 1) * C;
      const o = (j * size + i) * C;
      for (let c = 0; c < C; c++) {
        const t0 = inp[row0 * C + c0 + c]!;
        const t1 = inp[row0 * C + c1 + c]!;
        let v1 = t0 + (t1 - t0) * dx;
        let v2 = v1;
        if (hasRow1) {
          const b0 = inp[row1 * C + c0 + c]!;
          const b1 = inp[row1 * C + c1 + c]!;
          v2 = b0 + (b1 - b0) * dx;
        }
        v1 = v1 + (v2 - v1) * dy;
        out[o + c] = Math.trunc(v1);
      }
    }
  }
  return { data: out, width: size, height: size, channels: C };
}

/** The point of the bilinear quad map at (s, t) ∈ [0,1]²: nw + (ne−nw)s + (sw−nw)t + (se−sw−ne+nw)st. */
export function quadPoint(q: Quad, s: number, t: number): [number, number] {
  const [nw, sw, se, ne] = q;
  return [
    nw[0] + (ne[0] - nw[0]) * s + (sw[0] - nw[0]) * t + (se[0] - sw[0] - ne[0] + nw[0]) * s * t,
    nw[1] + (ne[1] - nw[1]) * s + (sw[1] - nw[1]) * t + (se[1] - sw[1] - ne[1] + nw[1]) * s * t,
  ];
}

/**
 * Inverse of `quadPoint`: the (s, t) that maps to (x, y), solving the bilinear map's quadratic (for FFHQ's
 * quads, parallelograms, it is linear). Returns null where the map has no real solution.
 */
export function quadInverse(q: Quad, x: number, y: number): [number, number] | null {
  const [nw, sw, se, ne] = q;
  const ax = ne[0] - nw[0];
  const ay = ne[1] - nw[1];
  const bx = sw[0] - nw[0];
  const by = sw[1] - nw[1];
  const cx = se[0] - sw[0] - ne[0] + nw[0];
  const cy = se[1] - sw[1] - ne[1] + nw[1];
  const px = x - nw[0];
  const py = y - nw[1];
  // p = a·s + b·t + c·s·t. Eliminating s gives k2·t² + k1·t + k0 = 0.
  const k2 = cross(cx, cy, bx, by);
  const k1 = cross(ax, ay, bx, by) + cross(px, py, cx, cy);
  const k0 = cross(px, py, ax, ay);
  let t: number;
  const scale = Math.abs(cross(ax, ay, bx, by));
  if (Math.abs(k2) <= 1e-12 * scale) {
    if (k1 === 0) return null;
    t = -k0 / k1;
  } else {
    const disc = k1 * k1 - 4 * k2 * k0;
    if (disc < 0) return null;
    const r = Math.sqrt(disc);
    const t1 = (-k1 + r) / (2 * k2);
    const t2 = (-k1 - r) / (2 * k2);
    t = Math.abs(t1 - 0.5) <= Math.abs(t2 - 0.5) ? t1 : t2;
  }
  const dx = ax + cx * t;
  const dy = ay + cy * t;
  const s = Math.abs(dx) >= Math.abs(dy) ? (px - bx * t) / dx : (py - by * t) / dy;
  return Number.isFinite(s) && Number.isFinite(t) ? [s, t] : null;
}

const cross = (ax: number, ay: number, bx: number, by: number): number => ax * by - ay * bx;
