import type { Tensor } from '@styleclip/checkpoints';
import type { OptimizerState } from '@styleclip/optim';
import {
  encodeTrainingCheckpoint,
  openTrainingCheckpoint,
  type TrainingCheckpointKind,
} from '../training-checkpoint';
import type { ResolvedOptimizeRequest } from './request';

export const OPTIMIZATION_CHECKPOINT_FORMAT = 'styleclip-latent-optimization';
export const OPTIMIZATION_CHECKPOINT_VERSION = 1;
const OPTIMIZATION_CHECKPOINT: TrainingCheckpointKind = {
  format: OPTIMIZATION_CHECKPOINT_FORMAT,
  version: OPTIMIZATION_CHECKPOINT_VERSION,
  what: 'optimization',
};

export interface StepLosses {
  lr: number;
  clip: number;
  /** null where the term is not part of the loss (free generation, λ_ID = 0). */
  l2: number | null;
  id: number | null;
  total: number;
}

/** Everything a latent optimization needs to continue exactly where it stopped. */
export interface OptimizationState {
  request: Omit<ResolvedOptimizeRequest, 'latent' | 'meanLatent'>;
  /** The model set it ran on: id and the sha256 of every file the loss graph is made of. */
  modelSet: { id: string; files: string[] };
  /** Steps done. */
  step: number;
  /** Per step done: its lr and losses (at the latent before that step's update). */
  history: StepLosses[];
  latentShape: number[];
  /** The current latent (after `step` updates) and the start point, in the optimized space. */
  latent: Float32Array;
  init: Float32Array;
  /** Raw CLIP text embedding [E]. */
  text: Float32Array;
  /** Unit ArcFace features of the start image (edit mode with the ID term). */
  idTarget?: Float32Array;
  optimizer: OptimizerState;
  /** The gradient Adam received at step 0. */
  grad0?: Float32Array;
  /** With `keepLatents`: the latent after every step done (step 1 … `step`). */
  latents?: Float32Array[];
}

const f32 = (data: Float32Array, shape: number[] = [data.length]): Tensor => ({
  dtype: 'float32',
  shape,
  data,
});

/** The state as safetensors bytes: arrays as float32 tensors, the rest as JSON in the metadata. */
export async function encodeOptimizationState(s: OptimizationState): Promise<Uint8Array> {
  const tensors: Record<string, Tensor> = { latent: f32(s.latent), init: f32(s.init), text: f32(s.text) };
  if (s.idTarget) tensors['id_target'] = f32(s.idTarget);
  if (s.grad0) tensors['grad0'] = f32(s.grad0);
  (s.latents ?? []).forEach((l, i) => (tensors[`latents.${i}`] = f32(l)));
  for (const [k, v] of Object.entries(s.optimizer.buffers)) tensors[`optimizer.${k}`] = f32(v);
  const { buffers: _, ...optimizer } = s.optimizer;
  const json = {
    request: s.request,
    modelSet: s.modelSet,
    step: s.step,
    history: s.history,
    latentShape: s.latentShape,
    optimizer,
    latents: s.latents ? s.latents.length : null,
  };
  return encodeTrainingCheckpoint(OPTIMIZATION_CHECKPOINT, tensors, json);
}

export async function decodeOptimizationState(bytes: Uint8Array): Promise<OptimizationState> {
  const { json, names, has, array: arr, bad } = await openTrainingCheckpoint(OPTIMIZATION_CHECKPOINT, bytes);
  const latentShape = json['latentShape'] as number[];
  if (!Array.isArray(latentShape) || !latentShape.every((d) => Number.isSafeInteger(d) && d > 0))
    bad('latentShape');
  const size = latentShape.reduce((p, d) => p * d, 1);
  const step = json['step'] as number;
  const history = json['history'] as StepLosses[];
  if (!Number.isSafeInteger(step) || step < 0 || !Array.isArray(history) || history.length !== step)
    bad('step and history disagree');
  const latent = arr('latent');
  const init = arr('init');
  if (latent.length !== size || init.length !== size) bad('latent sizes');
  const nLatents = json['latents'] as number | null;
  const buffers: Record<string, Float32Array> = {};
  for (const k of names) if (k.startsWith('optimizer.')) buffers[k.slice('optimizer.'.length)] = arr(k);
  return {
    request: json['request'] as OptimizationState['request'],
    modelSet: json['modelSet'] as OptimizationState['modelSet'],
    step,
    history,
    latentShape,
    latent,
    init,
    text: arr('text'),
    ...(has('id_target') ? { idTarget: arr('id_target') } : {}),
    ...(has('grad0') ? { grad0: arr('grad0') } : {}),
    ...(nLatents !== null && nLatents !== undefined
      ? { latents: Array.from({ length: nLatents }, (_, i) => arr(`latents.${i}`)) }
      : {}),
    optimizer: { ...(json['optimizer'] as Omit<OptimizerState, 'buffers'>), buffers },
  };
}
