import type { Pixels8 } from '../resample';
import { quadInverse, type Quad } from './quad-transform';

/** Where an aligned image came from: its footprint quad in the photo (`FaceAlignment.quad`). */
export interface AlignmentFootprint {
  quad: Quad;
}

export interface PasteFace {
  alignment: AlignmentFootprint;
  /** The edited aligned image (RGB, any size: it is sampled over the unit square of the footprint). */
  edited: Pixels8;
  /** The face's landmarks in photo pixels (iBUG 68, or any points outlining the face). */
  landmarks: ArrayLike<ArrayLike<number>>;
}

export interface PasteOptions {
  /** How far beyond the landmark hull the mask stays fully opaque, as a fraction of the quad side. */
  dilate?: number;
  /** Width of the smooth edge after that, as a fraction of the quad side. */
  feather?: number;
}

export const PASTE_DEFAULTS = { dilate: 0.02, feather: 0.05 } as const;

/**
 * Puts edited aligned faces back into the full-resolution photo. Each photo pixel near a face is mapped
 * through the inverse of its alignment's quad map into the edited image, sampled bilinearly, and blended
 * with the photo by a mask: 1 inside the convex hull of the landmarks dilated by `dilate`, falling smoothly
 * to 0 over `feather`, 0 where the quad has no data. Pixels where every mask is 0 are left exactly as they
 * were. Faces are pasted in order (a later one over an earlier one where they overlap).
 */
export function pasteBack(photo: Pixels8, faces: readonly PasteFace[], options: PasteOptions = {}): Pixels8 {
  if (photo.channels !== 3 || photo.data.length !== photo.width * photo.height * 3) {
    throw new RangeError(`pasteBack needs an RGB photo (${photo.width}×${photo.height}×${photo.channels})`);
  }
  const out: Pixels8 = { ...photo, data: photo.data.slice() };
  for (const face of faces) pasteOne(out, face, options);
  return out;
}

/** A face's blending mask over its bounding box in the photo: alpha[(y − y0)·width + (x − x0)] ∈ [0, 1]. */
export interface FaceMask {
  x0: number;
  y0: number;
  width: number;
  height: number;
  alpha: Float32Array;
  /** Per mask pixel, where it falls in the aligned image's unit square (NaN where alpha is 0). */
  s: Float32Array;
  t: Float32Array;
}

/**
 * The mask `pasteBack` blends with: 1 inside the landmarks' convex hull dilated by `dilate`·side, a
 * smoothstep to 0 over the next `feather`·side, and 0 where the alignment quad has no data (side = the quad's
 * side in photo pixels).
 */
export function faceMask(
  photoWidth: number,
  photoHeight: number,
  face: Pick<PasteFace, 'alignment' | 'landmarks'>,
  options: PasteOptions = {},
): FaceMask {
  const o = { ...PASTE_DEFAULTS, ...options };
  if (!(o.dilate >= 0 && o.feather >= 0 && o.dilate <= 1 && o.feather <= 1)) {
    throw new RangeError(`dilate and feather must be in [0, 1], got ${o.dilate}, ${o.feather}`);
  }
  const q = face.alignment.quad;
  const side = Math.hypot(q[3][0] - q[0][0], q[3][1] - q[0][1]);
  const hull = convexHull(Array.from(face.landmarks, (p) => [p[0]!, p[1]!] as [number, number]));
  if (hull.length < 3 || !hull.every((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]))) {
    throw new RangeError('pasteBack: the landmarks do not outline an area');
  }
  const solid = o.dilate * side;
  const feather = Math.max(o.feather * side, 1e-6);
  const reach = solid + feather;
  const xs = hull.map((p) => p[0]);
  const ys = hull.map((p) => p[1]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs) - reach));
  const x1 = Math.min(photoWidth - 1, Math.ceil(Math.max(...xs) + reach));
  const y0 = Math.max(0, Math.floor(Math.min(...ys) - reach));
  const y1 = Math.min(photoHeight - 1, Math.ceil(Math.max(...ys) + reach));
  const width = Math.max(0, x1 - x0 + 1);
  const height = Math.max(0, y1 - y0 + 1);
  const alpha = new Float32Array(width * height);
  const s = new Float32Array(width * height).fill(NaN);
  const t = new Float32Array(width * height).fill(NaN);
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const e = signedDistance(hull, x, y);
      if (e >= reach) continue;
      const st = quadInverse(q, x, y);
      if (!st || st[0] < 0 || st[0] > 1 || st[1] < 0 || st[1] > 1) continue;
      const u = Math.min(1, (reach - e) / feather);
      const i = (y - y0) * width + (x - x0);
      alpha[i] = u * u * (3 - 2 * u);
      s[i] = st[0];
      t[i] = st[1];
    }
  }
  return { x0, y0, width, height, alpha, s, t };
}

