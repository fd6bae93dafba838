import { broadcastW, zFromSeeds, type Array32 } from '@styleclip/latent-math';
import { createRuntime, type Runtime, type RunnerConfig } from '@styleclip/model-runners';
import { loadModelSet, type ModelSet } from '@styleclip/model-sets';
import { Components, EngineError, type RenderOptions } from './components';
import type { MicroBatchOptions } from './micro-batcher';
import { TextEncoder } from './text';
import { Editor } from './edits';
import { FaceInverter } from './photos/inverter';

export interface GeneratedBatch {
  seeds: number[];
  truncation: number;
  z: Array32;
  w: Array32;
  wplus: Array32;
  images: Array32;
}

export interface EngineOptions {
  /** Share a runtime across engines; otherwise the engine owns one. */
  runtime?: Runtime;
  runner?: Partial<RunnerConfig>;
  verify?: boolean;
  /** Micro-batch concurrent synthesis calls (servers); off by default. */
  batching?: MicroBatchOptions;
}

/** The editing engine for one model set: no transport, no storage; arrays in, arrays out. */
export class Engine {
  readonly text: TextEncoder;
  readonly edit: Editor;
  /** e4e inversion of aligned faces and their reconstructions (photos; see `src/photos/`). */
  readonly faces: FaceInverter;

  private constructor(
    readonly components: Components,
    readonly runtime: Runtime,
    private readonly ownsRuntime: boolean,
  ) {
    this.text = new TextEncoder(components);
    this.edit = new Editor(components, this.text);
    this.faces = new FaceInverter(components);
  }

  static async open(modelDir: string, o: EngineOptions = {}): Promise<Engine> {
    const set: ModelSet = await loadModelSet(modelDir, { verify: o.verify ?? false });
    const runtime = o.runtime ?? createRuntime(o.runner);
    return new Engine(new Components(set, runtime, o.batching), runtime, !o.runtime);
  }

  get manifest() {
    return this.components.set.manifest;
  }

  /** seeds → z → w (truncated) → W+, without rendering (for callers that only need the latent). */
  async latents(seeds: readonly number[], truncation = 1): Promise<Omit<GeneratedBatch, 'images'>> {
    if (seeds.length === 0) throw new EngineError('generate: no seeds', 'bad_parameter');
    if (!(truncation >= 0 && truncation <= 2))
      throw new EngineError(`truncation must be in [0, 2], got ${truncation}`, 'bad_parameter');
    const g = this.manifest.generator;
    const z = zFromSeeds(seeds, g.config.styleDim);
    const w = await this.components.mapping(z, truncation);
    return { seeds: [...seeds], truncation, z, w, wplus: broadcastW(w, g.nLatent) };
  }

  /** seeds → z → w (truncated) → W+ → image [N,3,R,R] (R: `o.resolution`, default the full size). */
  async generate(seeds: readonly number[], truncation = 1, o: RenderOptions = {}): Promise<GeneratedBatch> {
    this.components.renderPath(o.resolution);
    const latents = await this.latents(seeds, truncation);
    return { ...latents, images: await this.components.generate(latents.wplus, o) };
  }

  async close(): Promise<void> {
    if (this.ownsRuntime) await this.runtime.dispose();
  }
}
