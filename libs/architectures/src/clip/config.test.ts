import { describe, expect, it } from 'vitest';
import { WeightError } from '../weights';
import {
  clipWeightShapes,
  inferClipConfig,
  tinyClipConfig,
  validateClipConfig,
  vitB32Config,
} from './config';
import { randomClipWeights } from './init';

/** Shape-only weights (data is never read by inference). */
function shapesOnly(shapes: Map<string, number[]>) {
  return new Map([...shapes].map(([k, shape]) => [k, { shape, data: new Float32Array(0) }]));
}

describe('inferClipConfig', () => {
  it('reads ViT-B/32 from its state-dict shapes as build_model does (heads = width // 64)', () => {
    const shapes = clipWeightShapes(vitB32Config);
    expect(shapes.size).toBe(302);
    let params = 0;
    for (const s of shapes.values()) params += s.reduce((p, d) => p * d, 1);
    expect(params).toBe(151_277_313);
    expect(inferClipConfig(shapesOnly(shapes))).toEqual(vitB32Config);
  });

  it('needs the head count when width // 64 does not divide the width (the fixture text tower: 32, 2 heads)', () => {
    const weights = randomClipWeights(tinyClipConfig, 1);
    expect(() => inferClipConfig(weights)).toThrow(
      /transformerHeads = 0 .*width 32.*pass transformerHeads explicitly/,
    );
    expect(inferClipConfig(weights, { transformerHeads: 2 })).toEqual(tinyClipConfig);
    expect(inferClipConfig(weights, { transformerHeads: 4, visionHeads: 2 })).toMatchObject({
      transformerHeads: 4,
      visionHeads: 2,
    });
    expect(() => inferClipConfig(weights, { transformerHeads: 3 })).toThrow(
      /transformerHeads = 3 does not divide width 32/,
    );
  });

  it('counts layers and derives the resolution from the positional embedding', () => {
    const c = { ...tinyClipConfig, visionLayers: 3, transformerLayers: 1, imageResolution: 48, embedDim: 8 };
    expect(inferClipConfig(randomClipWeights(c, 2), { transformerHeads: 2 })).toEqual(c);
  });

  it('refuses weights that are not a ViT CLIP', () => {
    expect(() => inferClipConfig(new Map())).toThrow(WeightError);
    expect(() => inferClipConfig(new Map())).toThrow(
      /not an OpenAI CLIP \(ViT\) state dict: missing visual.conv1.weight/,
    );
    const resnet = shapesOnly(new Map([['visual.attnpool.positional_embedding', [50, 2048]]]));
    expect(() => inferClipConfig(resnet)).toThrow(/ModifiedResNet/);
  });

  it('validates configs', () => {
    expect(() => validateClipConfig(vitB32Config)).not.toThrow();
    expect(() => validateClipConfig({ ...vitB32Config, imageResolution: 225 })).toThrow(
      /not a multiple of visionPatchSize/,
    );
    expect(() => validateClipConfig({ ...vitB32Config, transformerHeads: 0 })).toThrow(
      /transformerHeads = 0/,
    );
  });
});
