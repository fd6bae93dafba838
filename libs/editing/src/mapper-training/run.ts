import type { WeightMap } from '@styleclip/architectures';
import { array32, type Array32 } from '@styleclip/latent-math';
import type { ModelHandle, TensorData } from '@styleclip/model-runners';
import { createOptimizer, restoreOptimizer, type Optimizer } from '@styleclip/optim';
import { EngineError } from '../components';
import type { Engine } from '../engine';
import { ComponentGraphs } from '../loss-graphs/component-graphs';
import { idFeaturesFor, type IdFeatures } from '../loss-graphs/id-loss';
import { promptEmbedding } from '../loss-graphs/prompt-embedding';
import { defaultGraphCacheDir, lossGraphSession } from '../loss-graphs/session';
import {
  decodeMapperTrainingState,
  encodeMapperTrainingState,
  type MapperLosses,
  type MapperTrainingState,
} from './checkpoint';
import { TrainingData } from './data';
import { officialMapperCheckpoint } from './export';
import { buildMapperTrainingGraph, liveParams, type MapperTrainingGraphSpec } from './graph';
import {
  flattenParams,
  levelsMapperConfig,
  paramsFromWeights,
  randomMapperParams,
  type MapperParam,
} from './params';
import {
  resolveMapperTrainingRequest,
  type MapperTrainingRequest,
  type ResolvedMapperTrainingRequest,
  type TrainingLatents,
} from './request';

export interface MapperTrainingOptions {
  /** Where built training graphs are cached (default `defaultGraphCacheDir()`). */
  graphCacheDir?: string;
}

export interface MapperStepResult {
  /** 0-based index of the step just done. */
  step: number;
  losses: MapperLosses;
}

export interface MapperEvaluation {
  /** After this many steps. */
  step: number;
  losses: MapperLosses;
  /** The evaluation batch: x = G(w) and x̂ = G(w + 0.1·M(w)), raw [B,3,H,W]. */
  x: Array32;
  xHat: Array32;
}

const feed = (data: Float32Array, dims: readonly number[]): TensorData => ({ type: 'float32', dims, data });

/**
 * A LevelsMapper training (StyleCLIP's `Coach`), one step at a time: `next()` runs the training graph on the
 * step's batch (the loss terms and the gradient of every mapper tensor in one run) and applies Ranger or Adam
 * with PyTorch's numerics; `evaluate()` renders the fixed evaluation batch; `checkpoint()` bytes let
 * `MapperTraining.resume` continue to the same final parameters after a crash; `officialCheckpoint()` is the
 * research code's layout and `params` go into a model set with `installMapper`.
 */
export class MapperTraining {
  private evalSession: ModelHandle | undefined;
  private closed = false;

  private constructor(
    private readonly engine: Engine,
    private readonly graphs: ComponentGraphs,
    private readonly session: ModelHandle,
    private readonly spec: MapperTrainingGraphSpec,
    private readonly state: MapperTrainingState,
    private readonly data: TrainingData,
    private readonly optimizer: Optimizer,
    private readonly id: IdFeatures | undefined,
    private readonly o: MapperTrainingOptions,
  ) {}

  /** Starts a training from `init` weights (an official mapper's `mapper.*` without the prefix) or the official random init. */
  static async start(
    engine: Engine,
    request: MapperTrainingRequest,
    o: MapperTrainingOptions & { init?: WeightMap } = {},
  ): Promise<MapperTraining> {
    const manifest = engine.manifest;
    const r = resolveMapperTrainingRequest(request, manifest);
    const graphs = new ComponentGraphs(engine.components.set);
    const D = manifest.generator.config.styleDim;
    const params = o.init ? paramsFromWeights(o.init, D, r.groups) : randomMapperParams(D, r.groups, r.seed);
    const data = new TrainingData(request.latents, r);
    const text =
      r.clipLambda > 0
        ? await promptEmbedding(engine.runtime, graphs, r.text, o.graphCacheDir ?? defaultGraphCacheDir())
        : undefined;
    const state: MapperTrainingState = {
      request: r,
      modelSet: { id: manifest.id, files: MapperTraining.files(graphs, r) },
      data: data.fingerprint(),
      step: 0,
      history: [],
      params,
      optimizer: createOptimizer(
        r.optimizer,
        params.map((p) => p.shape),
      ).state(),
      ...(text ? { text } : {}),
    };
    return MapperTraining.open(engine, graphs, state, data, o);
  }

