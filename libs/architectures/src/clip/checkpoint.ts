import { basename } from 'node:path';
import {
  openCheckpoint,
  stateDict,
  toFloat32,
  type CheckpointFormat,
  type DType,
  type LazyTensor,
  type Tensor,
} from '@styleclip/checkpoints';
import { WeightError, type Weight } from '../weights';
import {
  checkClipWeights,
  clipWeightShapes,
  inferClipConfig,
  type ClipConfig,
  type ClipHeads,
} from './config';
import { HF_IGNORED, openaiNameOf } from './huggingface';

export type ClipCheckpointSource = 'openai-state-dict' | 'torchscript' | 'huggingface';

export interface ReadClipOptions extends ClipHeads {
  /** Also return the raw bits of the parameters stored as float16 (`float16`). The graphs use `weights`. */
  keepFloat16?: boolean;
}

export interface ClipCheckpoint {
  /** float32 weights under OpenAI state-dict names (`visual.conv1.weight`, …, `logit_scale`). */
  weights: Map<string, Weight>;
  config: ClipConfig;
  source: ClipCheckpointSource;
  /** What was read, converted, dropped or ignored. */
  notes: string[];
  /** The stored dtype of every parameter (OpenAI names), before the float32 conversion. */
  storedDtypes: Map<string, DType>;
  /** With `keepFloat16`: the parameters stored as float16, as raw IEEE half bits (OpenAI names and layout). */
  float16?: Map<string, { shape: number[]; bits: Uint16Array }>;
}

/** The 0-d buffers of the TorchScript archive that `build_model` deletes. */
const JIT_BUFFERS = ['input_resolution', 'context_length', 'vocab_size'];

const ANCHORS = [
  { source: 'openai-state-dict', key: 'visual.conv1.weight' },
  { source: 'huggingface', key: 'vision_model.embeddings.patch_embedding.weight' },
] as const;

function describeKeys(keys: string[]): string {
  if (keys.length === 0) return 'no tensors';
  return `${keys.length} tensors, keys like ${keys.slice(0, 4).join(', ')}${keys.length > 4 ? ', …' : ''}`;
}

/** The layout and the key prefix (e.g. `state_dict.`, `module.`) from the anchor keys. */
function detect(
  file: string,
  keys: string[],
): { layout: 'openai-state-dict' | 'huggingface'; prefix: string } {
  let best: { layout: 'openai-state-dict' | 'huggingface'; prefix: string } | undefined;
  for (const k of keys) {
    for (const a of ANCHORS) {
      if (!k.endsWith(a.key)) continue;
      const prefix = k.slice(0, k.length - a.key.length);
      if (prefix !== '' && !prefix.endsWith('.')) continue;
      if (!best || prefix.length < best.prefix.length) best = { layout: a.source, prefix };
    }
  }
  if (!best) {
    throw new WeightError(
      `${file}: not a CLIP checkpoint (no visual.conv1.weight or vision_model.embeddings.patch_embedding.weight; ` +
        `found ${describeKeys(keys)})`,
    );
  }
  if (keys.includes(`${best.prefix}visual.attnpool.positional_embedding`)) {
    throw new WeightError(`${file}: a ResNet CLIP (visual.attnpool.*); only ViT CLIP models are supported`);
  }
  return best;
}

const isFloat = (d: DType) => d === 'float32' || d === 'float16' || d === 'bfloat16' || d === 'float64';

/** Row-major [rows, cols] → [cols, rows] for any typed array. */
function transposed(t: Tensor): Tensor {
  const [rows, cols] = t.shape as [number, number];
  const src = t.data as unknown as ArrayLike<number> & { constructor: new (n: number) => Float32Array };
  const out = new src.constructor(src.length) as unknown as Float32Array;
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = src[r * cols + c]!;
  return { dtype: t.dtype, shape: [cols, rows], data: out } as Tensor;
}

/** q | k | v stacked along dim 0 (one dtype; mixed dtypes go through float32). */
function stacked(file: string, key: string, parts: (Tensor | undefined)[]): Tensor {
  if (parts.some((p) => !p)) {
    const names = ['q', 'k', 'v'].filter((_, i) => !parts[i]);
    throw new WeightError(`${file}: ${key} needs the q, k and v projections; missing ${names.join(', ')}`);
  }
  const ps = parts as Tensor[];
  const [first] = ps as [Tensor];
  if (ps.some((p) => p.shape.join() !== first.shape.join())) {
    throw new WeightError(
      `${file}: q/k/v projections for ${key} differ in shape: ${ps.map((p) => `[${p.shape}]`).join(', ')}`,
    );
  }
  const same = ps.every((p) => p.dtype === first.dtype);
  const datas = same ? ps.map((p) => p.data as unknown as Float32Array) : ps.map((p) => toFloat32(p));
  const n = datas[0]!.length;
  const ctor = datas[0]!.constructor as new (n: number) => Float32Array;
  const out = new ctor(3 * n);
  datas.forEach((d, i) => out.set(d, i * n));
  const shape = [3 * first.shape[0]!, ...first.shape.slice(1)];
  return { dtype: same ? first.dtype : 'float32', shape, data: out } as Tensor;
}

async function readOpenAI(
  entries: Map<string, LazyTensor>,
  prefix: string,
  notes: string[],
): Promise<Map<string, Tensor>> {
  const out = new Map<string, Tensor>();
  const buffers: string[] = [];
  const skipped: string[] = [];
  for (const [fullKey, lazy] of entries) {
    if (!fullKey.startsWith(prefix)) continue;
    const key = fullKey.slice(prefix.length);
    if (JIT_BUFFERS.includes(key) && lazy.shape.length === 0) {
      buffers.push(`${key}=${toFloat32(await lazy.load())[0]}`);
      continue;
    }
    if (isFloat(lazy.dtype)) out.set(key, await lazy.load());
    else skipped.push(`${key} (${lazy.dtype})`);
  }
  if (buffers.length > 0) notes.push(`dropped the buffers ${buffers.join(', ')} (as build_model does)`);
  if (skipped.length > 0)
    notes.push(
      `ignored non-float tensors: ${skipped.slice(0, 5).join(', ')}${skipped.length > 5 ? ', …' : ''}`,
    );
  return out;
}

