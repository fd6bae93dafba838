import {
  MAPPER_TRAINING_DEFAULTS,
  MAPPER_TRAINING_LIMITS,
  OPTIMIZE_DEFAULTS,
  OPTIMIZE_LIMITS,
} from '@styleclip/editing';
import { z } from 'zod';

// The parameters of the two training jobs. The engine owns the official defaults and its own bounds
// (OPTIMIZE_DEFAULTS/LIMITS, MAPPER_TRAINING_DEFAULTS/LIMITS): they are taken from there, never restated. What is
// the product's own (how often to preview and checkpoint, how many seeds, tighter bounds where memory or the
// work of one request demands them) is defined here, once.

/** Largest mapper-training batch: one batch renders 2·B images through the generator with gradients (memory). */
export const MAX_TRAINING_BATCH = 8;
/** Most seeds a mapper trains on (their W+ are held in memory: 10 000 × 18 × 512 floats = 369 MB at 1024). */
export const MAX_TRAINING_SEEDS = 10_000;
/** Largest seed (GraphQL's Int is 32-bit signed). */
const SEED_MAX = 2_147_483_647;

/** GraphQL enum values of the engine's options, and back. */
export const OPTIMIZE_MODES = { edit: 'EDIT', free: 'FREE' } as const;
export const LATENT_SPACES = { wplus: 'WPLUS', s: 'S' } as const;
export const OPTIMIZERS = { ranger: 'RANGER', adam: 'ADAM' } as const;

const lambda = (def: number, what: string) =>
  z
    .number()
    .min(OPTIMIZE_LIMITS.lambda.min)
    .max(OPTIMIZE_LIMITS.lambda.max)
    .default(def)
    .describe(`weight of the ${what}`);

export function optimizeLatentParameters(prompt: z.ZodString) {
  const d = OPTIMIZE_DEFAULTS;
  const L = OPTIMIZE_LIMITS;
  return z.object({
    text: prompt.describe('what the image should show, e.g. "a person with purple hair"'),
    mode: z
      .enum(['EDIT', 'FREE'])
      .default(OPTIMIZE_MODES[d.mode])
      .describe('EDIT: stay close to the start (L2 and ID terms); FREE: the CLIP loss alone'),
    space: z
      .enum(['WPLUS', 'S'])
      .default(LATENT_SPACES[d.space])
      .describe('optimize the W+ rows, or the StyleSpace codes (toRGB frozen)'),
    steps: z
      .int()
      .min(L.steps.min)
      .max(L.steps.max)
      .default(d.steps)
      .describe('Adam steps (official: 300); the work of the job'),
    lr: z
      .number()
      .min(L.lr.min)
      .max(L.lr.max)
      .default(d.lr)
      .describe('peak learning rate of the official ramp'),
    l2Lambda: lambda(d.l2Lambda, 'latent L2 distance to the start (EDIT)'),
    idLambda: lambda(d.idLambda, 'ArcFace identity loss against the start (EDIT; 0 turns it off)'),
    previewEvery: z
      .int()
      .min(1)
      .max(L.steps.max)
      .default(20)
      .describe('render a preview every this many steps (official: save_intermediate_image_every 20)'),
    checkpointEvery: z
      .int()
      .min(1)
      .max(L.steps.max)
      .default(25)
      .describe('save the optimizer state every this many steps (a resumed job repeats at most this many)'),
  });
}

export function trainMapperParameters(prompt: z.ZodString) {
  const d = MAPPER_TRAINING_DEFAULTS;
  const L = MAPPER_TRAINING_LIMITS;
  const weight = (def: number, what: string) =>
    z.number().min(L.lambda.min).max(L.lambda.max).default(def).describe(`weight of the ${what}`);
  return z
    .object({
      text: prompt.describe('the edit the mapper learns, e.g. "mohawk hairstyle"'),
      name: z
        .string()
        .min(1)
        .max(64)
        .regex(/^[A-Za-z0-9_-]+$/, 'use letters, digits, _ and -')
        .optional()
        .describe('the mapper’s name in the model set (default: from the text); letters, digits, _ and -'),
      steps: z
        .int()
        .min(L.steps.min)
        .max(L.steps.max)
        .default(d.steps)
        .describe('training steps (official: 50 000); the work of the job is steps × batch'),
      batch: z
        .int()
        .min(L.batch.min)
        .max(Math.min(L.batch.max, MAX_TRAINING_BATCH))
        .default(d.batch)
        .describe('latents per step'),
      optimizer: z
        .enum(['RANGER', 'ADAM'])
        .default(OPTIMIZERS[d.optimizer])
        .describe('RANGER (official) or ADAM'),
      lr: z.number().min(L.lr.min).max(L.lr.max).default(d.lr).describe('learning rate'),
      clipLambda: weight(d.clipLambda, 'CLIP loss'),
      l2Lambda: weight(d.l2Lambda, 'latent L2 (MSE) loss'),
      idLambda: weight(d.idLambda, 'ArcFace identity loss (0 turns it off)'),
      coarse: z.boolean().default(d.groups.coarse).describe('train the coarse mapper (W+ rows 0–3)'),
      medium: z.boolean().default(d.groups.medium).describe('train the medium mapper (rows 4–7)'),
      fine: z.boolean().default(d.groups.fine).describe('train the fine mapper (rows 8 on: colours)'),
      seedStart: z.int().min(0).max(SEED_MAX).default(0).describe('first seed of the training faces'),
      seedCount: z
        .int()
        .min(2)
        .max(MAX_TRAINING_SEEDS)
        .default(5000)
        .describe(
          `faces (W+ of consecutive seeds, ψ ${d.truncation}) to train on; a share is held out for evaluation (official: 5000)`,
        ),
      seed: z
        .int()
        .min(0)
        .max(SEED_MAX)
        .default(d.seed)
        .describe('seed of the initial weights and of the shuffling'),
      evalEvery: z
        .int()
        .min(1)
        .max(L.steps.max)
        .default(100)
        .describe('render the evaluation batch every this many steps (official: image_interval 100)'),
      checkpointEvery: z
        .int()
        .min(1)
        .max(L.steps.max)
        .default(100)
        .describe(
          'save the mapper and optimizer state every this many steps (a resumed job repeats at most this many)',
        ),
    })
    .refine((p) => p.seedCount >= 2 * p.batch, {
      path: ['seedCount'],
      message: 'give at least two batches of faces: one to train on, one held out for evaluation',
    })
    .refine((p) => p.seedStart + p.seedCount - 1 <= SEED_MAX, {
      path: ['seedStart'],
      message: `the last seed must be at most ${SEED_MAX}`,
    })
    .refine((p) => p.coarse || p.medium || p.fine, {
      path: ['fine'],
      message: 'train at least one of the coarse, medium and fine mappers',
    });
}
