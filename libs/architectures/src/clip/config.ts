import { weight, WeightError, type WeightMap } from '../weights';

/** OpenAI CLIP (ViT image tower) hyper-parameters, named as `build_model` names them. */
export interface ClipConfig {
  /** Width of the shared embedding space (`text_projection.shape[1]`). */
  embedDim: number;
  imageResolution: number;
  visionPatchSize: number;
  visionWidth: number;
  visionLayers: number;
  visionHeads: number;
  contextLength: number;
  vocabSize: number;
  transformerWidth: number;
  transformerHeads: number;
  transformerLayers: number;
}

/** Head counts the weights cannot record; the default is the official rule, width // 64. */
export interface ClipHeads {
  visionHeads?: number;
  transformerHeads?: number;
}

/** The released ViT-B/32. */
export const vitB32Config: ClipConfig = Object.freeze({
  embedDim: 512,
  imageResolution: 224,
  visionPatchSize: 32,
  visionWidth: 768,
  visionLayers: 12,
  visionHeads: 12,
  contextLength: 77,
  vocabSize: 49408,
  transformerWidth: 512,
  transformerHeads: 8,
  transformerLayers: 12,
});

/** The parity fixture's shapes (shared/fixtures/parity-v1): small, but the real vocabulary and context. */
export const tinyClipConfig: ClipConfig = Object.freeze({
  embedDim: 32,
  imageResolution: 64,
  visionPatchSize: 16,
  visionWidth: 64,
  visionLayers: 2,
  visionHeads: 1,
  contextLength: 77,
  vocabSize: 49408,
  transformerWidth: 32,
  transformerHeads: 2,
  transformerLayers: 2,
});

export const visionGrid = (c: ClipConfig): number => c.imageResolution / c.visionPatchSize;
/** Image tokens: grid² patches + the class token. */
export const visionTokens = (c: ClipConfig): number => visionGrid(c) ** 2 + 1;

function heads(what: string, width: number, override: number | undefined): number {
  const h = override ?? Math.floor(width / 64);
  if (!Number.isInteger(h) || h < 1 || width % h !== 0) {
    const rule =
      override === undefined ? ` (the official rule width // 64 gives ${h}; pass ${what} explicitly)` : '';
    throw new WeightError(`CLIP: ${what} = ${h} does not divide width ${width}${rule}`);
  }
  return h;
}

/** Layer indices i of keys `<prefix>.<i>.…`, checked to be 0..n−1. */
function layerCount(weights: WeightMap, prefix: string): number {
  const seen = new Set<number>();
  for (const k of weights.keys()) {
    if (!k.startsWith(prefix)) continue;
    const i = Number(k.slice(prefix.length).split('.')[0]);
    if (Number.isInteger(i)) seen.add(i);
  }
  for (let i = 0; i < seen.size; i++) {
    if (!seen.has(i))
      throw new WeightError(`CLIP: layer ${prefix}${i} missing (found ${[...seen].sort((a, b) => a - b)})`);
  }
  return seen.size;
}

/**
 * Reads the configuration from OpenAI-named weights the way `build_model` does (clip.md §1.1). Head counts
 * are not in the weights: `build_model` uses width // 64, which is the default here; models built with
 * other head counts (the parity fixture's text tower: width 32, 2 heads) need `heads`.
 */
export function inferClipConfig(weights: WeightMap, o: ClipHeads = {}): ClipConfig {
  const shape = (k: string) => weight(weights, k, undefined, 'not an OpenAI CLIP (ViT) state dict').shape;
  if (weights.has('visual.attnpool.positional_embedding')) {
    throw new WeightError(
      'CLIP: a ModifiedResNet image tower (visual.attnpool.*); only ViT CLIP models are supported',
    );
  }
  const conv = shape('visual.conv1.weight');
  const visionWidth = conv[0]!;
  const visionPatchSize = conv[conv.length - 1]!;
  const tokens = shape('visual.positional_embedding')[0]!;
  const grid = Math.round(Math.sqrt(tokens - 1));
  if (grid * grid + 1 !== tokens) {
    throw new WeightError(`CLIP: visual.positional_embedding has ${tokens} rows, not grid² + 1`);
  }
  const transformerWidth = shape('ln_final.weight')[0]!;
  const visionLayers = [...weights.keys()].filter(
    (k) => k.startsWith('visual.') && k.endsWith('.attn.in_proj_weight'),
  ).length;
  const transformerLayers = layerCount(weights, 'transformer.resblocks.');
  if (visionLayers === 0 || transformerLayers === 0) {
    throw new WeightError(`CLIP: no residual blocks (vision ${visionLayers}, text ${transformerLayers})`);
  }
  return {
    embedDim: shape('text_projection')[1]!,
    imageResolution: visionPatchSize * grid,
    visionPatchSize,
    visionWidth,
    visionLayers,
    visionHeads: heads('visionHeads', visionWidth, o.visionHeads),
    contextLength: shape('positional_embedding')[0]!,
    vocabSize: shape('token_embedding.weight')[0]!,
    transformerWidth,
    transformerHeads: heads('transformerHeads', transformerWidth, o.transformerHeads),
    transformerLayers,
  };
}

