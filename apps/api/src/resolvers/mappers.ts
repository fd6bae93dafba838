import type { EditRecord } from '@styleclip/studio';

/** The parent of `EditResult` fields: one entry of an edit record's results. */
export type EditResultParent = EditRecord['results'][number];

/** The parent of `Mapper` fields: a mapper of a model set's manifest, with the set it belongs to. */
export interface MapperParent {
  modelSetId: string;
  name: string;
  coarse: boolean;
  medium: boolean;
  fine: boolean;
}

/** The parent of `OptimizationSettings` fields: an OPTIMIZE edit's record of how it ran. */
export type OptimizationParent = NonNullable<EditRecord['optimization']>;
/** The parent of `Point` fields: [x, y] as records store landmarks and quads. */
export type PointParent = readonly number[];