  /** Continues from `checkpoint()` bytes, given the same training latents again. */
  static async resume(
    engine: Engine,
    checkpoint: Uint8Array,
    latents: TrainingLatents,
    o: MapperTrainingOptions = {},
  ): Promise<MapperTraining> {
    const state = await decodeMapperTrainingState(checkpoint);
    const r = resolveMapperTrainingRequest({ ...state.request, latents }, engine.manifest);
    const graphs = new ComponentGraphs(engine.components.set);
    if (
      state.modelSet.id !== engine.manifest.id ||
      state.modelSet.files.join() !== MapperTraining.files(graphs, r).join()
    ) {
      throw new EngineError(
        `the checkpoint was made on model set ${state.modelSet.id} with other model files; resume it on that set`,
        'checkpoint_mismatch',
      );
    }
    const data = new TrainingData(latents, r);
    if (data.fingerprint() !== state.data)
      throw new EngineError(
        'the checkpoint was made with other training latents; resume it with the same ones',
        'checkpoint_mismatch',
      );
    if (r.clipLambda > 0 && !state.text)
      throw new EngineError('not a usable mapper-training checkpoint: no text embedding', 'bad_checkpoint');
    return MapperTraining.open(engine, graphs, { ...state, request: r }, data, o);
  }

  private static async open(
    engine: Engine,
    graphs: ComponentGraphs,
    state: MapperTrainingState,
    data: TrainingData,
    o: MapperTrainingOptions,
  ): Promise<MapperTraining> {
    const r = state.request;
    const id = r.idLambda > 0 ? await idFeaturesFor(graphs) : undefined;
    if (r.idLambda > 0 && !id) {
      throw new EngineError(
        `model set ${engine.manifest.id} has no ArcFace for the ID loss (λ_ID = ${r.idLambda}); set the ID weight to 0 or use a set with ArcFace`,
        'no_arcface',
      );
    }
    const spec: MapperTrainingGraphSpec = {
      batch: r.batch,
      groups: r.groups,
      terms: { clip: r.clipLambda > 0, l2: r.l2Lambda > 0, id: r.idLambda > 0 },
      train: true,
    };
    const session = await MapperTraining.session(engine, graphs, spec, id, state.modelSet.files, o);
    const optimizer = restoreOptimizer(
      state.optimizer,
      state.params.map((p) => p.shape),
    );
    return new MapperTraining(engine, graphs, session, spec, state, data, optimizer, id, o);
  }

  private static async session(
    engine: Engine,
    graphs: ComponentGraphs,
    spec: MapperTrainingGraphSpec,
    id: IdFeatures | undefined,
    files: string[],
    o: MapperTrainingOptions,
  ): Promise<ModelHandle> {
    const { model } = await lossGraphSession(
      engine.runtime,
      o.graphCacheDir ?? defaultGraphCacheDir(),
      { kind: 'train-mapper', spec, files, logitScale: engine.manifest.clip?.logitScale ?? null },
      async () =>
        buildMapperTrainingGraph(spec, {
          manifest: engine.manifest,
          generator: await graphs.generator(),
          ...(spec.terms.clip
            ? { clip: { entry: engine.components.clip, model: await graphs.clipImage() } }
            : {}),
          ...(id ? { idFeatures: id } : {}),
        }),
    );
    return model;
  }

  private static files(graphs: ComponentGraphs, r: ResolvedMapperTrainingRequest): string[] {
    return graphs.fingerprint([
      'generator',
      ...(r.clipLambda > 0 ? (['clipImage'] as const) : []),
      ...(r.idLambda > 0 ? (['arcface'] as const) : []),
    ]);
  }

  get request(): Readonly<ResolvedMapperTrainingRequest> {
    return this.state.request;
  }

  get steps(): number {
    return this.state.request.steps;
  }

  get step(): number {
    return this.state.step;
  }

  get done(): boolean {
    return this.state.step >= this.state.request.steps;
  }

  get history(): readonly MapperLosses[] {
    return this.state.history;
  }

  /** The current mapper tensors (copies), in state-dict order. */
  get params(): MapperParam[] {
    return this.state.params.map((p) => ({ ...p, data: p.data.slice() }));
  }

  /** Every parameter flattened in state-dict order (the official `params_flat` layout). */
  flatParams(): Float32Array {
    return flattenParams(this.state.params);
  }

  /** The gradient of step 0 in the same layout, once step 0 has run. */
  get grad0(): Float32Array | undefined {
    return this.state.grad0?.slice();
  }

  get mapperConfig() {
    return levelsMapperConfig(this.engine.manifest.generator.config.styleDim, this.state.request.groups);
  }

