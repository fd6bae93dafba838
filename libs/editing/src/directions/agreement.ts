import { channelRelevance, fs3Coverage, type Array32 } from '@styleclip/latent-math';
import { EngineError } from '../components';
import type { Engine } from '../engine';
import { loadDirectionsData } from './data';
import { DEFAULT_EVALUATION_PROMPTS, type TextPair } from './evaluate';

/** The β values the agreement of two tables is reported at (the product's range of typical choices). */
export const AGREEMENT_BETAS: readonly number[] = Object.freeze([0.1, 0.15, 0.2]);

export interface LayerAgreement {
  /** S layer index and name. */
  layer: number;
  name: string;
  channels: number;
  /** Mean over the layer's channels of the cosine between the two tables' rows (rows are unit vectors). */
  meanRowCosine: number;
  /** Lowest row cosine of the layer. */
  minRowCosine: number;
  /** Pearson correlation of every entry of the layer's rows in one table with the other's. */
  correlation: number;
}

export interface KeptAgreement {
  beta: number;
  /** Channels kept (|r| ≥ β) by the reference table and by the other one, and by both. */
  reference: number;
  other: number;
  common: number;
  /** The same channels are kept. */
  identical: boolean;
}

export interface PromptAgreement extends TextPair {
  /** Pearson correlation of the channel relevances r = fs3·Δt of the two tables. */
  relevanceCorrelation: number;
  kept: KeptAgreement[];
}

/** How far another fs3 table (e.g. a fast-mode one) is from a model set's own (e.g. exact) table. */
export interface TableAgreement {
  rows: number;
  layers: LayerAgreement[];
  prompts: PromptAgreement[];
  betas: number[];
  /** Prompts (× β) whose kept channels are identical, out of all. */
  identicalKept: { identical: number; of: number };
}

function pearson(a: ArrayLike<number>, b: ArrayLike<number>, from = 0, to = a.length): number {
  const n = to - from;
  let ma = 0;
  let mb = 0;
  for (let i = from; i < to; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = from; i < to; i++) {
    const x = a[i]! - ma;
    const y = b[i]! - mb;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  return saa === 0 || sbb === 0 ? (saa === sbb ? 1 : 0) : sab / Math.sqrt(saa * sbb);
}

/**
 * Compares `other` (same rows and width as the set's table) with the set's own fs3 table: per S layer the
 * cosine of corresponding rows and the correlation of their entries; per prompt the correlation of the channel
 * relevances and, at each β, whether the same channels are kept. This is how a fast-mode table is judged
 * against the exact one (run it on a set with real weights: random networks put image content at every scale,
 * which a table measured below full resolution cannot see).
 */
export async function compareFs3Tables(
  engine: Engine,
  other: Array32,
  o: { prompts?: readonly TextPair[]; betas?: readonly number[] } = {},
): Promise<TableAgreement> {
  const d = engine.manifest.directions;
  if (!d?.fs3) {
    throw new EngineError(
      `model set ${engine.manifest.id} has no channel-relevance table to compare with`,
      'no_directions',
    );
  }
  const { fs3, rows, embedDim } = await loadDirectionsData(engine.components.set);
  if (other.shape.length !== 2 || other.shape[0] !== rows || other.shape[1] !== embedDim) {
    throw new EngineError(
      `the other table is [${other.shape.join(',')}]; the set's table is [${rows},${embedDim}]`,
      'bad_input',
    );
  }
  const layout = engine.manifest.generator.sLayout;
  const layers: LayerAgreement[] = [];
  let row = 0;
  for (const l of fs3Coverage(layout, rows)) {
    const n = layout[l]!.channels;
    let sum = 0;
    let min = Infinity;
    for (let r = row; r < row + n; r++) {
      let c = 0;
      for (let k = 0; k < embedDim; k++) c += fs3[r * embedDim + k]! * other.data[r * embedDim + k]!;
      sum += c;
      min = Math.min(min, c);
    }
    layers.push({
      layer: l,
      name: layout[l]!.name,
      channels: n,
      meanRowCosine: sum / n,
      minRowCosine: min,
      correlation: pearson(fs3, other.data, row * embedDim, (row + n) * embedDim),
    });
    row += n;
  }

  const betas = [...(o.betas ?? AGREEMENT_BETAS)];
  const prompts: PromptAgreement[] = [];
  for (const p of o.prompts ?? DEFAULT_EVALUATION_PROMPTS) {
    const dt = (await engine.text.direction(p.neutral, p.target)).direction;
    const ra = channelRelevance(fs3, rows, dt);
    const rb = channelRelevance(other.data, rows, dt);
    prompts.push({
      ...p,
      relevanceCorrelation: pearson(ra, rb),
      kept: betas.map((beta) => {
        let reference = 0;
        let kept = 0;
        let common = 0;
        for (let i = 0; i < rows; i++) {
          const a = Math.abs(ra[i]!) >= beta;
          const b = Math.abs(rb[i]!) >= beta;
          if (a) reference++;
          if (b) kept++;
          if (a && b) common++;
        }
        return { beta, reference, other: kept, common, identical: reference === common && kept === common };
      }),
    });
  }
  const all = prompts.flatMap((p) => p.kept);
  return {
    rows,
    layers,
    prompts,
    betas,
    identicalKept: { identical: all.filter((k) => k.identical).length, of: all.length },
  };
}
