import type { FhogDetectorModel } from '../models/detector-model';
import { FHOG_PLANE_COUNT } from './fhog';
import { svd } from './svd';

/** One sub-detector's filters, as scan_fhog_pyramid's `build_fhog_filterbank` makes them. */
export interface FilterBank {
  /** Full filters per plane: filterHeight × filterWidth floats, row-major. */
  filters: Float32Array[];
  /** Per plane, the separable terms kept: row filters (length filterWidth) and column filters (filterHeight). */
  rowFilters: Float32Array[][];
  colFilters: Float32Array[][];
  numSeparable: number;
  /** dlib's choice: separable filtering unless it would cost more than the full filters. */
  useSeparable: boolean;
  /** The detection threshold (the last weight). */
  threshold: number;
}

/**
 * Splits each plane's filter into rank-one terms by SVD and keeps those with a singular value of at least
 * max(1e-4, 0.001·largest), as dlib does; the terms are u·√s (columns) and v·√s (rows), cast to float.
 */
export function buildFilterBank(model: FhogDetectorModel, weights: Float64Array): FilterBank {
  const w = model.filterWidth;
  const h = model.filterHeight;
  const size = w * h;
  const filters: Float32Array[] = [];
  const rowFilters: Float32Array[][] = [];
  const colFilters: Float32Array[][] = [];
  let numSeparable = 0;
  for (let i = 0; i < FHOG_PLANE_COUNT; i++) {
    const f = weights.subarray(i * size, (i + 1) * size);
    filters.push(Float32Array.from(f));
    const { u, s, v, k } = svd(Float64Array.from(f), h, w);
    const thresh = Math.max(1e-4, (s[0] ?? 0) * 0.001);
    const rows: Float32Array[] = [];
    const cols: Float32Array[] = [];
    for (let j = 0; j < k; j++) {
      if (!(s[j]! >= thresh)) continue;
      const scale = Math.sqrt(s[j]!);
      const col = new Float32Array(h);
      const row = new Float32Array(w);
      for (let r = 0; r < h; r++) col[r] = u[r * k + j]! * scale;
      for (let c = 0; c < w; c++) row[c] = v[c * k + j]! * scale;
      cols.push(col);
      rows.push(row);
    }
    numSeparable += rows.length;
    rowFilters.push(rows);
    colFilters.push(cols);
  }
  return {
    filters,
    rowFilters,
    colFilters,
    numSeparable,
    useSeparable: !(numSeparable > (FHOG_PLANE_COUNT * Math.min(w, h)) / 3),
    threshold: weights[weights.length - 1]!,
  };
}
