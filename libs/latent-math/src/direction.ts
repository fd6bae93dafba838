import type { Array32 } from './array';
import { array32 } from './array';
import { fs3Coverage, sOffsets, sWidth, type SLayerInfo } from './layout';

export class DirectionError extends Error {
  constructor(
    message: string,
    readonly code: 'no_channels' | 'bad_input',
  ) {
    super(message);
    this.name = 'DirectionError';
  }
}

export interface TopChannel {
  /** S layer index (StyleSpace order). */
  layer: number;
  layerName?: string;
  /** Channel within the layer. */
  channel: number;
  /** r / max|r| after thresholding (signed, in [−1, 1]). */
  weight: number;
}

export interface GlobalDirection {
  /** Δs over all S layers, StyleSpace order (toRGB and uncovered layers are 0). */
  ds: Float32Array;
  /** Channels with |r| ≥ β. */
  kept: number;
  beta: number;
  /** Largest |r| over all channels (what the user can lower β to). */
  maxAbsRelevance: number;
  top: TopChannel[];
}

export interface DirectionInput {
  /** Channel relevance table, rows × embedDim, row-major (unit rows). */
  fs3: Float32Array;
  rows: number;
  /** Unit text direction Δt (embedDim). */
  dt: Float32Array;
  beta: number;
  /** Per-channel S std over all layers (ΣC). */
  sStd: Float32Array;
  layout: readonly SLayerInfo[];
  topK?: number;
  /** channelRelevance(fs3, rows, dt) when the caller already has it (auto-β needs it first). */
  relevance?: Float32Array;
}

/** r = fs3 · Δt, one relevance per fs3 row. */
export function channelRelevance(fs3: Float32Array, rows: number, dt: Float32Array): Float32Array {
  const d = dt.length;
  if (fs3.length !== rows * d)
    throw new DirectionError(`fs3 has ${fs3.length} values, expected ${rows}×${d}`, 'bad_input');
  const r = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += fs3[i * d + k]! * dt[k]!;
    r[i] = s;
  }
  return r;
}

/** Candidate β values of the auto choice: 0.10, 0.11, …, 0.29 (StyleCLIP's GUI). */
const AUTO_BETA_CANDIDATES = Array.from({ length: 20 }, (_, i) => Math.round((0.1 + 0.01 * i) * 100) / 100);

/**
 * The largest candidate β that keeps more than `threshold` channels (20 for FFHQ in the official GUI);
 * 0.10 when none does.
 */
export function autoBeta(relevance: Float32Array, threshold = 20): number {
  let best = AUTO_BETA_CANDIDATES[0]!;
  for (const beta of AUTO_BETA_CANDIDATES) if (keptChannels(relevance, beta) > threshold) best = beta;
  return best;
}

export function keptChannels(relevance: Float32Array, beta: number): number {
  let kept = 0;
  for (const v of relevance) if (Math.abs(v) >= beta) kept++;
  return kept;
}

/**
 * StyleCLIP's boundary: zero |r| < β (strictly below), divide by max |r|, split over the covered non-toRGB
 * layers in order and multiply by each layer's S std. Zero kept channels is an error naming max |r|.
 */
export function globalDirection(input: DirectionInput): GlobalDirection {
  const { layout, beta } = input;
  if (!(beta >= 0 && beta <= 1)) throw new DirectionError(`β must be in [0, 1], got ${beta}`, 'bad_input');
  const width = sWidth(layout);
  if (input.sStd.length !== width)
    throw new DirectionError(`S std has ${input.sStd.length} values, S has ${width}`, 'bad_input');
  const covered = fs3Coverage(layout, input.rows);
  if (input.relevance && input.relevance.length !== input.rows)
    throw new DirectionError(
      `relevance has ${input.relevance.length} values, fs3 has ${input.rows} rows`,
      'bad_input',
    );
  const r = input.relevance ?? channelRelevance(input.fs3, input.rows, input.dt);
  let maxAbs = 0;
  for (const v of r) maxAbs = Math.max(maxAbs, Math.abs(v));
  let keptMax = 0;
  let kept = 0;
  for (const v of r) {
    if (Math.abs(v) >= beta) {
      kept++;
      keptMax = Math.max(keptMax, Math.abs(v));
    }
  }
  if (kept === 0) {
    throw new DirectionError(
      `no channel passes β = ${beta}: the largest channel relevance |r| is ${maxAbs.toFixed(4)}; use a β at or below it`,
      'no_channels',
    );
  }
  const offsets = sOffsets(layout);
  const ds = new Float32Array(width);
  const top: TopChannel[] = [];
  let row = 0;
  for (const layer of covered) {
    const { channels, name } = layout[layer]!;
    for (let c = 0; c < channels; c++, row++) {
      const v = r[row]!;
      if (Math.abs(v) < beta) continue;
      const weight = v / keptMax;
      ds[offsets[layer]! + c] = weight * input.sStd[offsets[layer]! + c]!;
      top.push({ layer, ...(name ? { layerName: name } : {}), channel: c, weight });
    }
  }
  top.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  return { ds, kept, beta, maxAbsRelevance: maxAbs, top: top.slice(0, input.topK ?? 20) };
}

/** s' = s + α·Δs for every α: [N,C] → [N·A,C], grouped by image then α (a strength strip per image). */
export function applyDirection(s: Array32, ds: Float32Array, alphas: readonly number[]): Array32 {
  const [n, c] = s.shape as [number, number];
  if (c !== ds.length) throw new DirectionError(`Δs has ${ds.length} channels, S has ${c}`, 'bad_input');
  if (alphas.length === 0 || alphas.some((a) => !Number.isFinite(a)))
    throw new DirectionError('α must be finite numbers', 'bad_input');
  const out = array32([n * alphas.length, c]);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < alphas.length; k++) {
      const base = (i * alphas.length + k) * c;
      const a = alphas[k]!;
      for (let j = 0; j < c; j++) out.data[base + j] = s.data[i * c + j]! + a * ds[j]!;
    }
  }
  return out;
}
