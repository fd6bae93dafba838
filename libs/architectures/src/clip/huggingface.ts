/**
 * Hugging Face `CLIPModel` parameter names → OpenAI state-dict names (clip.md §5.4). q/k/v projections are
 * parts of the packed `in_proj_*`; `visual_projection.weight` and `text_projection.weight` are the
 * transposes of `visual.proj` and `text_projection`.
 */
export interface HfTarget {
  /** OpenAI key. */
  key: string;
  /** Which third of the packed q|k|v `in_proj_*` this is. */
  part?: 0 | 1 | 2;
  /** Stored [out, in] by HF, used as x·P by OpenAI: transpose. */
  transpose?: boolean;
}

/** HF buffers that are not parameters (older files carry them); skipped. */
export const HF_IGNORED = /^(vision_model|text_model)\.embeddings\.position_ids$/;

const TOP: Record<string, HfTarget> = {
  'vision_model.embeddings.patch_embedding.weight': { key: 'visual.conv1.weight' },
  'vision_model.embeddings.class_embedding': { key: 'visual.class_embedding' },
  'vision_model.embeddings.position_embedding.weight': { key: 'visual.positional_embedding' },
  'vision_model.pre_layrnorm.weight': { key: 'visual.ln_pre.weight' },
  'vision_model.pre_layrnorm.bias': { key: 'visual.ln_pre.bias' },
  'vision_model.post_layernorm.weight': { key: 'visual.ln_post.weight' },
  'vision_model.post_layernorm.bias': { key: 'visual.ln_post.bias' },
  'visual_projection.weight': { key: 'visual.proj', transpose: true },
  'text_model.embeddings.token_embedding.weight': { key: 'token_embedding.weight' },
  'text_model.embeddings.position_embedding.weight': { key: 'positional_embedding' },
  'text_model.final_layer_norm.weight': { key: 'ln_final.weight' },
  'text_model.final_layer_norm.bias': { key: 'ln_final.bias' },
  'text_projection.weight': { key: 'text_projection', transpose: true },
  logit_scale: { key: 'logit_scale' },
};

const LAYER = /^(vision_model|text_model)\.encoder\.layers\.(\d+)\.(.+)\.(weight|bias)$/;

const LAYER_MODULES: Record<string, (kind: string) => HfTarget> = {
  layer_norm1: (kind) => ({ key: `ln_1.${kind}` }),
  layer_norm2: (kind) => ({ key: `ln_2.${kind}` }),
  'self_attn.q_proj': (kind) => ({ key: `attn.in_proj_${kind}`, part: 0 }),
  'self_attn.k_proj': (kind) => ({ key: `attn.in_proj_${kind}`, part: 1 }),
  'self_attn.v_proj': (kind) => ({ key: `attn.in_proj_${kind}`, part: 2 }),
  'self_attn.out_proj': (kind) => ({ key: `attn.out_proj.${kind}` }),
  'mlp.fc1': (kind) => ({ key: `mlp.c_fc.${kind}` }),
  'mlp.fc2': (kind) => ({ key: `mlp.c_proj.${kind}` }),
};

/** Where an HF `CLIPModel` parameter goes in the OpenAI state dict, or undefined for an unknown name. */
export function openaiNameOf(hfName: string): HfTarget | undefined {
  const top = TOP[hfName];
  if (top) return top;
  const m = LAYER.exec(hfName);
  if (!m) return undefined;
  const [, tower, layer, module, kind] = m;
  const make = LAYER_MODULES[module!];
  if (!make) return undefined;
  const target = make(kind!);
  const prefix = tower === 'vision_model' ? 'visual.transformer.resblocks' : 'transformer.resblocks';
  return { ...target, key: `${prefix}.${layer}.${target.key}` };
}
