import type { EditRecord } from '@styleclip/studio';

/** The parent of `EditResult` fields: one entry of an edit record's results. */
export type EditResultParent = EditRecord['results'][number];
