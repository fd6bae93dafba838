import { MAPPER_GROUPS } from '@styleclip/architectures';
import type { ClipEntry, ModelSetManifest } from '@styleclip/model-sets';
import { equalLinear, pixelNorm } from '@styleclip/nn';
import {
  add,
  concat,
  gradients,
  Graph,
  importOnnx,
  mul,
  reduceMean,
  reshape,
  slice,
  stopGradient,
  sub,
  zerosLike,
  type OnnxModel,
  type Tensor,
} from '@styleclip/onnx-graph';
import { clipLoss } from '../loss-graphs/clip-loss';
import { idLoss, type IdFeatures } from '../loss-graphs/id-loss';
import { MAPPER_LAYERS, mapperParamSpecs } from './params';
import type { MapperGroups } from './request';

/** What decides the training graph's structure (everything else is an input). */
export interface MapperTrainingGraphSpec {
  batch: number;
  groups: MapperGroups;
  /** Which loss terms exist (the official code computes a term only when its λ > 0). */
  terms: { clip: boolean; l2: boolean; id: boolean };
  /** true: the training step (loss terms and gradients); false: evaluation (loss terms and both images). */
  train: boolean;
}

export interface MapperTrainingGraphParts {
  manifest: ModelSetManifest;
  generator: OnnxModel;
  clip?: { entry: ClipEntry; model: OnnxModel };
  idFeatures?: IdFeatures;
}

/** Parameters whose group reads at least one W+ row (a group past the generator's rows gets no gradient). */
export function liveParams(spec: Pick<MapperTrainingGraphSpec, 'groups'>, dim: number, nLatent: number) {
  return mapperParamSpecs(dim, spec.groups).filter((p) => Math.min(p.group.to, nLatent) > p.group.from);
}

/**
 * StyleCLIP's `Coach.train` step as one graph. Inputs: `w` [B,L,D], `text` [1,E] (raw CLIP text embedding),
 * `clip_lambda`, `l2_lambda`, `id_lambda` [] and every mapper tensor by its state-dict name. The mapper is
 * LevelsMapper with its weights as inputs: rows 0:4, 4:8, 8:L to coarse/medium/fine, PixelNorm over the
 * group's rows (dim 1), 4 × EqualLinear(lr_mul 0.01, fused lrelu); a disabled group gives zeros.
 * ŵ = w + 0.1·M(w); x = G(w) (a constant), x̂ = G(ŵ) with the set's own generator (fixed noise, ψ 1). Loss, in
 * the official order: λ_ID·ID(x̂, x) + λ_CLIP·mean_B CLIPLoss(x̂) + λ_L2·MSE(ŵ, w). Outputs `loss`,
 * `loss_clip`, `loss_l2_latent`, `loss_id` (the terms present) and `grad.<name>` for every live parameter
 * (training), or `x`, `x_hat` (evaluation).
 */
export function buildMapperTrainingGraph(
  spec: MapperTrainingGraphSpec,
  parts: MapperTrainingGraphParts,
): Graph {
  const { nLatent, config } = parts.manifest.generator;
  const D = config.styleDim;
  const g = new Graph(`train_mapper_${spec.train ? 'step' : 'eval'}`);
  const w = g.input('w', 'float32', [spec.batch, nLatent, D]);
  const params = new Map(
    liveParams(spec, D, nLatent).map((p) => [p.name, g.input(p.name, 'float32', p.shape)]),
  );

  const parts3 = MAPPER_GROUPS.flatMap((group) => {
    const to = Math.min(group.to, nLatent);
    if (to <= group.from) return [];
    const x = slice(w, [group.from], [to], [1]);
    if (!spec.groups[group.name]) return [zerosLike(x)];
    let h = pixelNorm(x, 1);
    for (let i = 1; i <= MAPPER_LAYERS; i++) {
      const weight = params.get(`${group.key}.mapping.${i}.weight`)!;
      const bias = params.get(`${group.key}.mapping.${i}.bias`)!;
      h = equalLinear(h, { weight, bias }, { lrMul: 0.01, activation: 'fused_lrelu' });
    }
    return [h];
  });
  const delta = parts3.length === 1 ? parts3[0]! : concat(parts3, 1);
  const wHat = add(w, mul(delta, 0.1));
  const generate = (latent: Tensor) =>
    importOnnx(g, parts.generator, { inputs: { wplus: latent }, prefix: 'generator/' })['image']!;
  const xHat = generate(wHat);
  const x = spec.terms.id || !spec.train ? generate(w) : undefined;

  const terms: Tensor[] = [];
  const term = (name: string, value: Tensor, lambda: string) => {
    g.output(value, name);
    terms.push(mul(value, g.input(lambda, 'float32', [])));
  };
  if (spec.terms.id) {
    if (!parts.idFeatures)
      throw new Error('buildMapperTrainingGraph: the ID term needs the model set’s ArcFace');
    term(
      'loss_id',
      idLoss(parts.idFeatures.features(g, xHat), stopGradient(parts.idFeatures.features(g, x!))),
      'id_lambda',
    );
  }
  if (spec.terms.clip) {
    if (!parts.clip) throw new Error('buildMapperTrainingGraph: the CLIP term needs the model set’s CLIP');
    term(
      'loss_clip',
      reshape(
        reduceMean(
          clipLoss(g, xHat, g.input('text', 'float32', [1, parts.clip.entry.config.embedDim]), parts.clip),
        ),
        [],
      ),
      'clip_lambda',
    );
  }
  if (spec.terms.l2) {
    const d = sub(wHat, w);
    term('loss_l2_latent', reduceMean(mul(d, d)), 'l2_lambda');
  }
  const loss = terms.slice(1).reduce((a, b) => add(a, b), terms[0]!);
  g.output(loss, 'loss');
  if (spec.train) {
    const names = [...params.keys()];
    gradients(loss, [...params.values()]).forEach((t, i) => g.output(t, `grad.${names[i]}`));
  } else {
    g.output(x!, 'x');
    g.output(xHat, 'x_hat');
  }
  return g;
}