function pasteOne(out: Pixels8, face: PasteFace, options: PasteOptions): void {
  const { edited } = face;
  if (edited.channels !== 3 || edited.data.length !== edited.width * edited.height * 3 || edited.width < 1) {
    throw new RangeError(
      `pasteBack needs an RGB edited face (${edited.width}×${edited.height}×${edited.channels})`,
    );
  }
  const m = faceMask(out.width, out.height, face, options);
  const { width: ew, height: eh, data: ed } = edited;
  const d = out.data;
  for (let my = 0; my < m.height; my++) {
    for (let mx = 0; mx < m.width; mx++) {
      const i = my * m.width + mx;
      const alpha = m.alpha[i]!;
      if (alpha === 0) continue;
      // Edited-image pixel coordinates (centres at integers), clamped at its edges; bilinear.
      const fx = Math.min(Math.max(m.s[i]! * ew - 0.5, 0), ew - 1);
      const fy = Math.min(Math.max(m.t[i]! * eh - 0.5, 0), eh - 1);
      const ix = Math.min(Math.floor(fx), Math.max(ew - 2, 0));
      const iy = Math.min(Math.floor(fy), Math.max(eh - 2, 0));
      const dx = fx - ix;
      const dy = fy - iy;
      const i00 = (iy * ew + ix) * 3;
      const i01 = ew > 1 ? i00 + 3 : i00;
      const i10 = eh > 1 ? i00 + ew * 3 : i00;
      const i11 = ew > 1 ? i10 + 3 : i10;
      const p = ((m.y0 + my) * out.width + m.x0 + mx) * 3;
      for (let c = 0; c < 3; c++) {
        const top = ed[i00 + c]! + (ed[i01 + c]! - ed[i00 + c]!) * dx;
        const bottom = ed[i10 + c]! + (ed[i11 + c]! - ed[i10 + c]!) * dx;
        const sample = top + (bottom - top) * dy;
        d[p + c] = Math.min(255, Math.max(0, Math.round(d[p + c]! + (sample - d[p + c]!) * alpha)));
      }
    }
  }
}

/** Andrew's monotone chain: the convex hull, counter-clockwise in image coordinates' handedness. */
export function convexHull(points: [number, number][]): [number, number][] {
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (p.length < 3) return p;
  const cross = (o: [number, number], a: [number, number], b: [number, number]) =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: [number, number][] = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, q) <= 0)
      lower.pop();
    lower.push(q);
  }
  const upper: [number, number][] = [];
  for (let i = p.length - 1; i >= 0; i--) {
    const q = p[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, q) <= 0)
      upper.pop();
    upper.push(q);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}

/** Distance from (x, y) to a convex polygon's boundary, negative inside. */
export function signedDistance(poly: [number, number][], x: number, y: number): number {
  let best = Infinity;
  let inside = true;
  for (let i = 0; i < poly.length; i++) {
    const [ax, ay] = poly[i]!;
    const [bx, by] = poly[(i + 1) % poly.length]!;
    const ex = bx - ax;
    const ey = by - ay;
    const px = x - ax;
    const py = y - ay;
    if (ex * py - ey * px < 0) inside = false;
    const len2 = ex * ex + ey * ey;
    const t = len2 > 0 ? Math.min(1, Math.max(0, (px * ex + py * ey) / len2)) : 0;
    const dx = px - t * ex;
    const dy = py - t * ey;
    best = Math.min(best, dx * dx + dy * dy);
  }
  const dist = Math.sqrt(best);
  return inside ? -dist : dist;
}
