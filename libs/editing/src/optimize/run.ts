import { array32, type Array32 } from '@styleclip/latent-math';
import type { ModelHandle } from '@styleclip/model-runners';
import { createOptimizer, restoreOptimizer, styleclipLr, type Optimizer } from '@styleclip/optim';
import { Graph, type Tensor } from '@styleclip/onnx-graph';
import { EngineError } from '../components';
import type { Engine } from '../engine';
import { ComponentGraphs } from '../loss-graphs/component-graphs';
import { idFeaturesFor, type IdFeatures } from '../loss-graphs/id-loss';
import { promptEmbedding } from '../loss-graphs/prompt-embedding';
import { defaultGraphCacheDir, lossGraphFile, lossGraphSession } from '../loss-graphs/session';
import {
  decodeOptimizationState,
  encodeOptimizationState,
  type OptimizationState,
  type StepLosses,
} from './checkpoint';
import { buildOptimizationGraph, type OptimizationGraphSpec } from './graph';
import { meanLatent } from './mean-latent';
import {
  OPTIMIZE_DEFAULTS,
  resolveOptimizeRequest,
  type OptimizeRequest,
  type ResolvedOptimizeRequest,
} from './request';

export interface OptimizationOptions {
  /** Where built loss graphs are cached (default `defaultGraphCacheDir()`). */
  graphCacheDir?: string;
  /** Keep the latent after every step in the run (and its checkpoints), e.g. to write them all out. */
  keepLatents?: boolean;
  /** Free generation without a start latent: mapped z averaged and the seed of their PRNG. */
  meanLatentSamples?: number;
  meanLatentSeed?: number;
}

/** One optimization step: its lr, the losses at the latent before the update, the gradient, the new latent. */
export interface OptimizeStepResult {
  /** 0-based index of the step just done. */
  step: number;
  losses: StepLosses;
  grad: Array32;
  latent: Array32;
}

const feedOf = (data: Float32Array, dims: readonly number[]) => ({ type: 'float32' as const, dims, data });

/**
 * A latent optimization (StyleCLIP's `run_optimization.py`) driven one step at a time: a job calls `next()`
 * until `done`, renders previews with `render()`, stores `checkpoint()` bytes now and then and, after a
 * crash, continues with `LatentOptimization.resume` — ending with the same latent as an uninterrupted run.
 * Each step is one run of the loss-and-gradient graph (the loss terms and d loss/d latent together), then one
 * Adam update with torch's numerics at the official learning-rate ramp.
 */
export class LatentOptimization {
  /** Sessions load on first use: a run that only reports losses never holds the gradient graph. */
  private stepSession: Promise<ModelHandle> | undefined;
  private forwardSession: Promise<ModelHandle> | undefined;
  private closed = false;

  private constructor(
    private readonly engine: Engine,
    private readonly state: OptimizationState,
    private readonly optimizer: Optimizer,
    private readonly keepLatents: boolean,
    private readonly loaders: { step: () => Promise<ModelHandle>; forward: () => Promise<ModelHandle> },
  ) {}

  /** Starts a new optimization (validates the request, encodes the text, prepares the loss graph). */
  static async start(
    engine: Engine,
    request: OptimizeRequest,
    o: OptimizationOptions = {},
  ): Promise<LatentOptimization> {
    const manifest = engine.manifest;
    const r = resolveOptimizeRequest(request, manifest);
    const graphs = new ComponentGraphs(engine.components.set);
    const id = await LatentOptimization.idFeatures(engine, r);
    const wplus = r.latent ?? (await LatentOptimization.meanStart(engine, r, o));
    const init = r.space === 's' ? await engine.components.styles(wplus) : wplus;
    const latentShape = init.shape.slice(1);
    const text = await promptEmbedding(
      engine.runtime,
      graphs,
      r.text,
      o.graphCacheDir ?? defaultGraphCacheDir(),
    );
    const idTarget = id ? await LatentOptimization.idTarget(engine, id, wplus, o) : undefined;
    const state: OptimizationState = {
      request: {
        text: r.text,
        mode: r.mode,
        space: r.space,
        steps: r.steps,
        lr: r.lr,
        l2Lambda: r.l2Lambda,
        idLambda: r.idLambda,
      },
      modelSet: { id: manifest.id, files: LatentOptimization.files(graphs, r) },
      step: 0,
      history: [],
      latentShape,
      latent: init.data.slice(),
      init: init.data.slice(),
      text,
      ...(idTarget ? { idTarget } : {}),
      optimizer: createOptimizer('adam', [[init.data.length]]).state(),
      ...(o.keepLatents ? { latents: [] } : {}),
    };
    return LatentOptimization.open(engine, graphs, state, id, o);
  }

