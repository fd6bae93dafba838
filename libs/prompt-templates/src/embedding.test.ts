import { describe, expect, it } from 'vitest';
import { seededRandom } from '@styleclip/testing';
import { TextEmbeddingCache } from './cache';
import { promptEmbedding, textDirection, type EncodeTexts } from './embedding';
import { formatTemplates } from './templates';

const DIM = 16;

/** FNV-1a of the string: a seed per text. */
function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** A deterministic fake CLIP text encoder: seeded normal vectors per string, scaled per string. */
function fakeEncoder(dim = DIM) {
  const calls: string[][] = [];
  const vectorOf = (text: string): Float32Array => {
    const rng = seededRandom(hashSeed(text));
    const scale = 0.5 + 3 * rng.next(); // unnormalized, like real CLIP features
    return rng.fillNormal(dim, scale);
  };
  const encode: EncodeTexts = async (texts) => {
    calls.push(texts);
    const out = new Float32Array(texts.length * dim);
    texts.forEach((t, i) => out.set(vectorOf(t), i * dim));
    return out;
  };
  return { encode, calls, vectorOf };
}

/** The reference computation, written out directly in float64. */
function expectedPromptEmbedding(text: string, vectorOf: (t: string) => Float32Array): number[] {
  const rows = formatTemplates(text).map(vectorOf);
  const mean = new Array<number>(DIM).fill(0);
  for (const row of rows) {
    const n = Math.hypot(...row);
    row.forEach((v, i) => (mean[i]! += v / n / rows.length));
  }
  const n = Math.hypot(...mean);
  return mean.map((v) => v / n);
}

const closeTo = (actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-6) => {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i]! - expected[i]!)).toBeLessThan(tol);
};

describe('promptEmbedding', () => {
  it('normalizes each template embedding, averages, normalizes', async () => {
    const { encode, calls, vectorOf } = fakeEncoder();
    const e = await promptEmbedding('face with glasses', encode);
    expect(calls).toEqual([formatTemplates('face with glasses')]);
    closeTo(e, expectedPromptEmbedding('face with glasses', vectorOf));
    expect(Math.hypot(...e)).toBeCloseTo(1, 6);
  });

  it('differs from the plain (unnormalized) mean, so per-row normalization matters', async () => {
    const { encode, vectorOf } = fakeEncoder();
    const e = await promptEmbedding('tiger', encode);
    const rows = formatTemplates('tiger').map(vectorOf);
    const plain = new Array<number>(DIM).fill(0);
    rows.forEach((r) => r.forEach((v, i) => (plain[i]! += v)));
    const n = Math.hypot(...plain);
    const maxDiff = Math.max(...plain.map((v, i) => Math.abs(v / n - e[i]!)));
    expect(maxDiff).toBeGreaterThan(1e-3);
  });

  it('uses the clip80 set when asked', async () => {
    const { encode, calls } = fakeEncoder();
    await promptEmbedding('tiger', encode, { set: 'clip80' });
    expect(calls[0]).toHaveLength(80);
  });

  it('accepts one Float32Array per row and rejects wrong shapes', async () => {
    const { vectorOf } = fakeEncoder();
    const perRow: EncodeTexts = async (texts) => texts.map(vectorOf);
    closeTo(await promptEmbedding('cat', perRow), expectedPromptEmbedding('cat', vectorOf));
    await expect(promptEmbedding('cat', async () => new Float32Array(100))).rejects.toThrow(
      /100 values for 79 texts/,
    );
    await expect(promptEmbedding('cat', async (t) => new Float32Array(t.length * 4))).rejects.toThrow(
      /row 0 has norm 0/,
    );
  });
});

describe('textDirection', () => {
  it('is normalize(t_target − t_neutral), with the norm before normalization', async () => {
    const { encode, calls, vectorOf } = fakeEncoder();
    const r = await textDirection('face with eyes', 'face with blue eyes', encode);
    const t = expectedPromptEmbedding('face with blue eyes', vectorOf);
    const n = expectedPromptEmbedding('face with eyes', vectorOf);
    const diff = t.map((v, i) => v - n[i]!);
    const norm = Math.hypot(...diff);
    closeTo(r.target, t);
    closeTo(r.neutral, n);
    expect(r.normBeforeNormalization).toBeCloseTo(norm, 6);
    closeTo(
      r.direction,
      diff.map((v) => v / norm),
    );
    expect(Math.hypot(...r.direction)).toBeCloseTo(1, 6);
    // Both prompts' templates go to the encoder in one call, target first (StyleCLIP's GetDt order).
    expect(calls).toEqual([
      [...formatTemplates('face with blue eyes'), ...formatTemplates('face with eyes')],
    ]);
  });

  it('flips sign when neutral and target swap', async () => {
    const { encode } = fakeEncoder();
    const a = await textDirection('face', 'face with glasses', encode);
    const b = await textDirection('face with glasses', 'face', encode);
    closeTo(
      b.direction,
      Array.from(a.direction, (v) => -v),
    );
  });

  it('throws a clear error when neutral equals target', async () => {
    const { encode, calls } = fakeEncoder();
    await expect(textDirection('face', 'face', encode)).rejects.toThrow(/same text.*no direction/);
    expect(calls).toHaveLength(0);
  });

  it('throws a clear error when the embeddings (nearly) coincide', async () => {
    // An encoder that ignores the text: every prompt embeds the same.
    const constant: EncodeTexts = async (texts) => {
      const out = new Float32Array(texts.length * DIM);
      for (let i = 0; i < out.length; i++) out[i] = ((i % DIM) + 1) / DIM;
      return out;
    };
    await expect(textDirection('face', 'a face', constant)).rejects.toThrow(
      /‖t_target − t_neutral‖ = .* < 0\.0001 .*"face" → target "a face".*no direction/,
    );
  });

  it('uses the cache: hits skip the encoder, keys separate model and template set', async () => {
    const { encode, calls, vectorOf } = fakeEncoder();
    const cache = new TextEmbeddingCache({ maxEntries: 10 });
    const opts = { cache, modelHash: 'vitb32-abc' };

    const first = await textDirection('face', 'face with glasses', encode, opts);
    expect(calls).toHaveLength(1);
    expect(cache.size).toBe(2);

    const again = await textDirection('face', 'face with glasses', encode, opts);
    expect(calls).toHaveLength(1); // nothing re-encoded
    expect(Array.from(again.direction)).toEqual(Array.from(first.direction));

    // Same neutral, new target: only the target's 79 templates are encoded.
    await textDirection('face', 'face with a beard', encode, opts);
    expect(calls).toHaveLength(2);
    expect(calls[1]).toEqual(formatTemplates('face with a beard'));
    expect(cache.stats).toMatchObject({ hits: 3, misses: 3, size: 3 });

    // Another model or template set is a different key.
    await promptEmbedding('face', encode, { ...opts, modelHash: 'other-model' });
    await promptEmbedding('face', encode, { ...opts, set: 'clip80' });
    expect(calls).toHaveLength(4);

    closeTo(first.neutral, expectedPromptEmbedding('face', vectorOf));
  });

  it('requires a model hash with a cache', async () => {
    const { encode } = fakeEncoder();
    await expect(promptEmbedding('x', encode, { cache: new TextEmbeddingCache() })).rejects.toThrow(
      /modelHash/,
    );
  });
});