  /** Held-out latents (for the evaluation batch). */
  get testSize(): number {
    return this.data.testSize;
  }

  private feeds(w: Float32Array): Record<string, TensorData> {
    const s = this.state;
    const r = s.request;
    const g = this.engine.manifest.generator;
    const f: Record<string, TensorData> = { w: feed(w, [r.batch, g.nLatent, g.config.styleDim]) };
    const live = new Set(liveParams(this.spec, g.config.styleDim, g.nLatent).map((p) => p.name));
    for (const p of s.params) if (live.has(p.name)) f[p.name] = feed(p.data, p.shape);
    if (this.spec.terms.clip) {
      f['text'] = feed(s.text!, [1, s.text!.length]);
      f['clip_lambda'] = feed(Float32Array.of(r.clipLambda), []);
    }
    if (this.spec.terms.l2) f['l2_lambda'] = feed(Float32Array.of(r.l2Lambda), []);
    if (this.spec.terms.id) f['id_lambda'] = feed(Float32Array.of(r.idLambda), []);
    return f;
  }

  private lossesOf(out: Record<string, TensorData>): MapperLosses {
    const v = (k: string) => (out[k] ? (out[k]!.data as Float32Array)[0]! : null);
    return { clip: v('loss_clip'), l2: v('loss_l2_latent'), id: v('loss_id'), total: v('loss')! };
  }

  /** Runs step `step` on its batch: losses and gradients, then the optimizer update. */
  async next(): Promise<MapperStepResult> {
    if (this.done) throw new EngineError(`the training is done (${this.steps} steps)`, 'bad_state');
    if (this.closed) throw new EngineError('the training was closed', 'bad_state');
    const s = this.state;
    const i = s.step;
    const out = await this.session.run(this.feeds(this.data.batch(i)));
    const losses = this.lossesOf(out);
    if (!Number.isFinite(losses.total))
      throw new EngineError(`step ${i}: the loss is not finite (training diverged)`, 'diverged');
    // Parameters whose group reads no W+ row keep a zero gradient (the official optimizer still steps them).
    const grads = s.params.map((p) => {
      const g = out[`grad.${p.name}`];
      return g ? (g.data as Float32Array).slice() : new Float32Array(p.data.length);
    });
    if (!grads.every((g) => g.every(Number.isFinite)))
      throw new EngineError(`step ${i}: a gradient is not finite (training diverged)`, 'diverged');
    this.optimizer.step(
      s.params.map((p) => p.data),
      grads,
      s.request.lr,
    );
    s.optimizer = this.optimizer.state();
    if (i === 0) s.grad0 = flattenParams(grads.map((data) => ({ data })));
    s.history.push(losses);
    s.step = i + 1;
    return { step: i, losses };
  }

  /** Losses and images of the fixed evaluation batch with the current mapper (forward only). */
  async evaluate(): Promise<MapperEvaluation | undefined> {
    if (this.closed) throw new EngineError('the training was closed', 'bad_state');
    const w = this.data.evalBatch();
    if (!w) return undefined;
    this.evalSession ??= await MapperTraining.session(
      this.engine,
      this.graphs,
      { ...this.spec, train: false },
      this.id,
      this.state.modelSet.files,
      this.o,
    );
    const out = await this.evalSession.run(this.feeds(w));
    const image = (k: string) => array32(out[k]!.dims, out[k]!.data as Float32Array);
    return { step: this.state.step, losses: this.lossesOf(out), x: image('x'), xHat: image('x_hat') };
  }

  /** Releases the training and evaluation sessions (gigabytes at 1024); the state stays readable. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.engine.runtime.unload(this.session.name);
    if (this.evalSession) await this.engine.runtime.unload(this.evalSession.name);
  }

  checkpoint(): Promise<Uint8Array> {
    return encodeMapperTrainingState(this.state);
  }

  /** The current mapper in the official checkpoint layout (`writeTorchSave` it). */
  officialCheckpoint(o: { source?: string } = {}) {
    const m = this.engine.manifest;
    const file = (role: string) =>
      m.source.kind === 'import' ? m.source.files.find((f) => f.role === role)?.name : undefined;
    const generator = file('generator');
    const arcface = file('arcface');
    return officialMapperCheckpoint(this.state.params, this.state.request, {
      generatorSize: m.generator.config.size,
      ...(o.source ? { source: o.source } : {}),
      ...(generator ? { generator } : {}),
      ...(arcface ? { arcface } : {}),
    });
  }
}