  /** Continues an optimization from `checkpoint()` bytes, on the same model set. */
  static async resume(
    engine: Engine,
    checkpoint: Uint8Array,
    o: OptimizationOptions = {},
  ): Promise<LatentOptimization> {
    const state = await decodeOptimizationState(checkpoint);
    const r = resolveOptimizeRequest(state.request, engine.manifest, { resumed: true });
    const graphs = new ComponentGraphs(engine.components.set);
    const files = LatentOptimization.files(graphs, r);
    if (state.modelSet.id !== engine.manifest.id || state.modelSet.files.join() !== files.join()) {
      throw new EngineError(
        `the checkpoint was made on model set ${state.modelSet.id} with other model files; resume it on that set`,
        'checkpoint_mismatch',
      );
    }
    const id = await LatentOptimization.idFeatures(engine, r);
    if (id && !state.idTarget)
      throw new EngineError('not a usable optimization checkpoint: no ID target features', 'bad_checkpoint');
    if (o.keepLatents && state.latents?.length !== state.step) {
      throw new EngineError(
        'the checkpoint does not hold every step’s latent (it was made without keepLatents)',
        'bad_checkpoint',
      );
    }
    return LatentOptimization.open(engine, graphs, state, id, o);
  }

  private static async open(
    engine: Engine,
    graphs: ComponentGraphs,
    state: OptimizationState,
    id: IdFeatures | undefined,
    o: OptimizationOptions,
  ): Promise<LatentOptimization> {
    const r = state.request;
    const file = (gradient: boolean) => {
      const spec: OptimizationGraphSpec = {
        space: r.space,
        mode: r.mode,
        id: id !== undefined,
        latentShape: state.latentShape,
        gradient,
      };
      const key = {
        kind: 'optimize',
        spec,
        files: state.modelSet.files,
        logitScale: engine.components.clip.logitScale ?? null,
      };
      return lossGraphFile(o.graphCacheDir ?? defaultGraphCacheDir(), key, async () =>
        buildOptimizationGraph(spec, {
          manifest: engine.manifest,
          generator: await (r.space === 's' ? graphs.synthesis() : graphs.generator()),
          clip: { entry: engine.components.clip, model: await graphs.clipImage() },
          ...(id ? { idFeatures: id } : {}),
        }),
      );
    };
    // The step graph is built now (a problem shows at start), loaded when the first step runs.
    const step = await file(true);
    const load = (f: { name: string; path: string }) => engine.runtime.load(f.name, f.path);
    const optimizer = restoreOptimizer(state.optimizer, [[state.latent.length]]);
    return new LatentOptimization(engine, state, optimizer, o.keepLatents ?? false, {
      step: () => load(step),
      forward: async () => load(await file(false)),
    });
  }

  private static files(graphs: ComponentGraphs, r: ResolvedOptimizeRequest): string[] {
    const id = r.mode === 'edit' && r.idLambda > 0;
    return graphs.fingerprint([
      r.space === 's' ? 'synthesis' : 'generator',
      'clipImage',
      ...(id ? (['arcface'] as const) : []),
    ]);
  }

