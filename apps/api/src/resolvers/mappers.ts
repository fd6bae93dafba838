import type { EditRecord } from '@styleclip/studio';

/** The parent of `EditResult` fields: one entry of an edit record's results. */
export type EditResultParent = EditRecord['results'][number];

/** The parent of `Point` fields: [x, y] as records store landmarks and quads. */
export type PointParent = readonly number[];
