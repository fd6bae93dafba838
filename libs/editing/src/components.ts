import { array32, concatRows, rows, sWidth, type Array32 } from '@styleclip/latent-math';
import type { ModelHandle, Runtime, TensorData } from '@styleclip/model-runners';
import type { FileRef, ModelSet, ModelSetManifest } from '@styleclip/model-sets';
import { MicroBatcher, type MicroBatchOptions } from './micro-batcher';
import { areaDownsample, PREVIEW_COST_SHARE, previewResolutionOf } from './previews';

export class EngineError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

/** A model set's CLIP, or NO_CLIP saying how to add one (everything text-driven needs it). */
export function clipOf(manifest: ModelSetManifest): NonNullable<ModelSetManifest['clip']> {
  if (!manifest.clip)
    throw new EngineError(
      `model set ${manifest.id} has no CLIP model; import one with "models import --clip FILE"`,
      'no_clip',
    );
  return manifest.clip;
}

const f32 = (a: Array32): TensorData => ({ type: 'float32', dims: a.shape, data: a.data });

/** Where a render at some resolution comes from. */
export type RenderPath =
  /** The full synthesis graph. */
  | 'full'
  /** A stopped-early synthesis graph of the set (a fraction of the cost). */
  | 'preview'
  /** The full synthesis, area-downsampled: sets built before preview graphs existed (same cost as full). */
  | 'downsampled';

/** Options of every render call: `resolution` (default the generator's size) picks a preview. */
export interface RenderOptions {
  resolution?: number;
}

/** Token ids for the text encoder: int64 [N, context]. */
export interface TokenIds {
  shape: readonly number[];
  data: BigInt64Array;
}

/**
 * Typed access to the networks of one model set: each call checks the input shape against the manifest,
 * loads the model on first use (sessions are shared through the runtime) and returns float32 arrays.
 */
export class Components {
  /** Concurrent full-resolution synthesis calls share generator runs (see MicroBatcher); off unless configured. */
  readonly synthesisBatcher?: MicroBatcher;
  /** The same for each preview resolution, made on first use. */
  private readonly previewBatchers = new Map<number, MicroBatcher>();
  /** Models derived from the set's files, by key (see `loadPart`). */
  private readonly parts = new Map<string, Promise<ModelHandle>>();

  constructor(
    readonly set: ModelSet,
    private readonly runtime: Runtime,
    private readonly batching?: MicroBatchOptions,
  ) {
    if (batching) {
      this.synthesisBatcher = new MicroBatcher((s) => this.runSynthesis(s, this.size), batching);
    }
  }

  /** The generator's output size (the full resolution). */
  get size(): number {
    return this.generator.config.size;
  }

  /** Resolutions with a preview graph in the set, ascending. */
  get previewResolutions(): number[] {
    return this.generator.previews.map((p) => p.resolution);
  }

  /** The resolution to preview at while inputs change (see previewResolutionOf). */
  defaultPreviewResolution(maxCostShare = PREVIEW_COST_SHARE): number {
    return previewResolutionOf(this.generator, maxCostShare);
  }

  /** How a render at `resolution` is produced; refuses resolutions this generator cannot give. */
  renderPath(resolution = this.size): RenderPath {
    if (resolution === this.size) return 'full';
    if (
      !Number.isInteger(resolution) ||
      !Number.isInteger(Math.log2(resolution)) ||
      resolution < 4 ||
      resolution > this.size
    ) {
      throw new EngineError(
        `resolution must be a power of two from 4 to ${this.size}, got ${resolution}`,
        'bad_parameter',
      );
    }
    return this.previewResolutions.includes(resolution) ? 'preview' : 'downsampled';
  }

  get generator() {
    return this.set.manifest.generator;
  }

  /** Width of the concatenated S vector. */
  get sDim(): number {
    return sWidth(this.generator.sLayout);
  }