/** Throws when the numbers do not make a model (patch grid, head split, positive sizes). */
export function validateClipConfig(c: ClipConfig): void {
  const bad = Object.entries(c).filter(([, v]) => !Number.isInteger(v) || v < 1);
  if (bad.length > 0)
    throw new WeightError(
      `CLIP config: ${bad.map(([k, v]) => `${k} = ${v}`).join(', ')} must be positive integers`,
    );
  if (c.imageResolution % c.visionPatchSize !== 0) {
    throw new WeightError(
      `CLIP config: imageResolution ${c.imageResolution} is not a multiple of visionPatchSize ${c.visionPatchSize}`,
    );
  }
  if (c.visionWidth % c.visionHeads !== 0)
    throw new WeightError(`CLIP config: ${c.visionHeads} heads do not divide visionWidth ${c.visionWidth}`);
  if (c.transformerWidth % c.transformerHeads !== 0) {
    throw new WeightError(
      `CLIP config: ${c.transformerHeads} heads do not divide transformerWidth ${c.transformerWidth}`,
    );
  }
}

/** Every parameter of a CLIP ViT model with its shape, OpenAI names, in state-dict order per tower. */
export function clipWeightShapes(c: ClipConfig): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const block = (prefix: string, d: number) => {
    out.set(`${prefix}.ln_1.weight`, [d]);
    out.set(`${prefix}.ln_1.bias`, [d]);
    out.set(`${prefix}.attn.in_proj_weight`, [3 * d, d]);
    out.set(`${prefix}.attn.in_proj_bias`, [3 * d]);
    out.set(`${prefix}.attn.out_proj.weight`, [d, d]);
    out.set(`${prefix}.attn.out_proj.bias`, [d]);
    out.set(`${prefix}.ln_2.weight`, [d]);
    out.set(`${prefix}.ln_2.bias`, [d]);
    out.set(`${prefix}.mlp.c_fc.weight`, [4 * d, d]);
    out.set(`${prefix}.mlp.c_fc.bias`, [4 * d]);
    out.set(`${prefix}.mlp.c_proj.weight`, [d, 4 * d]);
    out.set(`${prefix}.mlp.c_proj.bias`, [d]);
  };
  const vw = c.visionWidth;
  const p = c.visionPatchSize;
  out.set('visual.conv1.weight', [vw, 3, p, p]);
  out.set('visual.class_embedding', [vw]);
  out.set('visual.positional_embedding', [visionTokens(c), vw]);
  out.set('visual.ln_pre.weight', [vw]);
  out.set('visual.ln_pre.bias', [vw]);
  for (let i = 0; i < c.visionLayers; i++) block(`visual.transformer.resblocks.${i}`, vw);
  out.set('visual.ln_post.weight', [vw]);
  out.set('visual.ln_post.bias', [vw]);
  out.set('visual.proj', [vw, c.embedDim]);
  const tw = c.transformerWidth;
  out.set('token_embedding.weight', [c.vocabSize, tw]);
  out.set('positional_embedding', [c.contextLength, tw]);
  for (let i = 0; i < c.transformerLayers; i++) block(`transformer.resblocks.${i}`, tw);
  out.set('ln_final.weight', [tw]);
  out.set('ln_final.bias', [tw]);
  out.set('text_projection', [tw, c.embedDim]);
  out.set('logit_scale', []);
  return out;
}

/** Checks that every parameter of `c` is present with its shape; lists all problems in one error. */
export function checkClipWeights(weights: WeightMap, c: ClipConfig, what = 'CLIP weights'): void {
  const problems: string[] = [];
  for (const [key, shape] of clipWeightShapes(c)) {
    const w = weights.get(key);
    if (!w) problems.push(`missing ${key}`);
    else if (w.shape.length !== shape.length || w.shape.some((d, i) => d !== shape[i])) {
      problems.push(`${key} has shape [${w.shape.join(',')}], expected [${shape.join(',')}]`);
    }
  }
  if (problems.length > 0) {
    const more = problems.length > 8 ? `, … (${problems.length} problems)` : '';
    throw new WeightError(`${what}: ${problems.slice(0, 8).join('; ')}${more}`);
  }
}
