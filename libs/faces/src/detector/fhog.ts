import type { RgbImage } from '../image';
import type { Workspace } from './workspace';

const f32 = Math.fround;

/** 18 contrast-sensitive + 9 contrast-insensitive orientation planes + 4 texture planes. */
export const FHOG_PLANE_COUNT = 31;

/** FHOG planes of one image in the workspace: `FHOG_PLANE_COUNT` planes of rows × cols floats at byte `at`. */
export interface FhogPlanes {
  at: number;
  rows: number;
  cols: number;
}

const DIR_X = [1.0, 0.9397, 0.766, 0.5, 0.1736, -0.1736, -0.5, -0.766, -0.9397].map(f32);
const DIR_Y = [0.0, 0.342, 0.6428, 0.866, 0.9848, 0.9848, 0.866, 0.6428, 0.342].map(f32);

/** Orientation bin (0…17) of every integer gradient (gx, gy) ∈ [−255, 255]², computed once in dlib's float arithmetic. */
let orientationTable: Uint8Array | undefined;
export function orientationBins(): Uint8Array {
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
 * pixel follows the path dlib takes for it. The per-pixel loops run in WebAssembly (image-kernels.ts); the
 * planes are allocated in the workspace, the temporaries released.
 */
export function extractFhog(
  ws: Workspace,
  img: RgbImage,
  cellSize: number,
  padRows: number,
  padCols: number,
): FhogPlanes {
  const { width: nc, height: nr, rgb } = img;
  const cellsNr = Math.trunc(f32(nr / cellSize) + 0.5);
  const cellsNc = Math.trunc(f32(nc / cellSize) + 0.5);
  const hogNr = Math.max(cellsNr - 2, 0);
  const hogNc = Math.max(cellsNc - 2, 0);
  if (cellsNr === 0 || cellsNc === 0 || hogNr === 0 || hogNc === 0) return { at: 0, rows: 0, cols: 0 };

  const histCols = cellsNc + 2;
  const histLength = (cellsNr + 2) * histCols * 18;
  const visibleNr = Math.min(cellsNr * cellSize, nr) - 1;
  const visibleNc = Math.min(cellsNc * cellSize, nc) - 1;

  // Per-column bilinear weights and histogram columns. dlib's SSE blocks (x in [1, simdEnd)) and its scalar
  // tail compute them differently: the tables hold each column's own version.
  const simdEnd = visibleNc - 7 > 1 ? 1 + Math.ceil((visibleNc - 8) / 8) * 8 : 1;
  // 16 bytes per column: its histogram cell's byte offset in a histogram row (i32), then w0 and w1 (f32).
  const colTable = new ArrayBuffer(16 * nc);
  const colInts = new Int32Array(colTable);
  const colFloats = new Float32Array(colTable);
  for (let x = 1; x < visibleNc; x++) {
    const simd = x < simdEnd;
    const xp = simd ? f32(f32(f32(x + 0.5) / cellSize) + 0.5) : f32((x + 0.5) / cellSize - 0.5);
    const ixp = simd ? Math.trunc(xp) : Math.floor(xp);
    const w0 = f32(xp - ixp);
    colInts[4 * x] = (simd ? ixp : ixp + 1) * 18 * 4;
    colFloats[4 * x + 1] = w0;
    colFloats[4 * x + 2] = f32(1 - w0);
  }
  const rowVy0 = new Float32Array(nr);
  const rowVy1 = new Float32Array(nr);
  const rowBin = new Int32Array(nr);
  for (let y = 1; y < visibleNr; y++) {
    const yp = f32((y + 0.5) / cellSize - 0.5);
    const iyp = Math.floor(yp);
    rowVy0[y] = f32(yp - iyp);
    rowVy1[y] = f32(1 - rowVy0[y]!);
    rowBin[y] = (iyp + 1) * histCols * 18;
  }

  const rows = hogNr + padRows - 1;
  const cols = hogNc + padCols - 1;
  const planesLength = FHOG_PLANE_COUNT * rows * cols;
  const planesAt = ws.alloc(planesLength * 4);
  const mark = ws.mark;
  try {
    const histAt = ws.alloc(histLength * 4);
    const normAt = ws.alloc(cellsNr * cellsNc * 4);
    const imgAt = ws.put(rgb);
    const tables = [
      ws.put(new Uint8Array(colTable)),
      ws.put(rowVy0),
      ws.put(rowVy1),
      ws.put(rowBin.map((b) => histAt + 4 * b)),
    ] as const;
    const orientationAt = ws.put(orientationBins());
    ws.f32(histAt, histLength).fill(0);
    ws.f32(planesAt, planesLength).fill(0);
    ws.kernels.fhogHistogram(
      imgAt,
      nc * 3,
      visibleNr,
      simdEnd,
      visibleNc,
      orientationAt,
      ...tables,
      histCols * 18 * 4,
    );
    const rowOffset = Math.trunc((padRows - 1) / 2);
    const colOffset = Math.trunc((padCols - 1) / 2);
    ws.kernels.fhogFeatures(
      histAt,
      normAt,
      cellsNr,
      cellsNc,
      planesAt,
      hogNr,
      hogNc,
      cols,
      rows * cols * 4,
      rowOffset,
      colOffset,
    );
  } finally {
    ws.release(mark);
  }
  return { at: planesAt, rows, cols };
}
