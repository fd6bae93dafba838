import type { Array32 } from '@styleclip/latent-math';
import type { ModelSetManifest } from '@styleclip/model-sets';
import { EngineError } from '../components';
import { bounded } from '../request-checks';
import type { LatentSpace, OptimizeMode } from './graph';

/** The official `run_optimization.py` defaults (λ_ID as the official notebook: the script's own default is 0). */
export const OPTIMIZE_DEFAULTS = Object.freeze({
  mode: 'edit' as OptimizeMode,
  space: 'wplus' as LatentSpace,
  steps: 300,
  lr: 0.1,
  l2Lambda: 0.008,
  idLambda: 0.005,
  /** ψ for a start latent generated from a seed. */
  truncation: 0.7,
  /** Free generation starts from the mean of this many mapped z (`g_ema.mean_latent(4096)`)… */
  meanLatentSamples: 4096,
  /** …drawn with this seed of our PRNG (torch's own draws cannot be reproduced). */
  meanLatentSeed: 0,
  /** Free generation's W+ rows: `mean_latent.repeat(1, 18, 1)` whatever the generator (at least L). */
  freeRows: 18,
});

/** Bounds on every parameter (a job's work is bounded by them). */
export const OPTIMIZE_LIMITS = Object.freeze({
  steps: { min: 1, max: 5000 },
  lr: { min: 0, max: 10 },
  lambda: { min: 0, max: 10_000 },
  textLength: 1000,
});

export interface OptimizeRequest {
  /** What the image should show ("a person with purple hair"). */
  text: string;
  /** `edit` (CLIP + λ_L2·L2 + λ_ID·ID against the start) or `free` (the CLIP loss alone). */
  mode?: OptimizeMode;
  /** Optimize W+ rows or StyleSpace codes (toRGB entries frozen). */
  space?: LatentSpace;
  steps?: number;
  lr?: number;
  l2Lambda?: number;
  idLambda?: number;
  /** The start W+ [1,L,D], used as is (edit mode requires it; free mode defaults to the mean latent). */
  latent?: Array32;
  /** Free mode without `latent`: this mean latent [1,D] instead of computing one (e.g. to replay a reference run). */
  meanLatent?: Array32;
}

/** A request with every default applied and every value checked. */
export interface ResolvedOptimizeRequest {
  text: string;
  mode: OptimizeMode;
  space: LatentSpace;
  steps: number;
  lr: number;
  l2Lambda: number;
  idLambda: number;
  latent?: Array32;
  meanLatent?: Array32;
}

/** Applies the defaults and checks every value (`resumed`: a stored request, whose start latent is stored apart). */
export function resolveOptimizeRequest(
  r: OptimizeRequest,
  manifest: ModelSetManifest,
  o: { resumed?: boolean } = {},
): ResolvedOptimizeRequest {
  const d = OPTIMIZE_DEFAULTS;
  const L = OPTIMIZE_LIMITS;
  if (typeof r.text !== 'string' || r.text.trim() === '')
    throw new EngineError('text is empty', 'bad_parameter');
  if (r.text.length > L.textLength)
    throw new EngineError(`text is longer than ${L.textLength} characters`, 'bad_parameter');
  const mode = r.mode ?? d.mode;
  const space = r.space ?? d.space;
  if (mode !== 'edit' && mode !== 'free')
    throw new EngineError(`mode must be edit or free, got ${String(mode)}`, 'bad_parameter');
  if (space !== 'wplus' && space !== 's')
    throw new EngineError(`space must be wplus or s, got ${String(space)}`, 'bad_parameter');
  const { nLatent, config } = manifest.generator;
  if (r.latent) {
    const s = r.latent.shape.join(',');
    if (s !== `1,${nLatent},${config.styleDim}`) {
      throw new EngineError(
        `the start latent must be W+ [1,${nLatent},${config.styleDim}], got [${s}]`,
        'bad_shape',
      );
    }
    if (!r.latent.data.every(Number.isFinite))
      throw new EngineError('the start latent has NaN or infinite values', 'bad_input');
  } else if (mode === 'edit' && !o.resumed) {
    throw new EngineError('edit mode needs a start latent (an image to edit)', 'bad_parameter');
  }
  if (r.meanLatent) {
    if (r.meanLatent.data.length !== config.styleDim || !r.meanLatent.data.every(Number.isFinite)) {
      throw new EngineError(
        `the mean latent must be ${config.styleDim} finite values, got [${r.meanLatent.shape.join(',')}]`,
        'bad_shape',
      );
    }
  }
  return {
    text: r.text,
    mode,
    space,
    steps: bounded('steps', r.steps ?? d.steps, L.steps.min, L.steps.max, true),
    lr: bounded('lr', r.lr ?? d.lr, L.lr.min, L.lr.max),
    l2Lambda: bounded('l2 lambda', r.l2Lambda ?? d.l2Lambda, L.lambda.min, L.lambda.max),
    idLambda: bounded('id lambda', r.idLambda ?? d.idLambda, L.lambda.min, L.lambda.max),
    ...(r.latent ? { latent: r.latent } : {}),
    ...(r.meanLatent ? { meanLatent: r.meanLatent } : {}),
  };
}
