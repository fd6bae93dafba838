import { createHash } from 'node:crypto';
import {
  applyDirection,
  applyMapperDelta,
  autoBeta,
  channelRelevance,
  globalDirection,
  DirectionError,
  type Array32,
  type TopChannel,
} from '@styleclip/latent-math';
import { EngineError, type Components, type RenderOptions } from './components';
import { loadDirectionsData, type DirectionsData } from './directions/data';
import type { TextEncoder } from './text';

/** A latent to edit: a W+ code [1,L,D] (generated or inverted) or an S code [1,ΣC] (a previous global edit). */
export type EditLatent = { wplus: Array32 } | { s: Array32 };

export interface GlobalEditRequest extends RenderOptions {
  latent: EditLatent;
  /** Text pair, or a precomputed unit Δt. */
  text?: { neutral: string; target: string };
  dt?: Float32Array;
  alphas: readonly number[];
  /** β, or 'auto' (largest of 0.10…0.29 keeping more than `autoThreshold` channels). */
  beta: number | 'auto';
  autoThreshold?: number;
  topK?: number;
}

export interface GlobalEditResult {
  /** One image per α, [A,3,R,R] (R: the requested resolution, default the generator's size). */
  images: Array32;
  /** The edited S codes, one per α [A,ΣC] (reusable as a new base). */
  s: Array32;
  kept: number;
  beta: number;
  top: TopChannel[];
  maxAbsRelevance: number;
  dtNorm?: number;
  truncatedPrompts: string[];
}

export interface DirectionPreview {
  kept: number;
  beta: number;
  top: TopChannel[];
  maxAbsRelevance: number;
  ds: Float32Array;
  dtNorm?: number;
}

/** A bounded cache of S codes by the content hash of the W+ they came from. */
class LatentCache {
  private readonly map = new Map<string, Array32>();
  constructor(private readonly maxEntries: number) {}
  static key(a: Array32): string {
    return createHash('sha256')
      .update(new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength))
      .update(a.shape.join(','))
      .digest('hex');
  }
  get(k: string): Array32 | undefined {
    const v = this.map.get(k);
    if (v) {
      this.map.delete(k);
      this.map.set(k, v);
    }
    return v;
  }
  set(k: string, v: Array32): void {
    this.map.set(k, v);
    if (this.map.size > this.maxEntries) this.map.delete(this.map.keys().next().value!);
  }
}

/** Global-direction and mapper edits over one model set's components. */
export class Editor {
  private directions?: Promise<DirectionsData>;
  private readonly sCache = new LatentCache(256);

  constructor(
    private readonly components: Components,
    private readonly text: TextEncoder,
  ) {}

  private data(): Promise<DirectionsData> {
    this.directions ??= loadDirectionsData(this.components.set);
    this.directions.catch(() => (this.directions = undefined));
    return this.directions;
  }

  /** S of a latent (cached by content for W+ inputs). */
  async sOf(latent: EditLatent): Promise<Array32> {
    if ('s' in latent) return latent.s;
    const key = LatentCache.key(latent.wplus);
    const hit = this.sCache.get(key);
    if (hit) return hit;
    const s = await this.components.styles(latent.wplus);
    this.sCache.set(key, s);
    return s;
  }

  private async dtOf(r: { text?: { neutral: string; target: string }; dt?: Float32Array }) {
    if (r.dt) return { dt: r.dt, truncated: [] as string[], norm: undefined };
    if (!r.text)
      throw new EngineError('a global edit needs neutral and target texts (or a Δt)', 'bad_parameter');
    const d = await this.text.direction(r.text.neutral, r.text.target);
    return { dt: d.direction, norm: d.normBeforeNormalization, truncated: d.truncated };
  }

  /** Channel count and top channels for a text pair and β (no image is generated). */
  async preview(r: {
    text?: { neutral: string; target: string };
    dt?: Float32Array;
    beta: number | 'auto';
    autoThreshold?: number;
    topK?: number;
  }): Promise<DirectionPreview> {
    const data = await this.data();
    const { dt, norm } = await this.dtOf(r);
    if (dt.length !== data.embedDim) {
      throw new EngineError(
        `Δt has ${dt.length} values; the channel-relevance table expects ${data.embedDim}`,
        'bad_parameter',
      );
    }
    let beta = r.beta;
    let relevance: Float32Array | undefined;
    if (beta === 'auto') {
      relevance = channelRelevance(data.fs3, data.rows, dt);
      beta = autoBeta(relevance, r.autoThreshold ?? 20);
    }
    try {
      const d = globalDirection({
        fs3: data.fs3,
        rows: data.rows,
        dt,
        ...(relevance ? { relevance } : {}),
        beta,
        sStd: data.std,
        layout: this.components.generator.sLayout,
        topK: r.topK ?? 20,
      });
      return {
        kept: d.kept,
        beta,
        top: d.top,
        maxAbsRelevance: d.maxAbsRelevance,
        ds: d.ds,
        ...(norm !== undefined ? { dtNorm: norm } : {}),
      };
    } catch (e) {
      if (e instanceof DirectionError)
        throw new EngineError(e.message, e.code === 'no_channels' ? 'no_channels' : 'bad_parameter');
      throw e;
    }
  }

  /** s' = s + α·Δs for each α, one synthesis batch for the whole strip. */
  async global(r: GlobalEditRequest): Promise<GlobalEditResult> {
    if (r.alphas.length === 0 || r.alphas.length > 16)
      throw new EngineError('give 1 to 16 α values', 'bad_parameter');
    if (r.alphas.some((a) => !Number.isFinite(a) || Math.abs(a) > 100))
      throw new EngineError('α must be finite and within ±100', 'bad_parameter');
    this.components.renderPath(r.resolution);
    const s = await this.sOf(r.latent);
    if (s.shape[0] !== 1) throw new EngineError('edit one latent at a time', 'bad_shape');
    const { dt, truncated, norm } = await this.dtOf(r);
    const p = await this.preview({ ...r, dt });
    const edited = applyDirection(s, p.ds, r.alphas);
    const images = await this.components.synthesis(edited, {
      ...(r.resolution !== undefined ? { resolution: r.resolution } : {}),
    });
    return {
      images,
      s: edited,
      kept: p.kept,
      beta: p.beta,
      top: p.top,
      maxAbsRelevance: p.maxAbsRelevance,
      ...(norm !== undefined ? { dtNorm: norm } : {}),
      truncatedPrompts: truncated,
    };
  }

  /** w + strength·0.1·M(w) → image [1,3,R,R] (R: `resolution`, default the full size) and the edited W+. */
  async mapper(
    r: { wplus: Array32; mapper: string; strength: number } & RenderOptions,
  ): Promise<{ images: Array32; wplus: Array32 }> {
    if (!Number.isFinite(r.strength) || Math.abs(r.strength) > 10)
      throw new EngineError('strength must be within ±10', 'bad_parameter');
    this.components.renderPath(r.resolution);
    const delta = await this.components.mapper(r.mapper, r.wplus);
    const wplus = applyMapperDelta(r.wplus, delta, r.strength);
    // Through S and synthesis (not the fused generator) so concurrent edits share synthesis batches.
    const render = r.resolution !== undefined ? { resolution: r.resolution } : {};
    return { images: await this.components.synthesis(await this.components.styles(wplus), render), wplus };
  }
}
