import { describe, expect, it } from 'vitest';
import { evaluate } from '@styleclip/onnx-graph/testing';
import { hasNaN } from '@styleclip/testing';
import { clipWeightShapes, tinyClipConfig } from './config';
import { buildClipImageGraph } from './image-encoder';
import { randomClipWeights } from './init';

function std(data: Float32Array): number {
  let s = 0;
  for (const v of data) s += v * v;
  return Math.sqrt(s / data.length);
}

describe('randomClipWeights', () => {
  it('has every parameter with the official init scales, deterministically', async () => {
    const c = tinyClipConfig;
    const w = randomClipWeights(c, 7);
    expect([...w.keys()]).toEqual([...clipWeightShapes(c).keys()]);
    expect(randomClipWeights(c, 7).get('visual.proj')!.data).toEqual(w.get('visual.proj')!.data);
    expect(randomClipWeights(c, 8).get('visual.proj')!.data).not.toEqual(w.get('visual.proj')!.data);
    const s = (k: string) => std(w.get(k)!.data);
    expect(s('token_embedding.weight')).toBeCloseTo(0.02, 3);
    expect(s('positional_embedding')).toBeCloseTo(0.01, 3);
    expect(s('transformer.resblocks.0.attn.in_proj_weight')).toBeCloseTo(32 ** -0.5, 2);
    expect(s('transformer.resblocks.1.mlp.c_proj.weight')).toBeCloseTo(32 ** -0.5 * 4 ** -0.5, 2);
    expect(s('visual.transformer.resblocks.0.mlp.c_fc.weight')).toBeCloseTo(128 ** -0.5, 2);
    expect(s('visual.class_embedding')).toBeGreaterThan(0.06);
    expect(w.get('ln_final.weight')!.data.every((v) => v === 1)).toBe(true);
    expect(w.get('visual.ln_pre.bias')!.data.every((v) => v === 0)).toBe(true);
    expect(w.get('transformer.resblocks.0.attn.in_proj_bias')!.data.every((v) => v === 0)).toBe(true);
    expect(w.get('logit_scale')!.data[0]).toBeCloseTo(Math.log(1 / 0.07), 6);
    const img = new Float32Array(2 * 3 * 64 * 64).map((_, i) => Math.sin(i));
    const out = (await evaluate(buildClipImageGraph(w, c), { image: { data: img, dims: [2, 3, 64, 64] } }))[
      'embedding'
    ]!;
    expect(out.length).toBe(2 * 32);
    expect(hasNaN(out)).toBe(false);
  });
});