  /** The ID term's features, when the request uses it (edit mode, λ_ID > 0). */
  private static async idFeatures(
    engine: Engine,
    r: ResolvedOptimizeRequest,
  ): Promise<IdFeatures | undefined> {
    if (r.mode !== 'edit' || r.idLambda === 0) return undefined;
    const id = await idFeaturesFor(new ComponentGraphs(engine.components.set));
    if (!id) {
      throw new EngineError(
        `model set ${engine.manifest.id} has no ArcFace for the ID loss (λ_ID = ${r.idLambda}); set the ID weight to 0 or use a set with ArcFace`,
        'no_arcface',
      );
    }
    return id;
  }

  private static async meanStart(
    engine: Engine,
    r: ResolvedOptimizeRequest,
    o: OptimizationOptions,
  ): Promise<Array32> {
    const D = engine.manifest.generator.config.styleDim;
    const mean =
      r.meanLatent?.data ??
      (await meanLatent(
        engine.components,
        o.meanLatentSamples ?? OPTIMIZE_DEFAULTS.meanLatentSamples,
        o.meanLatentSeed ?? OPTIMIZE_DEFAULTS.meanLatentSeed,
      ));
    const rows = Math.max(OPTIMIZE_DEFAULTS.freeRows, engine.manifest.generator.nLatent);
    const out = new Float32Array(rows * D);
    for (let i = 0; i < rows; i++) out.set(mean, i * D);
    return array32([1, rows, D], out);
  }

  /** Unit ArcFace features of the start image (computed once; constants of the loss). */
  private static async idTarget(
    engine: Engine,
    id: IdFeatures,
    wplus: Array32,
    o: OptimizationOptions,
  ): Promise<Float32Array> {
    const image = await engine.components.generate(wplus);
    const { model } = await lossGraphSession(
      engine.runtime,
      o.graphCacheDir ?? defaultGraphCacheDir(),
      {
        kind: 'id-features',
        shape: image.shape,
        files: new ComponentGraphs(engine.components.set).fingerprint(['arcface']),
      },
      async () => {
        const g = new Graph('id_features');
        const input: Tensor = g.input('image', 'float32', image.shape);
        g.output(id.features(g, input), 'features');
        return g;
      },
    );
    try {
      return (await model.run({ image: feedOf(image.data, image.shape) }))['features']!.data as Float32Array;
    } finally {
      await engine.runtime.unload(model.name); // used once per run
    }
  }

  get request(): Readonly<OptimizationState['request']> {
    return this.state.request;
  }

  get steps(): number {
    return this.state.request.steps;
  }

  /** Steps done so far. */
  get step(): number {
    return this.state.step;
  }

  get done(): boolean {
    return this.state.step >= this.state.request.steps;
  }

  /** The current latent [1,…] (W+ rows or concatenated S). */
  get latent(): Array32 {
    return array32([1, ...this.state.latentShape], this.state.latent.slice());
  }

  get initialLatent(): Array32 {
    return array32([1, ...this.state.latentShape], this.state.init.slice());
  }

  /** lr and losses of every step done. */
  get history(): readonly StepLosses[] {
    return this.state.history;
  }

  /** The gradient of step 0, once it has run. */
  get grad0(): Array32 | undefined {
    return this.state.grad0 && array32([1, ...this.state.latentShape], this.state.grad0.slice());
  }

  /** With `keepLatents`: the latent after every step done. */
  get latents(): Array32[] | undefined {
    return this.state.latents?.map((l) => array32([1, ...this.state.latentShape], l.slice()));
  }

