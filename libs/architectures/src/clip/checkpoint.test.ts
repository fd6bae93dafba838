import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSafetensors, type Tensor } from '@styleclip/checkpoints';
import { fixturePath, relativeL2 } from '@styleclip/testing';
import { readClipCheckpoint, type ClipCheckpoint } from './checkpoint';
import { clipWeightShapes, tinyClipConfig, type ClipConfig } from './config';
import { FIXTURE_HEADS, fixtureEmbeddings, sameBits } from './test-helpers';

const HEADS = FIXTURE_HEADS;
let dir: string;
let state: ClipCheckpoint;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clip-ckpt-'));
  state = await readClipCheckpoint(fixturePath('clip_state.pt'), { ...HEADS, keepFloat16: true });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The stored tensors of the fixture: float16 raw bits where the file has float16, else float32. */
function storedTensors(c: ClipCheckpoint): Map<string, Tensor> {
  const out = new Map<string, Tensor>();
  for (const [k, w] of c.weights) {
    const half = c.float16?.get(k);
    out.set(
      k,
      half
        ? { dtype: 'float16', shape: half.shape, data: half.bits }
        : { dtype: 'float32', shape: [...w.shape], data: w.data },
    );
  }
  return out;
}

function transposed(t: Tensor): Tensor {
  const [r, c] = t.shape as [number, number];
  const src = t.data as Float32Array;
  const out = new (src.constructor as new (n: number) => Float32Array)(src.length);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = src[i * c + j]!;
  return { ...t, shape: [c, r], data: out } as Tensor;
}

/**
 * OpenAI → Hugging Face CLIPModel, written out independently of the reader's table (clip.md §5.4): names,
 * q/k/v split of in_proj, transposed projections, plus the int64 position_ids buffers older files carry.
 */
function toHuggingFace(sd: Map<string, Tensor>, c: ClipConfig): Map<string, Tensor> {
  const hf = new Map<string, Tensor>();
  const get = (k: string) => sd.get(k)!;
  hf.set('vision_model.embeddings.patch_embedding.weight', get('visual.conv1.weight'));
  hf.set('vision_model.embeddings.class_embedding', get('visual.class_embedding'));
  hf.set('vision_model.embeddings.position_embedding.weight', get('visual.positional_embedding'));
  hf.set('vision_model.pre_layrnorm.weight', get('visual.ln_pre.weight'));
  hf.set('vision_model.pre_layrnorm.bias', get('visual.ln_pre.bias'));
  hf.set('vision_model.post_layernorm.weight', get('visual.ln_post.weight'));
  hf.set('vision_model.post_layernorm.bias', get('visual.ln_post.bias'));
  hf.set('visual_projection.weight', transposed(get('visual.proj')));
  hf.set('text_model.embeddings.token_embedding.weight', get('token_embedding.weight'));
  hf.set('text_model.embeddings.position_embedding.weight', get('positional_embedding'));
  hf.set('text_model.final_layer_norm.weight', get('ln_final.weight'));
  hf.set('text_model.final_layer_norm.bias', get('ln_final.bias'));
  hf.set('text_projection.weight', transposed(get('text_projection')));
  hf.set('logit_scale', get('logit_scale'));
  const towers = [
    ['vision_model', 'visual.transformer', c.visionLayers, c.visionWidth],
    ['text_model', 'transformer', c.transformerLayers, c.transformerWidth],
  ] as const;
  for (const [tower, openai, layers, d] of towers) {
    for (let i = 0; i < layers; i++) {
      const L = `${tower}.encoder.layers.${i}`;
      const R = `${openai}.resblocks.${i}`;
      for (const kind of ['weight', 'bias']) {
        hf.set(`${L}.layer_norm1.${kind}`, get(`${R}.ln_1.${kind}`));
        hf.set(`${L}.layer_norm2.${kind}`, get(`${R}.ln_2.${kind}`));
        hf.set(`${L}.self_attn.out_proj.${kind}`, get(`${R}.attn.out_proj.${kind}`));
        hf.set(`${L}.mlp.fc1.${kind}`, get(`${R}.mlp.c_fc.${kind}`));
        hf.set(`${L}.mlp.fc2.${kind}`, get(`${R}.mlp.c_proj.${kind}`));
        const packed = get(`${R}.attn.in_proj_${kind}`);
        const n = packed.data.length / 3;
        ['q', 'k', 'v'].forEach((p, j) => {
          const shape = kind === 'weight' ? [d, d] : [d];
          hf.set(`${L}.self_attn.${p}_proj.${kind}`, {
            ...packed,
            shape,
            data: packed.data.slice(j * n, (j + 1) * n),
          } as Tensor);
        });
      }
    }
  }
  const ids = (n: number): Tensor => ({
    dtype: 'int64',
    shape: [1, n],
    data: BigInt64Array.from({ length: n }, (_, i) => BigInt(i)),
  });
  hf.set('text_model.embeddings.position_ids', ids(c.contextLength));
  hf.set('vision_model.embeddings.position_ids', ids((c.imageResolution / c.visionPatchSize) ** 2 + 1));
  return hf;
}

