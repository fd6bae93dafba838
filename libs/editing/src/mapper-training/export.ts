import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { buildMapperGraph, inferLevelsMapperConfig } from '@styleclip/architectures';
import { PyFloat, torchTensor, type PickleValue } from '@styleclip/checkpoints';
import { fileRef, loadModelSet, saveManifest, type ModelSetManifest } from '@styleclip/model-sets';
import { writeOnnxFile } from '@styleclip/onnx-graph';
import { EngineError } from '../components';
import { paramsToWeights, type MapperParam } from './params';
import type { ResolvedMapperTrainingRequest } from './request';

/**
 * The official checkpoint layout (`Coach.__get_save_dict`): `{'state_dict': {'mapper.<name>': tensor},
 * 'opts': vars(opts)}` with the 29 training options and `device`. The official files also carry the
 * generator as `decoder.*`; the research code's `StyleCLIPMapper` loads that part strictly, so to use this
 * file there, add the generator's `g_ema` tensors under `decoder.` (they are not in a model set).
 */
export function officialMapperCheckpoint(
  params: readonly MapperParam[],
  r: ResolvedMapperTrainingRequest,
  o: { generatorSize: number; source?: string; generator?: string; arcface?: string },
): PickleValue {
  const stateDict: Record<string, PickleValue> = {};
  for (const p of params) stateDict[`mapper.${p.name}`] = torchTensor(p.shape, p.data);
  const opts: Record<string, PickleValue> = {
    exp_dir: 'styleclip-mapper-training',
    mapper_type: 'LevelsMapper',
    no_coarse_mapper: !r.groups.coarse,
    no_medium_mapper: !r.groups.medium,
    no_fine_mapper: !r.groups.fine,
    latents_train_path: o.source ?? 'latents',
    latents_test_path: o.source ?? 'latents',
    train_dataset_size: 5000,
    test_dataset_size: 1000,
    work_in_stylespace: false,
    batch_size: r.batch,
    test_batch_size: 1,
    workers: 4,
    test_workers: 2,
    learning_rate: new PyFloat(r.lr),
    optim_name: r.optimizer,
    id_lambda: new PyFloat(r.idLambda),
    clip_lambda: new PyFloat(r.clipLambda),
    latent_l2_lambda: new PyFloat(r.l2Lambda),
    stylegan_weights: o.generator ?? 'generator',
    stylegan_size: o.generatorSize,
    ir_se50_weights: o.arcface ?? 'model_ir_se50.pth',
    checkpoint_path: null,
    max_steps: r.steps,
    image_interval: 100,
    board_interval: 50,
    val_interval: 2000,
    save_interval: 2000,
    description: r.text,
    device: 'cpu',
  };
  return { state_dict: stateDict, opts };
}

const NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Adds a trained mapper to a model set as `mapper-<name>.onnx` (the same graph `models import --mapper`
 * builds), so `edit mapper` and the API can use it at once. The manifest is replaced atomically, last.
 */
export async function installMapper(
  dir: string,
  name: string,
  params: readonly MapperParam[],
  o: { replace?: boolean } = {},
): Promise<ModelSetManifest> {
  if (!NAME.test(name))
    throw new EngineError(`mapper name "${name}": use 1–64 letters, digits, _ and -`, 'bad_parameter');
  const set = await loadModelSet(dir);
  const m = set.manifest;
  if (m.mappers[name] && !o.replace)
    throw new EngineError(`model set ${m.id} already has a mapper "${name}"`, 'conflict');
  const weights = paramsToWeights(params);
  const config = inferLevelsMapperConfig(weights);
  if (config.dim !== m.generator.config.styleDim) {
    throw new EngineError(
      `the mapper's width ${config.dim} is not the generator's style dim ${m.generator.config.styleDim}`,
      'bad_shape',
    );
  }
  const file = `mapper-${name}.onnx`;
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `${file}.${process.pid}.tmp`);
  try {
    await writeOnnxFile(buildMapperGraph(weights, config, `mapper_${name}`), tmp, {
      modelName: `${m.id}/${file}`,
      config: { mapper: config },
      version: 1,
    });
    await rename(tmp, join(dir, file));
  } finally {
    await rm(tmp, { force: true });
  }
  return saveManifest(dir, {
    ...m,
    mappers: { ...m.mappers, [name]: { kind: 'levels', config, model: await fileRef(dir, file) } },
  });
}
