import type { Array32 } from '@styleclip/latent-math';
import { EngineError } from '../components';
import type { Engine } from '../engine';
import { clipFeaturesOfImages, normalizeRows } from './clip-features';
import { throwIfAborted } from './progress';

export interface TextPair {
  neutral: string;
  target: string;
}

/** Face edits from the StyleCLIP paper and notebooks; the default prompt set of an evaluation. */
export const DEFAULT_EVALUATION_PROMPTS: readonly TextPair[] = Object.freeze([
  { neutral: 'face', target: 'face with blue eyes' },
  { neutral: 'face', target: 'smiling face' },
  { neutral: 'face', target: 'face with a beard' },
  { neutral: 'a person', target: 'a person with purple hair' },
  { neutral: 'face', target: 'old face' },
  { neutral: 'hair', target: 'curly hair' },
]);

/** What an evaluation looks at unless told otherwise: eight faces, four strengths. */
export const EVALUATION_DEFAULTS = Object.freeze({
  seeds: Object.freeze([1, 2, 3, 4, 5, 6, 7, 8]),
  alphas: Object.freeze([0.5, 1, 2, 4]),
});

export interface EvaluationOptions {
  /** Seeds of the images to edit (default EVALUATION_DEFAULTS.seeds). */
  seeds?: readonly number[];
  prompts?: readonly TextPair[];
  /** Edit strengths, each > 0 (default EVALUATION_DEFAULTS.alphas). */
  alphas?: readonly number[];
  /** β, or 'auto' per prompt. */
  beta: number | 'auto';
  /** ψ of the generated images. */
  truncation: number;
  signal?: AbortSignal;
  onProgress?: (p: { done: number; total: number }) => void;
}

export interface PromptEvaluation extends TextPair {
  beta: number;
  kept: number;
  /** Mean over seeds, per α. */
  cosine: number[];
  alongDt: number[];
}

/**
 * How well global edits follow their text on a model set: for each α, averaged over seeds × prompts,
 * - `cosine`: cos(E(edited) − E(original), Δt),
 * - `alongDt`: (E(edited) − E(original))·Δt, the movement along the text direction,
 * - `pixelRms`: the RMS change of the image in [-1, 1] units,
 * with E the normalized CLIP image embedding of the uint8 image (official preprocessing), as fs3 was measured.
 */
export interface DirectionEvaluation {
  alphas: number[];
  beta: number | 'auto';
  truncation: number;
  seeds: number[];
  /** Seed × prompt pairs averaged. */
  pairs: number;
  cosine: number[];
  alongDt: number[];
  pixelRms: number[];
  prompts: PromptEvaluation[];
  /** Prompts no channel passes β for, with the engine's message (which names the largest |r|). */
  skipped: (TextPair & { reason: string })[];
}

const dot = (a: Float32Array, b: Float32Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

interface Checked {
  seeds: number[];
  prompts: TextPair[];
  alphas: number[];
  beta: number | 'auto';
  truncation: number;
}

function checkOptions(o: EvaluationOptions): Checked {
  const seeds = [...(o.seeds ?? EVALUATION_DEFAULTS.seeds)];
  const prompts = [...(o.prompts ?? DEFAULT_EVALUATION_PROMPTS)];
  const alphas = [...(o.alphas ?? EVALUATION_DEFAULTS.alphas)];
  if (seeds.length === 0 || prompts.length === 0)
    throw new EngineError('evaluate: give at least one seed and one prompt', 'bad_parameter');
  if (alphas.length === 0 || alphas.some((a) => !(a > 0 && a <= 100)))
    throw new EngineError(`evaluate: every α must be in (0, 100], got ${alphas.join(', ')}`, 'bad_parameter');
  return { seeds, prompts, alphas, beta: o.beta, truncation: o.truncation };
}

export async function evaluateDirections(
  engine: Engine,
  options: EvaluationOptions,
): Promise<DirectionEvaluation> {
  const { seeds, prompts, alphas, beta, truncation } = checkOptions(options);
  const na = alphas.length;
  const sum = { cosine: new Float64Array(na), alongDt: new Float64Array(na), pixelRms: new Float64Array(na) };
  const perPrompt = new Map<number, PromptEvaluation>();
  const skipped = new Map<number, TextPair & { reason: string }>();
  const total = seeds.length * prompts.length;
  let done = 0;
  let pairs = 0;
  for (const seed of seeds) {
    // The original is generated and embedded once per seed; each prompt then synthesizes only its α strip.
    const original = await engine.generate([seed], truncation);
    const originalE = normalizeRows(await clipFeaturesOfImages(engine.components, original.images)).data;
    for (const [p, text] of prompts.entries()) {
      throwIfAborted(options.signal);
      if (!skipped.has(p)) {
        try {
          await scorePair(p, text, original.wplus, original.images.data, originalE);
          pairs++;
        } catch (e) {
          if (!(e instanceof EngineError && e.code === 'no_channels')) throw e;
          skipped.set(p, { ...text, reason: e.message });
        }
      }
      options.onProgress?.({ done: ++done, total });
    }
  }
  if (pairs === 0)
    throw new EngineError(
      `evaluate: no prompt keeps a channel at β = ${beta}; ${[...skipped.values()][0]!.reason}`,
      'no_channels',
    );

  async function scorePair(
    p: number,
    text: TextPair,
    wplus: Array32,
    originalPixels: Float32Array,
    originalE: Float32Array,
  ): Promise<void> {
    const r = await engine.edit.global({ latent: { wplus }, text, alphas, beta });
    const dt = (await engine.text.direction(text.neutral, text.target)).direction;
    const e = normalizeRows(await clipFeaturesOfImages(engine.components, r.images));
    const dim = e.shape[1]!;
    const per = originalPixels.length;
    const entry = perPrompt.get(p) ?? {
      ...text,
      beta: r.beta,
      kept: r.kept,
      cosine: new Array<number>(na).fill(0),
      alongDt: new Array<number>(na).fill(0),
    };
    perPrompt.set(p, entry);
    for (let k = 0; k < na; k++) {
      const diff = e.data.subarray(k * dim, (k + 1) * dim).map((v, i) => v - originalE[i]!);
      const along = dot(diff, dt);
      const norm = Math.sqrt(dot(diff, diff));
      // An edit too small to change the uint8 image leaves E unchanged: no direction to score.
      const cosine = norm > 0 ? along / norm : 0;
      let sq = 0;
      for (let i = 0; i < per; i++) sq += (r.images.data[k * per + i]! - originalPixels[i]!) ** 2;
      sum.cosine[k]! += cosine;
      sum.alongDt[k]! += along;
      sum.pixelRms[k]! += Math.sqrt(sq / per);
      entry.cosine[k]! += cosine / seeds.length;
      entry.alongDt[k]! += along / seeds.length;
    }
  }

  const mean = (a: Float64Array) => Array.from(a, (v) => v / pairs);
  return {
    alphas,
    beta,
    truncation,
    seeds,
    pairs,
    cosine: mean(sum.cosine),
    alongDt: mean(sum.alongDt),
    pixelRms: mean(sum.pixelRms),
    prompts: [...perPrompt.entries()].sort(([a], [b]) => a - b).map(([, v]) => v),
    skipped: [...skipped.values()],
  };
}