  private feeds(): Record<string, ReturnType<typeof feedOf>> {
    const s = this.state;
    const r = s.request;
    const dims = [1, ...s.latentShape];
    const feeds: Record<string, ReturnType<typeof feedOf>> = {
      latent: feedOf(s.latent, dims),
      text: feedOf(s.text, [1, s.text.length]),
    };
    if (r.mode === 'edit') {
      feeds['latent_init'] = feedOf(s.init, dims);
      feeds['l2_lambda'] = feedOf(Float32Array.of(r.l2Lambda), []);
      if (s.idTarget) {
        feeds['id_target'] = feedOf(s.idTarget, [1, s.idTarget.length]);
        feeds['id_lambda'] = feedOf(Float32Array.of(r.idLambda), []);
      }
    }
    return feeds;
  }

  /** The loss terms at the current latent (a forward pass only; e.g. the losses of the final latent). */
  async losses(): Promise<Omit<StepLosses, 'lr'>> {
    if (this.closed) throw new EngineError('the optimization was closed', 'bad_state');
    this.forwardSession ??= this.loaders.forward();
    const out = await (await this.forwardSession).run(this.feeds());
    const value = (k: string) => (out[k] ? (out[k]!.data as Float32Array)[0]! : null);
    return { clip: value('clip')!, l2: value('l2'), id: value('id'), total: value('total')! };
  }

  /** Runs step `step`: losses and gradient at the current latent, then the Adam update. */
  async next(): Promise<OptimizeStepResult> {
    if (this.done) throw new EngineError(`the optimization is done (${this.steps} steps)`, 'bad_state');
    if (this.closed) throw new EngineError('the optimization was closed', 'bad_state');
    const s = this.state;
    const r = s.request;
    const i = s.step;
    const dims = [1, ...s.latentShape];
    const feeds = this.feeds();
    this.stepSession ??= this.loaders.step();
    const out = await (
      await this.stepSession
    ).run(feeds, [
      'clip',
      'total',
      'grad',
      ...(r.mode === 'edit' ? ['l2'] : []),
      ...(s.idTarget && r.mode === 'edit' ? ['id'] : []),
    ]);
    const value = (k: string) => (out[k] ? (out[k]!.data as Float32Array)[0]! : null);
    const grad = (out['grad']!.data as Float32Array).slice();
    if (!grad.every(Number.isFinite))
      throw new EngineError(`step ${i}: the gradient is not finite (the loss diverged)`, 'diverged');
    const lr = styleclipLr(i, r.steps, r.lr);
    const losses: StepLosses = {
      lr,
      clip: value('clip')!,
      l2: value('l2'),
      id: value('id'),
      total: value('total')!,
    };
    this.optimizer.step([s.latent], [grad], lr);
    s.step = i + 1;
    s.history.push(losses);
    s.optimizer = this.optimizer.state();
    if (i === 0) s.grad0 = grad.slice();
    if (this.keepLatents) s.latents?.push(s.latent.slice());
    return { step: i, losses, grad: array32(dims, grad), latent: this.latent };
  }

  /** The image [1,3,H,W] (raw) of a latent of this run's space (default: the current one). */
  async render(latent: Array32 = this.latent): Promise<Array32> {
    const c = this.engine.components;
    if (this.state.request.space === 's') return c.synthesis(latent);
    const L = this.engine.manifest.generator.nLatent;
    const D = this.engine.manifest.generator.config.styleDim;
    // Free generation carries 18 rows; the generator reads the first L.
    return c.generate(latent.shape[1] === L ? latent : array32([1, L, D], latent.data.slice(0, L * D)));
  }

  /**
   * Releases the loss-graph sessions (gigabytes at 1024). The state stays readable (`latent`, `history`,
   * `checkpoint()`), but the run cannot step any more. A worker that runs the same kind of job again may keep
   * them loaded instead (the next run with the same graph reuses them).
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const s of [this.stepSession, this.forwardSession])
      if (s) await this.engine.runtime.unload((await s).name);
  }

  /** The run's state as bytes (safetensors): store them; `resume` continues from them. */
  checkpoint(): Promise<Uint8Array> {
    return encodeOptimizationState(this.state);
  }
}
