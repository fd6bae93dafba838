import type { Tensor } from '@styleclip/checkpoints';
import type { OptimizerState } from '@styleclip/optim';
import {
  encodeTrainingCheckpoint,
  openTrainingCheckpoint,
  type TrainingCheckpointKind,
} from '../training-checkpoint';
import type { MapperParam } from './params';
import type { ResolvedMapperTrainingRequest } from './request';

export const MAPPER_TRAINING_CHECKPOINT_FORMAT = 'styleclip-mapper-training';
export const MAPPER_TRAINING_CHECKPOINT_VERSION = 1;
const MAPPER_TRAINING_CHECKPOINT: TrainingCheckpointKind = {
  format: MAPPER_TRAINING_CHECKPOINT_FORMAT,
  version: MAPPER_TRAINING_CHECKPOINT_VERSION,
  what: 'mapper-training',
};

/** `calc_loss`'s loss_dict of one step; null for a term whose λ is 0 (the official code does not compute it). */
export interface MapperLosses {
  clip: number | null;
  l2: number | null;
  id: number | null;
  total: number;
}

/** Everything a mapper training needs to continue exactly where it stopped. */
export interface MapperTrainingState {
  request: ResolvedMapperTrainingRequest;
  modelSet: { id: string; files: string[] };
  /** sha256 of the training latents (a resumed run must get the same ones). */
  data: string;
  step: number;
  history: MapperLosses[];
  params: MapperParam[];
  optimizer: OptimizerState;
  /** Raw CLIP text embedding [E] (when the CLIP term is on). */
  text?: Float32Array;
  /** Gradient at step 0, every parameter flattened in state-dict order. */
  grad0?: Float32Array;
}

const f32 = (data: Float32Array, shape: number[] = [data.length]): Tensor => ({
  dtype: 'float32',
  shape,
  data,
});

export async function encodeMapperTrainingState(s: MapperTrainingState): Promise<Uint8Array> {
  const tensors: Record<string, Tensor> = {};
  for (const p of s.params) tensors[`param.${p.name}`] = f32(p.data, p.shape);
  if (s.text) tensors['text'] = f32(s.text);
  if (s.grad0) tensors['grad0'] = f32(s.grad0);
  for (const [k, v] of Object.entries(s.optimizer.buffers)) tensors[`optimizer.${k}`] = f32(v);
  const { buffers: _, ...optimizer } = s.optimizer;
  const json = {
    request: s.request,
    modelSet: s.modelSet,
    data: s.data,
    step: s.step,
    history: s.history,
    params: s.params.map((p) => ({ name: p.name, shape: p.shape })),
    optimizer,
  };
  return encodeTrainingCheckpoint(MAPPER_TRAINING_CHECKPOINT, tensors, json);
}

export async function decodeMapperTrainingState(bytes: Uint8Array): Promise<MapperTrainingState> {
  const {
    json,
    names,
    has,
    array: arr,
    bad,
  } = await openTrainingCheckpoint(MAPPER_TRAINING_CHECKPOINT, bytes);
  const step = json['step'] as number;
  const history = json['history'] as MapperLosses[];
  if (!Number.isSafeInteger(step) || step < 0 || !Array.isArray(history) || history.length !== step)
    bad('step and history disagree');
  const specs = json['params'] as { name: string; shape: number[] }[];
  if (!Array.isArray(specs)) bad('no parameter list');
  const params = specs.map((p) => {
    const data = arr(`param.${p.name}`);
    if (data.length !== p.shape.reduce((a, d) => a * d, 1)) bad(`parameter ${p.name} has the wrong size`);
    return { name: p.name, shape: p.shape, data };
  });
  const buffers: Record<string, Float32Array> = {};
  for (const k of names) if (k.startsWith('optimizer.')) buffers[k.slice('optimizer.'.length)] = arr(k);
  return {
    request: json['request'] as ResolvedMapperTrainingRequest,
    modelSet: json['modelSet'] as MapperTrainingState['modelSet'],
    data: json['data'] as string,
    step,
    history,
    params,
    optimizer: { ...(json['optimizer'] as Omit<OptimizerState, 'buffers'>), buffers },
    ...(has('text') ? { text: arr('text') } : {}),
    ...(has('grad0') ? { grad0: arr('grad0') } : {}),
  };
}
