import type { FilterBank } from './filter-bank';
import { FHOG_PLANE_COUNT, type FhogPlanes } from './fhog';
import type { Rect } from './rectangle';
import type { Workspace } from './workspace';

const f32 = Math.fround;

/** Detector response over one FHOG level, and the rectangle of it that is valid (away from the borders). */
export interface Saliency {
  data: Float32Array;
  rows: number;
  cols: number;
  area: Rect;
}

/** Columns dlib's SSE loop covers in [first, last): blocks of 8 while the block starts before last − 7. */
export function simdBlockEnd(first: number, last: number): number {
  return first + 8 * (last - 7 > first ? Math.ceil((last - 7 - first) / 8) : 0);
}

/**
 * scan_fhog_pyramid's `apply_filters_to_fhog` for every sub-detector over one pyramid level at a time: the
 * level's planes are copied once into WebAssembly memory, then each bank's rank-one terms run through the
 * separable kernels (dlib's `float_spatially_filter_image_separable`, bit for bit). Banks dlib would run as
 * full filters (more rank-one terms than that costs) are summed in plain float order in JavaScript.
 */
export class FilterEngine {
  /** Byte addresses of each bank's row and column filters, placed once for the detector's lifetime. */
  private readonly filterAt: { row: number; col: number }[][];
  private planes: FhogPlanes = { at: 0, rows: 0, cols: 0 };
  private scratchAt = 0;
  private outAt = 0;

  constructor(
    private readonly ws: Workspace,
    private readonly banks: FilterBank[],
    private readonly filterWidth: number,
    private readonly filterHeight: number,
  ) {
    this.filterAt = banks.map((bank) =>
      bank.rowFilters.flatMap((rows, i) =>
        rows.map((row, j) => ({ row: ws.put(row), col: ws.put(bank.colFilters[i]![j]!) })),
      ),
    );
  }

  /** Makes `planes` the level `saliency` filters (allocates its buffers: release with the caller's mark). */
  load(planes: FhogPlanes): void {
    this.planes = planes;
    const planeBytes = planes.rows * planes.cols * 4;
    this.scratchAt = this.ws.alloc(planeBytes);
    this.outAt = this.ws.alloc(planeBytes);
  }

  /** Bank `b`'s response over the loaded level. The data is a view valid until the next call. */
  saliency(b: number): Saliency {
    const { rows, cols } = this.planes;
    const fw = this.filterWidth;
    const fh = this.filterHeight;
    const firstRow = Math.trunc(fh / 2);
    const firstCol = Math.trunc(fw / 2);
    const lastRow = rows - Math.trunc((fh - 1) / 2);
    const lastCol = cols - Math.trunc((fw - 1) / 2);
    const area = { left: firstCol, top: firstRow, right: lastCol - 1, bottom: lastRow - 1 };
    const size = rows * cols;
    const bank = this.banks[b]!;
    if (size === 0) return { data: new Float32Array(0), rows, cols, area };
    if (!bank.useSeparable)
      return {
        data: fullFilters(bank, this.ws.f32(this.planes.at, FHOG_PLANE_COUNT * size), rows, cols, fw, fh),
        rows,
        cols,
        area,
      };
    const out = this.ws.f32(this.outAt, size);
    out.fill(0);
    const blockEnd = simdBlockEnd(firstCol, lastCol);
    let term = 0;
    let first = true;
    for (let i = 0; i < bank.rowFilters.length; i++) {
      const plane = this.planes.at + i * size * 4;
      for (let j = 0; j < bank.rowFilters[i]!.length; j++) {
        const at = this.filterAt[b]![term++]!;
        this.ws.kernels.rowPass(plane, this.scratchAt, rows, cols, at.row, firstCol, lastCol, blockEnd);
        this.ws.kernels.colPass(
          this.scratchAt,
          this.outAt,
          cols,
          at.col,
          firstRow,
          lastRow,
          firstCol,
          lastCol,
          blockEnd,
          first ? 0 : 1,
        );
        first = false;
      }
    }
    return { data: out, rows, cols, area };
  }
}

/** dlib's full-filter path: every plane correlated with its filter, summed into the response. */
function fullFilters(
  bank: FilterBank,
  planes: Float32Array,
  rows: number,
  cols: number,
  fw: number,
  fh: number,
): Float32Array {
  const out = new Float32Array(rows * cols);
  const firstRow = Math.trunc(fh / 2);
  const firstCol = Math.trunc(fw / 2);
  const lastRow = rows - Math.trunc((fh - 1) / 2);
  const lastCol = cols - Math.trunc((fw - 1) / 2);
  for (let i = 0; i < bank.filters.length; i++) {
    const plane = planes.subarray(i * rows * cols, (i + 1) * rows * cols);
    const f = bank.filters[i]!;
    for (let r = firstRow; r < lastRow; r++) {
      for (let c = firstCol; c < lastCol; c++) {
        let acc = 0;
        for (let m = 0; m < fh; m++) {
          const base = (r - firstRow + m) * cols + c - firstCol;
          for (let n = 0; n < fw; n++) acc = f32(acc + f32(plane[base + n]! * f[m * fw + n]!));
        }
        out[r * cols + c] = i === 0 ? acc : f32(out[r * cols + c]! + acc);
      }
    }
  }
  return out;
}