  private model(ref: FileRef): Promise<ModelHandle> {
    // Sessions are keyed by file (path and content hash), so two sets never share one by accident.
    return this.runtime.load(`${this.set.path(ref)}#${ref.sha256.slice(0, 16)}`, this.set.path(ref));
  }

  /** Creates the session of one of the set's files now (otherwise its first run does): warm-ups, timings. */
  async load(ref: FileRef): Promise<void> {
    await this.model(ref);
  }

  /**
   * Loads a model derived in memory from the set's files (a cut of its synthesis graph: see SynthesisCuts)
   * under `key`, which must be unique to those bytes; loading a key again is free. `unloadPart` frees it.
   */
  async loadPart(key: string, bytes: () => Uint8Array): Promise<void> {
    let model = this.parts.get(key);
    if (!model) {
      model = this.runtime.load(key, bytes());
      model.catch(() => this.parts.delete(key));
      this.parts.set(key, model);
    }
    await model;
  }

  /** How many runs the runtime executes at once (its worker threads): callers with independent runs use it. */
  get parallelRuns(): number {
    return this.runtime.config.workers ?? 1;
  }

  /** Runs a part loaded by `loadPart`; float32 feeds and outputs. */
  async runPart(
    key: string,
    feeds: Record<string, Array32>,
    outputs: readonly string[],
  ): Promise<Record<string, Array32>> {
    const model = this.parts.get(key);
    if (!model) throw new Error(`runPart: ${key} is not loaded`);
    const f: Record<string, TensorData> = {};
    for (const [k, v] of Object.entries(feeds)) f[k] = f32(v);
    const out = await (await model).run(f, outputs);
    return Object.fromEntries(
      outputs.map((name) => [name, array32(out[name]!.dims, out[name]!.data as Float32Array)]),
    );
  }

  async unloadPart(key: string): Promise<void> {
    if (!this.parts.delete(key)) return;
    await this.runtime.unload(key);
  }

  private check(what: string, a: Array32, expected: readonly (number | undefined)[]): void {
    const ok =
      a.shape.length === expected.length && expected.every((d, i) => d === undefined || d === a.shape[i]);
    if (!ok) {
      const want = expected.map((d) => d ?? 'N').join(',');
      throw new EngineError(`${what}: expected shape [${want}], got [${a.shape.join(',')}]`, 'bad_shape');
    }
    if (a.shape[0] === 0) throw new EngineError(`${what}: empty batch`, 'bad_shape');
  }

  private async run(
    ref: FileRef,
    feeds: Record<string, Array32 | TensorData>,
    output: string,
  ): Promise<Array32> {
    return (await this.runOutputs(ref, feeds, [output]))[output]!;
  }

  private async runOutputs(
    ref: FileRef,
    feeds: Record<string, Array32 | TensorData>,
    outputs: readonly string[],
  ): Promise<Record<string, Array32>> {
    const model = await this.model(ref);
    const f: Record<string, TensorData> = {};
    for (const [k, v] of Object.entries(feeds)) f[k] = 'type' in v ? v : f32(v);
    const out = await model.run(f);
    return Object.fromEntries(
      outputs.map((name) => [name, array32(out[name]!.dims, out[name]!.data as Float32Array)]),
    );
  }

  /** z [N,D] → w [N,D], truncated toward latent_avg by ψ (1 = none). */
  async mapping(z: Array32, truncation = 1): Promise<Array32> {
    this.check('mapping input z', z, [undefined, this.generator.config.styleDim]);
    if (!Number.isFinite(truncation))
      throw new EngineError('truncation must be a finite number', 'bad_parameter');
    const psi = array32([1], Float32Array.of(truncation));
    return this.run(this.generator.models.mapping, { z, truncation: psi }, 'w');
  }

  /** W+ [N,L,D] → S [N,ΣC] (StyleSpace order, toRGB included). */
  async styles(wplus: Array32): Promise<Array32> {
    this.check('styles input W+', wplus, [undefined, this.generator.nLatent, this.generator.config.styleDim]);
    return this.run(this.generator.models.styles, { wplus }, 's');
  }

