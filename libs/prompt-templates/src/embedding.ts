import type { TextEmbeddingCache } from './cache';
import { formatTemplates, type TemplateSet } from './templates';
import { l2Norm, normalizedMeanOfNormalizedRows } from './vector';

/**
 * Caller-supplied CLIP text encoder: n texts → their embeddings, either one row-major `[n, D]` Float32Array
 * or n Float32Arrays of length D. (Tokenizing and running the model are the caller's business.)
 */
export type EncodeTexts = (texts: string[]) => Promise<Float32Array | readonly Float32Array[]>;

export interface PromptEmbeddingOptions {
  /** Template set; default 'styleclip79' (StyleCLIP's). */
  set?: TemplateSet;
  /** Reuse and store prompt embeddings here; needs `modelHash`. */
  cache?: TextEmbeddingCache;
  /** Identifies the text encoder in cache keys (required with `cache`). */
  modelHash?: string;
}

export interface TextDirectionOptions extends PromptEmbeddingOptions {
  /** ‖t_target − t_neutral‖ below this is treated as "no direction" and throws. Default 1e-4. */
  minNorm?: number;
}

export interface TextDirection {
  /** Δt = (t_target − t_neutral) / ‖t_target − t_neutral‖, unit length. */
  direction: Float32Array;
  /** ‖t_target − t_neutral‖ (StyleCLIP prints it; e.g. ≈0.37 for "face with eyes" → "face with blue eyes"). */
  normBeforeNormalization: number;
  /** Prompt embedding of the target text (unit length). */
  target: Float32Array;
  /** Prompt embedding of the neutral text (unit length). */
  neutral: Float32Array;
}

/** Turn the encoder's answer for `n` texts into one row-major `[n, D]` array. */
function asRows(
  result: Float32Array | readonly Float32Array[],
  n: number,
): { rows: Float32Array; dim: number } {
  if (result instanceof Float32Array) {
    if (result.length === 0 || result.length % n !== 0) {
      throw new Error(
        `encodeTexts returned ${result.length} values for ${n} texts; expected a [${n}, D] Float32Array`,
      );
    }
    return { rows: result, dim: result.length / n };
  }
  if (!Array.isArray(result) || result.length !== n) {
    throw new Error(
      `encodeTexts returned ${Array.isArray(result) ? result.length + ' rows' : typeof result} for ${n} texts`,
    );
  }
  const dim = result[0]!.length;
  const rows = new Float32Array(n * dim);
  result.forEach((row: Float32Array, i: number) => {
    if (!(row instanceof Float32Array) || row.length !== dim || dim === 0) {
      throw new Error(
        `encodeTexts row ${i} has length ${row?.length}; every row must be a Float32Array of ${dim}`,
      );
    }
    rows.set(row, i * dim);
  });
  return { rows, dim };
}

function cacheKey(options: PromptEmbeddingOptions, set: TemplateSet, text: string) {
  if (options.modelHash === undefined || options.modelHash === '') {
    throw new Error(
      'a TextEmbeddingCache needs options.modelHash (which CLIP text encoder produced the embeddings)',
    );
  }
  return { modelHash: options.modelHash, set, text };
}

/**
 * Prompt embeddings of several texts: cached ones are reused, the others are encoded in ONE call to
 * `encodeTexts` (all their templates together), then stored in the cache.
 */
export async function promptEmbeddings(
  texts: readonly string[],
  encodeTexts: EncodeTexts,
  options: PromptEmbeddingOptions = {},
): Promise<Float32Array[]> {
  const set = options.set ?? 'styleclip79';
  const { cache } = options;
  const out: (Float32Array | undefined)[] = texts.map((text) => cache?.get(cacheKey(options, set, text)));
  const missing = [...new Set(texts.filter((_, i) => out[i] === undefined))];
  if (missing.length > 0) {
    const perText = missing.map((text) => formatTemplates(text, set));
    const batch = perText.flat();
    const { rows, dim } = asRows(await encodeTexts(batch), batch.length);
    let offset = 0;
    const computed = new Map<string, Float32Array>();
    missing.forEach((text, j) => {
      const n = perText[j]!.length;
      const block = rows.subarray(offset * dim, (offset + n) * dim);
      const embedding = normalizedMeanOfNormalizedRows(
        block,
        n,
        dim,
        `prompt embedding of ${JSON.stringify(text)}`,
      );
      offset += n;
      computed.set(text, embedding);
      cache?.set(cacheKey(options, set, text), embedding);
    });
    texts.forEach((text, i) => {
      if (out[i] === undefined) out[i] = computed.get(text)!.slice();
    });
  }
  return out as Float32Array[];
}

/**
 * CLIP prompt-ensemble embedding of `text`: format every template, encode, L2-normalize each row, average,
 * L2-normalize (StyleCLIP `zeroshot_classifier`, CLIP notebook). Returns a unit Float32Array of length D.
 */
export async function promptEmbedding(
  text: string,
  encodeTexts: EncodeTexts,
  options: PromptEmbeddingOptions = {},
): Promise<Float32Array> {
  const [embedding] = await promptEmbeddings([text], encodeTexts, options);
  return embedding!;
}

/**
 * StyleCLIP's text direction (`GetDt`): Δt = normalize(t_target − t_neutral) with t = promptEmbedding.
 * Positive edit strength moves towards `target`. Throws when the two prompt embeddings (nearly) coincide,
 * e.g. when neutral and target are the same text.
 */
export async function textDirection(
  neutral: string,
  target: string,
  encodeTexts: EncodeTexts,
  options: TextDirectionOptions = {},
): Promise<TextDirection> {
  const { minNorm = 1e-4 } = options;
  if (neutral === target) {
    throw new Error(
      `textDirection: neutral and target are the same text (${JSON.stringify(target)}); there is no direction`,
    );
  }
  const [t, n] = await promptEmbeddings([target, neutral], encodeTexts, options);
  const targetEmbedding = t!;
  const neutralEmbedding = n!;
  if (targetEmbedding.length !== neutralEmbedding.length) {
    throw new Error(
      `textDirection: target embedding has ${targetEmbedding.length} values, neutral ${neutralEmbedding.length}`,
    );
  }
  const diff = new Float64Array(targetEmbedding.length);
  for (let i = 0; i < diff.length; i++) diff[i] = targetEmbedding[i]! - neutralEmbedding[i]!;
  const norm = l2Norm(diff);
  if (!(norm >= minNorm)) {
    throw new Error(
      `textDirection: ‖t_target − t_neutral‖ = ${norm.toExponential(3)} < ${minNorm} for neutral ` +
        `${JSON.stringify(neutral)} → target ${JSON.stringify(target)}; the texts embed (almost) identically, ` +
        'so there is no direction to edit along',
    );
  }
  const direction = new Float32Array(diff.length);
  for (let i = 0; i < diff.length; i++) direction[i] = diff[i]! / norm;
  return { direction, normBeforeNormalization: norm, target: targetEmbedding, neutral: neutralEmbedding };
}
