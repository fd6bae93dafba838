import type { FilterBank } from './filter-bank';
import type { FhogPlanes } from './fhog';
import type { Rect } from './rectangle';

const f32 = Math.fround;

/** Detector response over one FHOG level, and the rectangle of it that is valid (away from the borders). */
export interface Saliency {
  data: Float32Array;
  rows: number;
  cols: number;
  area: Rect;
}

/**
 * scan_fhog_pyramid's `apply_filters_to_fhog`: the sum over planes of each plane correlated with its filter.
 * Separable banks follow dlib's `float_spatially_filter_image_separable` operation for operation (its SSE
 * blocks of 8 columns keep three partial sums per tap triple; the last columns are summed in order), so the
 * scores come out as dlib's floats. Full filters are summed in plain order.
 */
export function applyFilters(
  bank: FilterBank,
  planes: FhogPlanes,
  filterWidth: number,
  filterHeight: number,
): Saliency {
  const { rows, cols } = planes;
  const out = new Float32Array(rows * cols);
  const firstRow = Math.trunc(filterHeight / 2);
  const firstCol = Math.trunc(filterWidth / 2);
  const lastRow = rows - Math.trunc((filterHeight - 1) / 2);
  const lastCol = cols - Math.trunc((filterWidth - 1) / 2);
  const area = { left: firstCol, top: firstRow, right: lastCol - 1, bottom: lastRow - 1 };
  if (rows === 0 || cols === 0) return { data: out, rows, cols, area };
  const planeSize = rows * cols;
  if (bank.useSeparable) {
    const scratch = new Float32Array(rows * cols);
    let first = true;
    for (let i = 0; i < bank.rowFilters.length; i++) {
      const plane = planes.data.subarray(i * planeSize, (i + 1) * planeSize);
      for (let j = 0; j < bank.rowFilters[i]!.length; j++) {
        separable(plane, rows, cols, bank.rowFilters[i]![j]!, bank.colFilters[i]![j]!, scratch, out, !first);
        first = false;
      }
    }
  } else {
    for (let i = 0; i < bank.filters.length; i++) {
      const plane = planes.data.subarray(i * planeSize, (i + 1) * planeSize);
      const f = bank.filters[i]!;
      for (let r = firstRow; r < lastRow; r++) {
        for (let c = firstCol; c < lastCol; c++) {
          let acc = 0;
          for (let m = 0; m < filterHeight; m++) {
            const base = (r - firstRow + m) * cols + c - firstCol;
            for (let n = 0; n < filterWidth; n++)
              acc = f32(acc + f32(plane[base + n]! * f[m * filterWidth + n]!));
          }
          out[r * cols + c] = i === 0 ? acc : f32(out[r * cols + c]! + acc);
        }
      }
    }
  }
  return { data: out, rows, cols, area };
}

/** Columns dlib processes 8 at a time in [first, last): the SSE blocks end where the scalar tail starts. */
function simdEnd(first: number, last: number): number {
  const blocks = last - 7 > first ? Math.ceil((last - 7 - first) / 8) : 0;
  return first + 8 * blocks;
}

/**
 * One rank-one term: row filter over every row into `scratch`, then column filter into `out` (added when
 * `addTo`). Border values of `out` stay zero.
 */
function separable(
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
  const blockEnd = simdEnd(firstCol, lastCol);
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
