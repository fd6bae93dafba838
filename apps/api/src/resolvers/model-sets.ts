import type { QueryModelSetArgs, QueryTextDirectionArgs } from '@styleclip/api-contract';
import type { ApiContext } from '../context';
import { badInput } from '../errors';
import type { ModelSetEntry } from '../model-sets';

/** A model set as the schema shows it. */
export function toModelSet(s: ModelSetEntry) {
  const m = s.manifest;
  const d = m.directions;
  return {
    id: s.id,
    size: m.generator.config.size,
    styleDim: m.generator.config.styleDim,
    nLatent: m.generator.nLatent,
    mappers: Object.entries(m.mappers).map(([name, e]) => ({ name, ...e.config.groups })),
    hasClip: m.clip !== undefined,
    hasDirections: Boolean(d?.fs3),
    directions: d?.fs3
      ? { rows: d.fs3Rows ?? 0, layers: d.fs3Layers ?? [], images: d.fs3Images ?? null, origin: d.origin }
      : null,
    inversionConfigured: false,
  };
}

export const modelSetResolvers = {
  Query: {
    health: async (_: unknown, __: unknown, ctx: ApiContext) => ({
      status: ctx.services.models.ready ? 'ok' : 'starting',
      version: ctx.services.version,
      modelSets: (await ctx.services.models.list()).map((s) => s.id),
      storage: ctx.services.storage.kind,
    }),
    modelSets: async (_: unknown, __: unknown, ctx: ApiContext) =>
      (await ctx.services.models.list()).map(toModelSet),
    modelSet: async (_: unknown, a: QueryModelSetArgs, ctx: ApiContext) => {
      const sets = await ctx.services.models.list();
      const s = sets.find((x) => x.id === (a.id ?? ctx.services.models.defaultId));
      return s ? toModelSet(s) : null;
    },
    textDirection: async (_: unknown, a: QueryTextDirectionArgs, ctx: ApiContext) => {
      const i = a.input;
      const top = i.top ?? 10;
      if (!Number.isInteger(top) || top < 1 || top > 100)
        throw badInput(`top must be an integer in 1…100, got ${top}`);
      const beta = i.beta ?? 0.15;
      if (!i.autoBeta && !(beta >= 0 && beta <= 1)) throw badInput(`β must be in [0, 1], got ${beta}`);
      const engine = await ctx.services.models.engine((await ctx.services.models.get(i.modelSetId)).id);
      const p = await engine.edit.preview({
        text: { neutral: i.neutral, target: i.target },
        beta: i.autoBeta ? 'auto' : beta,
        topK: top,
      });
      return {
        channels: p.kept,
        beta: p.beta,
        maxAbsRelevance: p.maxAbsRelevance,
        dtNorm: p.dtNorm ?? null,
        topChannels: p.top.map((t) => ({
          layer: t.layer,
          layerName: t.layerName ?? null,
          channel: t.channel,
          weight: t.weight,
        })),
      };
    },
  },
};