  /**
   * S [N,ΣC] → image [N,3,R,R] (raw, about [−1,1]); R = `o.resolution`, default the full size. A preview
   * resolution runs the set's stopped-early graph (same S; the editing math does not change); a set without
   * that graph renders in full and area-downsamples (see `renderPath`).
   */
  async synthesis(s: Array32, o: RenderOptions = {}): Promise<Array32> {
    this.check('synthesis input S', s, [undefined, this.sDim]);
    const resolution = o.resolution ?? this.size;
    const path = this.renderPath(resolution);
    if (path === 'downsampled') return areaDownsample(await this.synthesis(s), this.size / resolution);
    const batcher = path === 'full' ? this.synthesisBatcher : this.previewBatcher(resolution);
    return batcher ? batcher.call(s) : this.runSynthesis(s, resolution);
  }

  private previewBatcher(resolution: number): MicroBatcher | undefined {
    if (!this.batching) return undefined;
    let b = this.previewBatchers.get(resolution);
    if (!b)
      this.previewBatchers.set(
        resolution,
        (b = new MicroBatcher((s) => this.runSynthesis(s, resolution), this.batching)),
      );
    return b;
  }

  /**
   * Most images per generator run at `resolution` (default the full size). Measured on CPU (2 threads) with
   * the 1024 synthesis graph: 1222, 1195 and 1711 ms per image at batch 1, 2 and 4 (activations of several
   * GB), so runs are capped at 2 images of 1024² (more at smaller sizes). Larger batches are split.
   */
  maxImagesPerRunAt(resolution = this.size): number {
    return Math.max(1, Math.floor((2 * 1024 * 1024) / resolution ** 2));
  }

  get maxImagesPerRun(): number {
    return this.maxImagesPerRunAt();
  }

  private async chunked(
    input: Array32,
    run: (part: Array32) => Promise<Array32>,
    resolution = this.size,
  ): Promise<Array32> {
    const n = input.shape[0]!;
    const max = this.maxImagesPerRunAt(resolution);
    if (n <= max) return run(input);
    const parts: Array32[] = [];
    for (let i = 0; i < n; i += max) parts.push(await run(rows(input, i, Math.min(n, i + max))));
    return concatRows(parts);
  }

  private runSynthesis(s: Array32, resolution: number): Promise<Array32> {
    const ref =
      resolution === this.size
        ? this.generator.models.synthesis
        : this.generator.previews.find((p) => p.resolution === resolution)!.synthesis;
    return this.chunked(s, (part) => this.run(ref, { s: part }, 'image'), resolution);
  }

  /** W+ [N,L,D] → image [N,3,R,R]: the fused generator graph at full size, styles → synthesis for previews. */
  async generate(wplus: Array32, o: RenderOptions = {}): Promise<Array32> {
    this.check('generator input W+', wplus, [
      undefined,
      this.generator.nLatent,
      this.generator.config.styleDim,
    ]);
    if (this.renderPath(o.resolution) !== 'full') return this.synthesis(await this.styles(wplus), o);
    return this.chunked(wplus, (part) => this.run(this.generator.models.generator, { wplus: part }, 'image'));
  }

  get clip() {
    return clipOf(this.set.manifest);
  }

  /** Already-normalized pixels [N,3,R,R] → image embeddings [N,E] (not normalized). */
  async clipImage(images: Array32): Promise<Array32> {
    const { config, image } = this.clip;
    this.check('clip-image input', images, [undefined, 3, config.imageResolution, config.imageResolution]);
    return this.run(image, { image: images }, 'embedding');
  }

