import type { RgbImage } from '../image';
import { roundRect, type Rect } from './rectangle';
import { resizeRgbBilinear } from './resize';
import type { Workspace } from './workspace';

// dlib's image pyramids: pyramid_down<6> (the detector's: each level 5/6 of the previous) and pyramid_down<2>'s
// pyramid_up (the Python binding's upsampling), with their point/rectangle mappings in double arithmetic.

/** pyramid_down<6>: rows and columns become floor(5n/6), resampled by dlib's bilinear `resize_image`. */
export function pyramidDown6(ws: Workspace, img: RgbImage): RgbImage {
  return resizeRgbBilinear(ws, img, Math.trunc((5 * img.width) / 6), Math.trunc((5 * img.height) / 6));
}

const DOWN6 = 5 / 6;
const UP6 = 6 / 5;

/** pyramid_down<6>::rect_down of an integer rectangle, rounded back to integers. */
export function rectDown6(r: Rect): Rect {
  return roundRect(
    (r.left - 0.3) * DOWN6,
    (r.top - 0.3) * DOWN6,
    (r.right - 0.3) * DOWN6,
    (r.bottom - 0.3) * DOWN6,
  );
}

/** pyramid_down<6>::rect_up(rect, levels): a rectangle at pyramid level `levels` mapped to the original image. */
export function rectUp6(r: Rect, levels: number): Rect {
  let l = r.left;
  let t = r.top;
  let rr = r.right;
  let b = r.bottom;
  for (let i = 0; i < levels; i++) {
    l = l * UP6 + 0.3;
    t = t * UP6 + 0.3;
    rr = rr * UP6 + 0.3;
    b = b * UP6 + 0.3;
  }
  return roundRect(l, t, rr, b);
}

/** pyramid_down<2>::rect_down(rect, levels): a box found on an upsampled image mapped to the original. */
export function rectDown2(r: Rect, levels: number): Rect {
  let l = r.left;
  let t = r.top;
  let rr = r.right;
  let b = r.bottom;
  for (let i = 0; i < levels; i++) {
    l = l / 2 - 1.25;
    t = t / 2 - 0.75;
    rr = rr / 2 - 1.25;
    b = b / 2 - 0.75;
  }
  return roundRect(l, t, rr, b);
}

/** dlib's `pyramid_up(img, out, pyramid_down<2>())`: the size of rect_up of the image, bilinear resampling. */
export function pyramidUp2(ws: Workspace, img: RgbImage): RgbImage {
  const up = roundRect(1.25 * 2, 0.75 * 2, (img.width - 1 + 1.25) * 2, (img.height - 1 + 0.75) * 2);
  return resizeRgbBilinear(ws, img, up.right + 1, up.bottom + 1);
}
