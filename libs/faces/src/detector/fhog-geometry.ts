import { centeredRect, idiv, type Rect } from './rectangle';

// Mapping between image pixels and FHOG cells (dlib's image_to_fhog / fhog_to_image), and the filter size a
// detection window needs.

function pointImageToFhog(
  x: number,
  y: number,
  cellSize: number,
  padRows: number,
  padCols: number,
): [number, number] {
  // One pixel of border around the image, and one cell of border around the HOG image.
  return [idiv(x - 1, cellSize) - 1 + idiv(padCols - 1, 2), idiv(y - 1, cellSize) - 1 + idiv(padRows - 1, 2)];
}

export function imageToFhog(r: Rect, cellSize: number, padRows = 1, padCols = 1): Rect {
  const [left, top] = pointImageToFhog(r.left, r.top, cellSize, padRows, padCols);
  const [right, bottom] = pointImageToFhog(r.right, r.bottom, cellSize, padRows, padCols);
  return { left, top, right, bottom };
}

function pointFhogToImage(
  x: number,
  y: number,
  cellSize: number,
  padRows: number,
  padCols: number,
): [number, number] {
  const px = (x + 1 - idiv(padCols - 1, 2)) * cellSize + 1;
  const py = (y + 1 - idiv(padRows - 1, 2)) * cellSize + 1;
  // The centre of the cell, on the side of zero the point is on.
  const half = idiv(cellSize, 2);
  return [px + (px >= 0 ? half : -half), py + (py >= 0 ? half : -half)];
}

export function fhogToImage(r: Rect, cellSize: number, padRows = 1, padCols = 1): Rect {
  const [left, top] = pointFhogToImage(r.left, r.top, cellSize, padRows, padCols);
  const [right, bottom] = pointFhogToImage(r.right, r.bottom, cellSize, padRows, padCols);
  return { left, top, right, bottom };
}

/** scan_fhog_pyramid's `compute_fhog_window_size`: the filter size (in cells) of a detection window. */
export function fhogWindowSize(
  windowWidth: number,
  windowHeight: number,
  cellSize: number,
  padding: number,
): { width: number; height: number } {
  const r = imageToFhog(centeredRect(0, 0, windowWidth, windowHeight), cellSize, 1, 1);
  return { width: r.right - r.left + 1 + 2 * padding, height: r.bottom - r.top + 1 + 2 * padding };
}