describe('readClipCheckpoint', () => {
  it('keeps the float16 bits on request and records every stored dtype', () => {
    expect(state.float16!.size).toBe(35);
    expect(state.storedDtypes.get('visual.conv1.weight')).toBe('float16');
    expect(state.storedDtypes.get('token_embedding.weight')).toBe('float32');
    expect(state.notes.join('\n')).toMatch(/converted to float32: 35 float16 tensors/);
  });

  it('reads Hugging Face CLIPModel weights (safetensors) back to the same OpenAI weights and embeddings', async () => {
    const file = join(dir, 'model.safetensors');
    await writeSafetensors(file, toHuggingFace(storedTensors(state), state.config));
    const hf = await readClipCheckpoint(file, { ...HEADS, keepFloat16: true });
    expect(hf.source).toBe('huggingface');
    expect(hf.config).toEqual(tinyClipConfig);
    expect([...hf.weights.keys()].sort()).toEqual([...state.weights.keys()].sort());
    for (const [k, w] of state.weights) {
      expect(hf.weights.get(k)!.shape, k).toEqual(w.shape);
      expect(sameBits(hf.weights.get(k)!.data, w.data), k).toBe(true);
      expect(hf.storedDtypes.get(k), k).toBe(state.storedDtypes.get(k));
    }
    for (const [k, h] of state.float16!) expect(sameBits(hf.float16!.get(k)!.bits, h.bits), k).toBe(true);
    expect(hf.notes.join('\n')).toMatch(/ignored 2 position_ids/);
    const a = await fixtureEmbeddings(state);
    const b = await fixtureEmbeddings(hf);
    expect(relativeL2(b.image, a.image)).toBe(0);
    expect(relativeL2(b.text, a.text)).toBe(0);
  });

  it('strips a wrapper prefix from an OpenAI state dict', async () => {
    const file = join(dir, 'wrapped.safetensors');
    const wrapped = new Map([...storedTensors(state)].map(([k, t]) => [`state_dict.${k}`, t]));
    await writeSafetensors(file, wrapped);
    const r = await readClipCheckpoint(file, HEADS);
    expect(r.source).toBe('openai-state-dict');
    expect(r.notes[0]).toMatch(/under "state_dict"/);
    expect(
      sameBits(
        r.weights.get('token_embedding.weight')!.data,
        state.weights.get('token_embedding.weight')!.data,
      ),
    ).toBe(true);
  });

  it('fails clearly on files that are not a usable CLIP checkpoint', async () => {
    await expect(readClipCheckpoint(fixturePath('generator.pt'))).rejects.toThrow(
      /^generator\.pt: not a CLIP checkpoint \(no visual\.conv1\.weight or vision_model\.embeddings\.patch_embedding\.weight; found \d+ tensors, keys like g_ema\./,
    );
    await expect(readClipCheckpoint(fixturePath('clip_images.npy'))).rejects.toThrow(
      /^clip_images\.npy: not a CLIP checkpoint/,
    );
    const text = join(dir, 'notes.txt');
    await writeFile(text, 'hello, not a checkpoint\n');
    await expect(readClipCheckpoint(text)).rejects.toThrow(/notes\.txt/);
    // Heads: width 32 needs them given.
    await expect(readClipCheckpoint(fixturePath('clip_state.pt'))).rejects.toThrow(
      /^clip_state\.pt: CLIP: transformerHeads = 0 does not divide width 32/,
    );
    // A tensor missing.
    const partial = new Map(storedTensors(state));
    partial.delete('transformer.resblocks.1.mlp.c_fc.bias');
    const file = join(dir, 'partial.safetensors');
    await writeSafetensors(file, partial);
    await expect(readClipCheckpoint(file, HEADS)).rejects.toThrow(
      /^partial\.safetensors: .*missing transformer\.resblocks\.1\.mlp\.c_fc\.bias/,
    );
    expect(clipWeightShapes(tinyClipConfig).has('transformer.resblocks.1.mlp.c_fc.bias')).toBe(true);
  });
});
