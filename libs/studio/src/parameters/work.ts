import { defaultOf } from './parse';
import { PARAMETERS } from './schema';

/**
 * What one call of an operation costs, declared once, beside the parameter schema whose list sizes drive it:
 * `units` of work (one unit = one image through the generator at the set's resolution, or one other network run
 * of similar weight: a CLIP text encoding, an image decode), and `storedImages`, the images it keeps. Adapters
 * add up the calls of a whole request (aliases included) before running anything, and refuse it against
 * per-request caps and per-caller budgets (the API: its work-budget plugin). Operations missing here cost
 * nothing (they read records).
 */
export interface Work {
  units: number;
  storedImages: number;
}

/** How many items a list input has (what was sent; the default's length when it was left out). */
const count = (value: unknown, whenAbsent: number): number =>
  Array.isArray(value) ? value.length : value === undefined || value === null ? whenAbsent : 1;

const ALPHAS_DEFAULT = defaultOf(PARAMETERS.editGlobal, 'alphas').length;

const globalEdit = (input: Record<string, unknown>, stores: boolean): Work => {
  const images = count(input.alphas, ALPHAS_DEFAULT);
  return { units: images, storedImages: stores ? images : 0 };
};

/** The work of each operation, from its input (the GraphQL `input` argument, or the arguments themselves). */
export const OPERATION_WORK: Readonly<Record<string, (input: Record<string, unknown>) => Work>> = {
  generateImages: (i) => {
    const n = count(i.seeds, 0);
    return { units: n, storedImages: n };
  },
  editGlobal: (i) => globalEdit(i, true),
  previewGlobalEdit: (i) => globalEdit(i, false),
  editMapper: () => ({ units: 1, storedImages: 1 }),
  previewMapperEdit: () => ({ units: 1, storedImages: 0 }),
  textDirection: () => ({ units: 1, storedImages: 0 }),
  completeUpload: () => ({ units: 1, storedImages: 1 }),
  // A job is queued, not run here (the queue limit bounds jobs); submitting it reads the model set.
  precomputeDirections: () => ({ units: 1, storedImages: 0 }),
  // Deletions run no network but may cascade through many records.
  deleteImage: () => ({ units: 1, storedImages: 0 }),
  deleteEdit: () => ({ units: 1, storedImages: 0 }),
};

/** The work of one call of `operation` with `input` (zero for operations that only read). */
export function workOf(operation: string, input: Record<string, unknown>): Work {
  return OPERATION_WORK[operation]?.(input) ?? { units: 0, storedImages: 0 };
}
