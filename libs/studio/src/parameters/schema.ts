import { DEFAULT_MIN_FACE_SCORE } from '@styleclip/editing';
import { DEFAULT_LIMITS as DECODER_CAPS } from '@styleclip/imaging';
import { z } from 'zod';
import { optimizeLatentParameters, trainMapperParameters } from './training';

/**
 * The one definition of every limit and default of the product's operations (API, CLI, worker). Each entry is
 * a zod object for one operation's tunable parameters: ranges are `min`/`max`, list sizes `min`/`max` on the
 * array, defaults `.default()`. The API validates requests with it and serves it as `parameters`
 * (`describeParameters`), the CLI builds its option defaults and checks from it, and the web app reads it from
 * the API. Change a limit here and every entry point follows.
 */

/**
 * The largest upload: the image decoder's cap (20 MB). A deployment may lower it (STYLECLIP_MAX_UPLOAD_BYTES),
 * never raise it. Uploaded images are bounded in pixels by the decoder's caps too (4096×4096).
 */
export const UPLOAD_BYTES_CAP = DECODER_CAPS.maxBytes;

/** Deployment choices that shape the parameters (see `defineParameters`). */
export interface ParameterOptions {
  /** Largest accepted upload in bytes (≤ UPLOAD_BYTES_CAP). */
  maxUploadBytes?: number;
}

/** A seed: GraphQL's Int is 32-bit signed, so seeds are 0 … 2³¹−1 everywhere. */
const seed = z.int().min(0).max(2_147_483_647).describe('a seed (the same seed gives the same face)');
/** Text of a prompt: CLIP reads at most 77 tokens; longer text only costs tokenization. */
const prompt = z.string().min(1).max(300);
const beta = z
  .number()
  .min(0)
  .max(1)
  .default(0.15)
  .describe('disentanglement threshold β: channels whose relevance |r| is below it are left alone');
const autoBeta = z
  .boolean()
  .default(false)
  .describe('choose β per prompt (the largest that keeps some channels)');
const page = (def: number) => z.int().min(1).max(100).default(def);

/** Most faces of one photo that are inverted (and so can be edited): the best-scoring ones. */
const MAX_FACES_PER_PHOTO = 16;
/** Which faces of a photo an edit changes (photo edits: `src/photos/`). */
const faces = z
  .array(
    z
      .int()
      .min(0)
      .max(MAX_FACES_PER_PHOTO - 1),
  )
  .min(1)
  .max(MAX_FACES_PER_PHOTO)
  .optional()
  .describe('faces of an uploaded photo to edit, by index (default: every face of the photo)');
const pasteBack = z
  .boolean()
  .default(false)
  .describe('also paste the edited face(s) back into the full-resolution photo (faces of uploaded photos)');

export function defineParameters(o: ParameterOptions = {}) {
  const maxUploadBytes = Math.min(o.maxUploadBytes ?? UPLOAD_BYTES_CAP, UPLOAD_BYTES_CAP);
  return {
    generateImages: z.object({
      seeds: z.array(seed).min(1).max(16).describe('seeds per request'),
      truncation: z
        .number()
        .min(0)
        .max(2)
        .default(0.7)
        .describe('truncation ψ toward the average face (1 = none)'),
    }),
    editGlobal: z.object({
      neutral: prompt.describe('the neutral description, e.g. "face"'),
      target: prompt.describe('the target description, e.g. "face with blue eyes"'),
      alphas: z
        .array(z.number().min(-100).max(100))
        .min(1)
        .max(16)
        .default([4.1])
        .describe('strengths α, one image each (the official notebooks default to 4.1)'),
      beta,
      autoBeta,
      faces,
      pasteBack,
    }),
    editMapper: z.object({
      strength: z.number().min(-10).max(10).default(1).describe('multiplier of the mapper residual'),
      faces,
      pasteBack,
    }),
    textDirection: z.object({
      neutral: prompt,
      target: prompt,
      beta,
      autoBeta,
      top: z.int().min(1).max(100).default(10).describe('top channels listed'),
    }),
    precomputeDirections: z.object({
      images: z.int().min(1).max(1000).default(100).describe('images averaged per channel (official: 100)'),
      samples: z
        .int()
        .min(100)
        .max(1_000_000)
        .default(100_000)
        .describe('samples of the S statistics (official: 100 000)'),
      layers: z
        .enum(['OFFICIAL', 'ALL'])
        .default('OFFICIAL')
        .describe('OFFICIAL: non-toRGB layers with S index ≤ 16; ALL: every non-toRGB layer'),
      truncationLayers: z
        .enum(['ALL', 'FIRST8'])
        .optional()
        .describe(
          'which W+ rows the sampling truncates: ALL (TF, StyleCLIP; when absent) or FIRST8 (PyTorch port)',
        ),
      batch: z.int().min(1).max(1024).default(8).describe('images per generator run'),
      fast: z
        .boolean()
        .default(false)
        .describe(
          'fast mode: layers at or below the resolution CLIP needs (256 at 1024) are measured on the synthesis stopped there; not the official table',
        ),
      shardChannels: z
        .int()
        .min(1)
        .max(100_000)
        .default(64)
        .describe('channels per shard job (rounded up to whole chunks); shards run on any worker'),
    }),
    optimizeLatent: optimizeLatentParameters(prompt),
    trainMapper: trainMapperParameters(prompt),
    createUpload: z.object({
      size: z.int().min(1).max(maxUploadBytes).describe('bytes of the upload'),
      contentType: z.enum(['image/png', 'image/jpeg', 'image/jpg', 'image/webp']),
      filename: z.string().max(255).optional(),
    }),
    uploadedImage: z.object({
      width: z.int().min(1).max(DECODER_CAPS.maxWidth).describe('pixels'),
      height: z.int().min(1).max(DECODER_CAPS.maxHeight).describe('pixels'),
    }),
    invertPhoto: z.object({
      maxFaces: z
        .int()
        .min(1)
        .max(MAX_FACES_PER_PHOTO)
        .default(8)
        .describe('faces inverted per photo (the best-scoring ones)'),
      minScore: z
        .number()
        .min(-1)
        .max(3)
        .default(DEFAULT_MIN_FACE_SCORE)
        .describe("detections scoring below this are not taken for faces (dlib's confidence)"),
    }),
    photoEdit: z.object({
      renders: z
        .int()
        .min(1)
        .max(16)
        .describe('generator renders of one photo edit: faces × α (the work budget of one request)'),
    }),
    pages: z.object({
      images: page(24).describe('gallery page size'),
      edits: page(20).describe('edits listed per page'),
      jobs: page(20).describe('jobs listed per page'),
    }),
  };
}

export type Parameters = ReturnType<typeof defineParameters>;
export type Operation = keyof Parameters;
/** The parsed (defaults applied) parameters of an operation. */
export type ParametersOf<K extends Operation> = z.output<Parameters[K]>;

/** The parameters with the default deployment choices (what the CLI uses). */
export const PARAMETERS: Parameters = defineParameters();