async function readHuggingFace(
  file: string,
  entries: Map<string, LazyTensor>,
  prefix: string,
  notes: string[],
): Promise<Map<string, Tensor>> {
  const out = new Map<string, Tensor>();
  const qkv = new Map<string, (Tensor | undefined)[]>();
  const unknown: string[] = [];
  let ignored = 0;
  for (const [fullKey, lazy] of entries) {
    if (!fullKey.startsWith(prefix)) continue;
    const key = fullKey.slice(prefix.length);
    if (HF_IGNORED.test(key)) {
      ignored++;
      continue;
    }
    const target = openaiNameOf(key);
    if (!target) {
      unknown.push(key);
      continue;
    }
    let t = await lazy.load();
    if (target.transpose) {
      if (t.shape.length !== 2) throw new WeightError(`${file}: ${key} must be 2-D, got [${t.shape}]`);
      t = transposed(t);
    }
    if (target.part === undefined) out.set(target.key, t);
    else {
      const parts = qkv.get(target.key) ?? [undefined, undefined, undefined];
      parts[target.part] = t;
      qkv.set(target.key, parts);
    }
  }
  for (const [key, parts] of qkv) out.set(key, stacked(file, key, parts));
  notes.push(
    'Hugging Face CLIPModel names mapped to OpenAI names: q/k/v packed into in_proj, projections transposed',
  );
  if (ignored > 0) notes.push(`ignored ${ignored} position_ids buffer(s)`);
  if (unknown.length > 0)
    notes.push(
      `ignored ${unknown.length} tensors that are not CLIPModel parameters: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}`,
    );
  return out;
}

/**
 * Reads a ViT CLIP checkpoint into OpenAI state-dict names: an OpenAI state dict (`torch.save(model.state_dict())`,
 * float16 storages converted to float32), the TorchScript archive (`ViT-B-32.pt`; its 3 buffers dropped) or
 * Hugging Face `CLIPModel` weights (`pytorch_model.bin` / `model.safetensors`). The layout is detected from the
 * keys (a common prefix such as `state_dict.` is stripped); the config is inferred as `build_model` does, with
 * head counts width // 64 unless given. Wrong files fail naming the file and what was found.
 */
export async function readClipCheckpoint(path: string, o: ReadClipOptions = {}): Promise<ClipCheckpoint> {
  const file = basename(path);
  const ckpt = await openCheckpoint(path);
  try {
    const entries = stateDict(ckpt.root);
    const { layout, prefix } = detect(file, [...entries.keys()]);
    const source: ClipCheckpointSource = ckpt.format === 'torchscript' ? 'torchscript' : layout;
    const notes = [
      `${describeSource(source, ckpt.format)}${prefix ? ` under "${prefix.slice(0, -1)}"` : ''}`,
    ];
    const raw =
      layout === 'huggingface'
        ? await readHuggingFace(file, entries, prefix, notes)
        : await readOpenAI(entries, prefix, notes);

    const weights = new Map<string, Weight>();
    const storedDtypes = new Map<string, DType>();
    for (const [k, t] of raw) {
      weights.set(k, { shape: t.shape, data: toFloat32(t) });
      storedDtypes.set(k, t.dtype);
    }
    let config: ClipConfig;
    try {
      config = inferClipConfig(weights, o);
      checkClipWeights(weights, config);
    } catch (e) {
      if (e instanceof WeightError) throw new WeightError(`${file}: ${e.message}`);
      throw e;
    }
    const expected = clipWeightShapes(config);
    const extra = [...weights.keys()].filter((k) => !expected.has(k));
    for (const k of extra) {
      weights.delete(k);
      storedDtypes.delete(k);
    }
    if (extra.length > 0)
      notes.push(
        `ignored ${extra.length} unexpected tensors: ${extra.slice(0, 5).join(', ')}${extra.length > 5 ? ', …' : ''}`,
      );

    const counts = new Map<DType, number>();
    for (const d of storedDtypes.values()) counts.set(d, (counts.get(d) ?? 0) + 1);
    const halves = [...counts].filter(([d]) => d !== 'float32');
    if (halves.length > 0)
      notes.push(`converted to float32: ${halves.map(([d, n]) => `${n} ${d}`).join(', ')} tensors`);
    notes.push(
      `heads: vision ${config.visionHeads}${o.visionHeads === undefined ? ' (width // 64)' : ' (given)'}, ` +
        `text ${config.transformerHeads}${o.transformerHeads === undefined ? ' (width // 64)' : ' (given)'}`,
    );

    const result: ClipCheckpoint = { weights, config, source, notes, storedDtypes };
    if (o.keepFloat16) {
      result.float16 = new Map();
      for (const [k, t] of raw) {
        if (t.dtype === 'float16' && expected.has(k))
          result.float16.set(k, { shape: t.shape, bits: t.data as Uint16Array });
      }
    }
    return result;
  } finally {
    await ckpt.close();
  }
}

function describeSource(source: ClipCheckpointSource, format: CheckpointFormat): string {
  const what = {
    'openai-state-dict': 'OpenAI state dict',
    torchscript: 'OpenAI TorchScript archive',
    huggingface: 'Hugging Face CLIPModel',
  };
  return `${what[source]} (${format})`;
}
