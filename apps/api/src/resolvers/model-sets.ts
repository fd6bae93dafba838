import { previewResolutionOf } from '@styleclip/editing';
import { describeParameters, parseParameters, type ModelSetEntry } from '@styleclip/studio';
import type { ModelSetResolvers, QueryResolvers } from '../generated/resolvers';

export const modelSetResolvers: {
  Query: Pick<QueryResolvers, 'health' | 'modelSets' | 'modelSet' | 'textDirection' | 'parameters'>;
  ModelSet: ModelSetResolvers;
} = {
  Query: {
    health: async (_, __, ctx) => ({
      status: ctx.services.models.ready ? 'ok' : 'starting',
      version: ctx.services.version,
      modelSets: (await ctx.services.models.list()).map((s) => s.id),
      storage: ctx.services.storage.kind,
    }),
    modelSets: (_, __, ctx) => ctx.services.models.list(),
    modelSet: async (_, a, ctx) => {
      const sets = await ctx.services.models.list();
      return sets.find((x) => x.id === (a.id ?? ctx.services.models.defaultId)) ?? null;
    },
    /** Every limit and default of the operations, from the core's parameter schema. */
    parameters: (_, __, ctx) => describeParameters(ctx.services.parameters),
    textDirection: async (_, a, ctx) => {
      const { modelSetId, ...input } = a.input;
      const i = parseParameters(ctx.services.parameters.textDirection, input);
      const engine = await ctx.services.models.engine((await ctx.services.models.get(modelSetId)).id);
      const p = await engine.edit.preview({
        text: { neutral: i.neutral, target: i.target },
        beta: i.autoBeta ? 'auto' : i.beta,
        topK: i.top,
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
  /** A model set as the schema shows it, from its manifest. */
  ModelSet: {
    id: (s: ModelSetEntry) => s.id,
    size: (s) => s.manifest.generator.config.size,
    styleDim: (s) => s.manifest.generator.config.styleDim,
    nLatent: (s) => s.manifest.generator.nLatent,
    mappers: (s) =>
      Object.entries(s.manifest.mappers).map(([name, e]) => ({ modelSetId: s.id, name, ...e.config.groups })),
    hasClip: (s) => s.manifest.clip !== undefined,
    hasDirections: (s) => Boolean(s.manifest.directions?.fs3),
    directions: (s) => {
      const d = s.manifest.directions;
      return d?.fs3
        ? { rows: d.fs3Rows ?? 0, layers: d.fs3Layers ?? [], images: d.fs3Images ?? null, origin: d.origin }
        : null;
    },
    // Uploads to a set with an encoder are inverted (INVERT_PHOTO) and their faces can be edited.
    inversionConfigured: (s) => s.manifest.encoder !== undefined,
    previewResolutions: (s) => s.manifest.generator.previews.map((p) => p.resolution),
    previewResolution: (s) => previewResolutionOf(s.manifest.generator),
  },
};