  /** Token ids int64 [N,context] → text embeddings [N,E] (not normalized). */
  async clipText(ids: TokenIds): Promise<Array32> {
    const { config, text } = this.clip;
    const n = ids.shape[0]!;
    if (ids.shape.length !== 2 || ids.shape[1] !== config.contextLength || n === 0) {
      throw new EngineError(
        `clip-text input: expected int64 ids [N,${config.contextLength}], got [${ids.shape.join(',')}]`,
        'bad_shape',
      );
    }
    for (const v of ids.data) {
      if (v < 0n || v >= BigInt(config.vocabSize))
        throw new EngineError(`clip-text input: token id ${v} outside the vocabulary`, 'bad_input');
    }
    return this.run(text, { ids: { type: 'int64', dims: ids.shape, data: ids.data } }, 'embedding');
  }

  get arcface() {
    const arcface = this.set.manifest.arcface;
    if (!arcface) {
      throw new EngineError(
        `model set ${this.set.manifest.id} has no ArcFace model; import one with "models import --arcface FILE"`,
        'no_arcface',
      );
    }
    return arcface;
  }

  /** Face crops [N,3,112,112] (RGB in [-1, 1]) → ArcFace features [N,E], L2-normalized. */
  async arcfaceFeatures(images: Array32): Promise<Array32> {
    const { config, features } = this.arcface;
    this.check('arcface input', images, [undefined, 3, config.inputSize, config.inputSize]);
    return this.run(features, { image: images }, 'features');
  }

  /**
   * StyleCLIP's ID loss of images ŷ against y (both [N,3,S,S] at the generator's size S, raw generator output):
   * the loss [1] and its gradient w.r.t. ŷ.
   */
  async idLoss(yHat: Array32, y: Array32): Promise<{ loss: Array32; gradYHat: Array32 }> {
    const { idLoss, idLossSize: s } = this.arcface;
    this.check('id-loss input', yHat, [undefined, 3, s, s]);
    this.check('id-loss target', y, [yHat.shape[0], 3, s, s]);
    const out = await this.runOutputs(idLoss, { y_hat: yHat, y }, ['loss', 'grad_y_hat']);
    return { loss: out['loss']!, gradYHat: out['grad_y_hat']! };
  }

  get encoder() {
    const encoder = this.set.manifest.encoder;
    if (!encoder) {
      throw new EngineError(
        `model set ${this.set.manifest.id} has no encoder; import an e4e checkpoint with "models import --encoder FILE"`,
        'no_encoder',
      );
    }
    return encoder;
  }

  /**
   * e4e inversion: aligned faces [N,3,R,R] (RGB in [-1, 1], R = 256 for e4e) → `wplus` [N,L,D] (codes +
   * latent_avg, what the generator takes) and the raw `codes`.
   */
  async encode(images: Array32): Promise<{ wplus: Array32; codes: Array32 }> {
    const { config, model } = this.encoder;
    this.check('encoder input', images, [undefined, 3, config.inputSize, config.inputSize]);
    return this.runOutputs(model, { image: images }, ['wplus', 'codes']) as Promise<{
      wplus: Array32;
      codes: Array32;
    }>;
  }

  /** pSp's `face_pool`: generator images [N,3,S,S] → [N,3,R,R] at the encoder's input size (R = 256 for e4e). */
  async facePool(images: Array32): Promise<Array32> {
    const { facePool } = this.encoder;
    const s = this.generator.config.size;
    this.check('face-pool input', images, [undefined, 3, s, s]);
    return this.run(facePool, { image: images }, 'pooled');
  }

  /** W+ [N,L,D] → M(w) [N,L,D], the raw output of mapper `name`. */
  async mapper(name: string, wplus: Array32): Promise<Array32> {
    const entry = this.set.manifest.mappers[name];
    if (!entry) {
      const names = Object.keys(this.set.manifest.mappers);
      throw new EngineError(
        `model set ${this.set.manifest.id} has no mapper "${name}"${names.length ? ` (it has: ${names.join(', ')})` : ' (it has none)'}`,
        'unknown_mapper',
      );
    }
    this.check('mapper input W+', wplus, [undefined, undefined, entry.config.dim]);
    return this.run(entry.model, { wplus }, 'delta');
  }
}
