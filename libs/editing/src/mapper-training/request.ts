import type { Array32 } from '@styleclip/latent-math';
import type { ModelSetManifest } from '@styleclip/model-sets';
import type { OptimizerKind } from '@styleclip/optim';
import { EngineError } from '../components';
import { bounded } from '../request-checks';

/** `mapper/options/train_options.py` defaults (the training-loop ones), plus this engine's own. */
export const MAPPER_TRAINING_DEFAULTS = Object.freeze({
  steps: 50_000,
  batch: 2,
  optimizer: 'ranger' as OptimizerKind,
  lr: 0.5,
  clipLambda: 1.0,
  l2Lambda: 0.8,
  idLambda: 0.1,
  groups: Object.freeze({ coarse: true, medium: true, fine: true }),
  /** ψ of W+ latents generated from seeds (as the official fallback dataset: truncation 0.7 to latent_avg). */
  truncation: 0.7,
  /** Share of the latents kept apart for evaluation (at least one batch when there are enough). */
  testFraction: 0.1,
  /** Seed of the random mapper initialization and of the shuffling. */
  seed: 0,
});

export const MAPPER_TRAINING_LIMITS = Object.freeze({
  steps: { min: 1, max: 1_000_000 },
  batch: { min: 1, max: 64 },
  lr: { min: 0, max: 100 },
  lambda: { min: 0, max: 10_000 },
  textLength: 1000,
  /** Latents held in memory (N·L·D floats). */
  latentValues: 256 * 1024 * 1024,
});

export type MapperGroups = { coarse: boolean; medium: boolean; fine: boolean };

/**
 * The training latents: a set of W+ [N,L,D] (shuffled in epochs, the last `testFraction` kept for evaluation)
 * or a replay [steps,B,L,D] where step i trains on batch i (how the official runs are reproduced).
 */
export type TrainingLatents = { kind: 'set'; latents: Array32 } | { kind: 'replay'; batches: Array32 };

export interface MapperTrainingRequest {
  text: string;
  latents: TrainingLatents;
  steps?: number;
  batch?: number;
  optimizer?: OptimizerKind;
  lr?: number;
  clipLambda?: number;
  l2Lambda?: number;
  idLambda?: number;
  groups?: Partial<MapperGroups>;
  testFraction?: number;
  seed?: number;
}

export interface ResolvedMapperTrainingRequest {
  text: string;
  steps: number;
  batch: number;
  optimizer: OptimizerKind;
  lr: number;
  clipLambda: number;
  l2Lambda: number;
  idLambda: number;
  groups: MapperGroups;
  testFraction: number;
  seed: number;
}

/** Applies the defaults, checks every value and the latents' shape against the model set. */
export function resolveMapperTrainingRequest(
  r: Omit<MapperTrainingRequest, 'latents'> & { latents?: TrainingLatents },
  manifest: ModelSetManifest,
): ResolvedMapperTrainingRequest {
  const d = MAPPER_TRAINING_DEFAULTS;
  const L = MAPPER_TRAINING_LIMITS;
  if (typeof r.text !== 'string' || r.text.trim() === '')
    throw new EngineError('text is empty', 'bad_parameter');
  if (r.text.length > L.textLength)
    throw new EngineError(`text is longer than ${L.textLength} characters`, 'bad_parameter');
  const optimizer = r.optimizer ?? d.optimizer;
  if (optimizer !== 'ranger' && optimizer !== 'adam')
    throw new EngineError(`optimizer must be ranger or adam, got ${String(optimizer)}`, 'bad_parameter');
  const groups = { ...d.groups, ...r.groups };
  if (!groups.coarse && !groups.medium && !groups.fine)
    throw new EngineError('every mapper group is disabled: nothing to train', 'bad_parameter');
  const resolved: ResolvedMapperTrainingRequest = {
    text: r.text,
    steps: bounded('steps', r.steps ?? d.steps, L.steps.min, L.steps.max, true),
    batch: bounded('batch', r.batch ?? d.batch, L.batch.min, L.batch.max, true),
    optimizer,
    lr: bounded('lr', r.lr ?? d.lr, L.lr.min, L.lr.max),
    clipLambda: bounded('clip lambda', r.clipLambda ?? d.clipLambda, L.lambda.min, L.lambda.max),
    l2Lambda: bounded('l2 lambda', r.l2Lambda ?? d.l2Lambda, L.lambda.min, L.lambda.max),
    idLambda: bounded('id lambda', r.idLambda ?? d.idLambda, L.lambda.min, L.lambda.max),
    groups,
    testFraction: bounded('test fraction', r.testFraction ?? d.testFraction, 0, 0.9),
    seed: bounded('seed', r.seed ?? d.seed, 0, 0xffffffff, true),
  };
  if (resolved.clipLambda === 0 && resolved.l2Lambda === 0 && resolved.idLambda === 0)
    throw new EngineError('every loss weight is 0: nothing to train', 'bad_parameter');
  if (r.latents) checkLatents(r.latents, resolved, manifest);
  return resolved;
}

function checkLatents(
  t: TrainingLatents,
  r: ResolvedMapperTrainingRequest,
  manifest: ModelSetManifest,
): void {
  const { nLatent, config } = manifest.generator;
  const a = t.kind === 'set' ? t.latents : t.batches;
  const shape = a.shape;
  const tail = `${nLatent},${config.styleDim}`;
  if (a.data.length > MAPPER_TRAINING_LIMITS.latentValues)
    throw new EngineError(`too many training latents (${a.data.length} values)`, 'too_large');
  if (!a.data.every(Number.isFinite))
    throw new EngineError('the training latents have NaN or infinite values', 'bad_input');
  if (t.kind === 'set') {
    if (shape.length !== 3 || shape.slice(1).join(',') !== tail)
      throw new EngineError(`training latents must be W+ [N,${tail}], got [${shape.join(',')}]`, 'bad_shape');
    const train = shape[0]! - testCount(shape[0]!, r);
    if (train < r.batch)
      throw new EngineError(
        `${train} training latents are fewer than one batch of ${r.batch}`,
        'bad_parameter',
      );
  } else {
    if (shape.length !== 4 || shape.slice(2).join(',') !== tail || shape[1] !== r.batch) {
      throw new EngineError(
        `replayed batches must be [steps,${r.batch},${tail}], got [${shape.join(',')}]`,
        'bad_shape',
      );
    }
    if (shape[0]! < r.steps)
      throw new EngineError(`${shape[0]} replayed batches for ${r.steps} steps`, 'bad_parameter');
  }
}

/** Latents kept apart for evaluation: a `testFraction` share, at least one batch when N ≥ 2 batches. */
export function testCount(
  n: number,
  r: Pick<ResolvedMapperTrainingRequest, 'testFraction' | 'batch'>,
): number {
  if (r.testFraction === 0) return 0;
  return Math.max(
    0,
    Math.min(Math.max(Math.round(n * r.testFraction), n >= 2 * r.batch ? r.batch : 0), n - r.batch),
  );
}
