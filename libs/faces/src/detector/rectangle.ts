// dlib's integer `rectangle` (inclusive corners) and the handful of its operations the detector uses.

/** A dlib rectangle: inclusive pixel corners; empty when right < left or bottom < top. */
export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export const rectWidth = (r: Rect): number =>
  r.right < r.left || r.bottom < r.top ? 0 : r.right - r.left + 1;
export const rectHeight = (r: Rect): number =>
  r.right < r.left || r.bottom < r.top ? 0 : r.bottom - r.top + 1;
export const rectArea = (r: Rect): number => rectWidth(r) * rectHeight(r);

export function intersect(a: Rect, b: Rect): Rect {
  return {
    left: Math.max(a.left, b.left),
    top: Math.max(a.top, b.top),
    right: Math.min(a.right, b.right),
    bottom: Math.min(a.bottom, b.bottom),
  };
}

/** Bounding box of two rectangles (dlib's `a + b`; an empty operand does not count). */
export function union(a: Rect, b: Rect): Rect {
  if (rectArea(a) === 0) return b;
  if (rectArea(b) === 0) return a;
  return {
    left: Math.min(a.left, b.left),
    top: Math.min(a.top, b.top),
    right: Math.max(a.right, b.right),
    bottom: Math.max(a.bottom, b.bottom),
  };
}

/** C++ integer division (truncates toward zero). */
export const idiv = (a: number, b: number): number => Math.trunc(a / b);

/** dlib's `centered_rect(p, width, height)`. */
export function centeredRect(x: number, y: number, width: number, height: number): Rect {
  const left = x - idiv(width, 2);
  const top = y - idiv(height, 2);
  return { left, top, right: left + width - 1, bottom: top + height - 1 };
}

/** dlib's `drectangle` → `rectangle` conversion: each corner rounded with floor(v + 0.5). */
export function roundRect(l: number, t: number, r: number, b: number): Rect {
  return {
    left: Math.floor(l + 0.5),
    top: Math.floor(t + 0.5),
    right: Math.floor(r + 0.5),
    bottom: Math.floor(b + 0.5),
  };
}
